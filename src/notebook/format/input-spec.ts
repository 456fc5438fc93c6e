import { isMap, isScalar } from 'yaml';
import type { InputCell, InputSpec } from '../document';
import { formatError, type FormatProblem } from './problems';
import { isRecord, parseYaml, plainValue } from './yaml-text';
import { checkModelSpec, ModelSpecError } from '../../scoring/model-spec';

/**
 * An input cell's YAML read as an InputSpec, with the first thing wrong with it said so a
 * person editing the YAML by hand can fix it (line numbers are within the cell's source).
 */

const KEYS: Record<InputSpec['type'], readonly string[]> = {
  slider: ['type', 'label', 'min', 'max', 'step', 'value'],
  number: ['type', 'label', 'min', 'max', 'step', 'value'],
  select: ['type', 'label', 'options', 'value'],
  date: ['type', 'label', 'value'],
  weights: ['type', 'label', 'weights', 'locked'],
  model: ['type', 'label', 'matrix', 'indicators', 'weights', 'tiers', 'overrides', 'fitted'],
};
const TYPES = Object.keys(KEYS) as InputSpec['type'][];

/** How far the weights may be from 100 (they are typed with two decimals at most). */
const WEIGHT_TOLERANCE = 0.01;

class SpecError extends Error {
  constructor(readonly key: string | null, message: string) {
    super(message);
  }
}

/** The input's spec, or the first problem with it. */
export function inputSpecOf(cell: InputCell): { spec: InputSpec } | { error: FormatProblem } {
  return parseInputSpec(cell.source);
}

/** An input cell's source read as an InputSpec. */
export function parseInputSpec(source: string): { spec: InputSpec } | { error: FormatProblem } {
  const { doc, errors, lineOf } = parseYaml(source);
  if (errors[0]) return { error: formatError(errors[0].line, `bad YAML: ${errors[0].message}`) };
  const value = plainValue(doc);
  const keyLine = (key: string | null) => {
    if (key === null || !isMap(doc.contents)) return 1;
    const pair = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === key);
    const start = (pair?.key as { range?: number[] } | undefined)?.range?.[0];
    return start === undefined ? 1 : lineOf(start);
  };
  try {
    return { spec: checkSpec(value) };
  } catch (e) {
    if (!(e instanceof SpecError)) throw e;
    return { error: formatError(keyLine(e.key), e.message) };
  }
}

function checkSpec(value: unknown): InputSpec {
  if (!isRecord(value)) throw new SpecError(null, `an input is YAML keys starting with \`type:\` (${TYPES.join(', ')})`);
  const type = value.type;
  if (typeof type !== 'string' || !TYPES.includes(type as InputSpec['type'])) {
    throw new SpecError(type === undefined ? null : 'type', `\`type\` should be one of ${TYPES.join(', ')}`);
  }
  const t = type as InputSpec['type'];
  const unknown = Object.keys(value).find((k) => !KEYS[t].includes(k));
  if (unknown !== undefined) throw new SpecError(unknown, `unknown key \`${unknown}\` for a ${t} input (keys: ${KEYS[t].join(', ')})`);
  const label = optional(value, 'label', 'a text', (v): v is string => typeof v === 'string');
  const common = label === undefined ? {} : { label };
  switch (t) {
    case 'slider':
    case 'number':
      return { type: t, ...common, ...checkRange(t, value) } as InputSpec;
    case 'select':
      return { type: t, ...common, ...checkSelect(value) };
    case 'date':
      return { type: t, ...common, value: checkDate(value.value) };
    case 'weights':
      return { type: t, ...common, ...checkWeights(value) };
    case 'model':
      try {
        return { type: t, ...common, model: checkModelSpec(value) };
      } catch (e) {
        if (e instanceof ModelSpecError) throw new SpecError(e.key, e.message);
        throw e;
      }
  }
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function optional<T>(value: Record<string, unknown>, key: string, what: string, is: (v: unknown) => v is T): T | undefined {
  const v = value[key];
  if (v === undefined) return undefined;
  if (!is(v)) throw new SpecError(key, `\`${key}\` should be ${what}`);
  return v;
}

function required<T>(value: Record<string, unknown>, key: string, what: string, is: (v: unknown) => v is T): T {
  const v = optional(value, key, what, is);
  if (v === undefined) throw new SpecError(null, `\`${key}\` is missing (${what})`);
  return v;
}

function checkRange(type: 'slider' | 'number', value: Record<string, unknown>) {
  const need = type === 'slider' ? required : optional;
  const min = need(value, 'min', 'a number', isNumber);
  const max = need(value, 'max', 'a number', isNumber);
  const step = optional(value, 'step', 'a number', isNumber);
  const v = required(value, 'value', 'a number', isNumber);
  if (min !== undefined && max !== undefined && !(min < max)) throw new SpecError('max', `\`min\` (${min}) should be less than \`max\` (${max})`);
  if (step !== undefined && !(step > 0)) throw new SpecError('step', `\`step\` should be more than 0`);
  if (min !== undefined && v < min) throw new SpecError('value', `\`value\` (${v}) is below \`min\` (${min})`);
  if (max !== undefined && v > max) throw new SpecError('value', `\`value\` (${v}) is above \`max\` (${max})`);
  return { ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }), ...(step === undefined ? {} : { step }), value: v };
}

function checkSelect(value: Record<string, unknown>) {
  const isOptions = (v: unknown): v is (string | number)[] =>
    Array.isArray(v) && v.length > 0 && v.every((o) => typeof o === 'string' || isNumber(o));
  const options = required(value, 'options', 'a list of texts or numbers', isOptions);
  const v = required(value, 'value', 'one of the options', (x): x is string | number => typeof x === 'string' || isNumber(x));
  if (!options.includes(v)) throw new SpecError('value', `\`value\` (${v}) is not one of the options`);
  return { options, value: v };
}

function checkDate(value: unknown): string {
  if (value === undefined) throw new SpecError(null, '`value` is missing (a date like 2024-06-30)');
  const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  const [y, m, d] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (!match || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    throw new SpecError('value', `\`value\` should be a date like 2024-06-30`);
  }
  return value as string;
}

function checkWeights(value: Record<string, unknown>) {
  const isWeights = (v: unknown): v is Record<string, number> => isRecord(v) && Object.keys(v).length > 0;
  const weights = required(value, 'weights', 'names with percentages', isWeights);
  for (const [name, w] of Object.entries(weights)) {
    if (!isNumber(w) || w < 0) throw new SpecError('weights', `the weight of \`${name}\` should be a number ≥ 0`);
  }
  const sum = Object.values(weights).reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 100) > WEIGHT_TOLERANCE) throw new SpecError('weights', `the weights should sum to 100; they sum to ${+sum.toFixed(4)}`);
  const isNames = (v: unknown): v is string[] => Array.isArray(v) && v.every((n) => typeof n === 'string');
  const locked = optional(value, 'locked', 'a list of weight names', isNames);
  const stray = locked?.find((n) => !Object.hasOwn(weights, n));
  if (stray !== undefined) throw new SpecError('locked', `\`locked\` names \`${stray}\`, which is not one of the weights`);
  return { weights, ...(locked === undefined ? {} : { locked }) };
}
