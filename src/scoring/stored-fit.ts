import { compactFit } from './normalise';
import type { FittedIndicator, IndicatorSpec } from './types';

/**
 * The fitted scale as a notebook stores it (the `fitted` list of a model input): per indicator,
 * the settings it was fitted with and the fitted numbers. Stored so that new data is scored on
 * the development sample's scale; never refitted silently. Reading checks each entry against the
 * indicator as the model now defines it: a scale fitted with other settings is refused, by name,
 * rather than applied to the wrong transform.
 */
export type StoredFit = Pick<
  FittedIndicator,
  // the settings the scale was fitted with
  | 'column' | 'transform' | 'winsor' | 'scaling' | 'direction' | 'missing'
  // the fitted numbers
  | 'clipLow' | 'clipHigh' | 'min' | 'max' | 'mean' | 'sd' | 'missingValue' | 'present' | 'absent' | 'quantiles' | 'rankValues' | 'rankLevels'
>;

const NUMBERS = ['clipLow', 'clipHigh', 'min', 'max', 'mean', 'sd', 'missingValue', 'present', 'absent'] as const;
const SETTINGS = ['transform', 'scaling', 'direction', 'missing'] as const;

/** What a notebook stores of a fitted indicator (rank tables compacted, see compactFit). */
export function toStoredFit(fitted: FittedIndicator): StoredFit {
  const f = compactFit(fitted);
  return {
    column: f.column,
    transform: f.transform,
    winsor: f.winsor,
    scaling: f.scaling,
    direction: f.direction,
    missing: f.missing,
    ...Object.fromEntries(NUMBERS.map((k) => [k, f[k]])),
    quantiles: f.quantiles,
    ...(f.rankValues && f.rankLevels ? { rankValues: f.rankValues, rankLevels: f.rankLevels } : {}),
  } as StoredFit;
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && !Number.isNaN(v);
const isNumbers = (v: unknown): v is number[] => Array.isArray(v) && v.every(isNumber);

/**
 * The stored scale for the model's indicators, or a message naming what is wrong: an entry that
 * is not a fitted scale, an indicator without one, or one fitted with other settings (refit).
 */
export function readStoredFits(value: unknown, indicators: readonly IndicatorSpec[]): FittedIndicator[] | string {
  if (!Array.isArray(value)) return '`fitted` is a list, one entry per indicator';
  const byColumn = new Map<string, Record<string, unknown>>();
  for (const entry of value as unknown[]) {
    if (typeof entry !== 'object' || entry === null || typeof (entry as Record<string, unknown>)['column'] !== 'string') return '`fitted`: each entry names its `column`';
    byColumn.set((entry as Record<string, string>)['column']!, entry as Record<string, unknown>);
  }
  const out: FittedIndicator[] = [];
  for (const spec of indicators) {
    const stored = byColumn.get(spec.column);
    if (!stored) return `\`fitted\` has no scale for ${spec.column}: refit the model`;
    const changed = SETTINGS.filter((k) => stored[k] !== spec[k]);
    const winsor = stored['winsor'] ?? null;
    if (JSON.stringify(winsor) !== JSON.stringify(spec.winsor)) changed.push('winsor' as never);
    if (changed.length) return `the stored scale of ${spec.column} was fitted with other settings (${changed.join(', ')}): refit the model`;
    const bad = NUMBERS.find((k) => !isNumber(stored[k]));
    if (bad) return `the stored scale of ${spec.column} lacks a number for ${bad}`;
    if (!isNumbers(stored['quantiles']) || stored['quantiles'].length !== 101) return `the stored scale of ${spec.column} needs 101 quantiles`;
    const rankValues = stored['rankValues'];
    const rankLevels = stored['rankLevels'];
    const ranks = isNumbers(rankValues) && isNumbers(rankLevels) && rankValues.length === rankLevels.length ? { rankValues, rankLevels } : {};
    out.push({
      ...spec,
      ...(Object.fromEntries(NUMBERS.map((k) => [k, stored[k]])) as Pick<FittedIndicator, (typeof NUMBERS)[number]>),
      quantiles: stored['quantiles'],
      ...ranks,
    });
  }
  return out;
}
