import { readStoredFits } from './stored-fit';
import type { Direction, FittedIndicator, IndicatorSpec, MissingRule, Scaling, Transform } from './types';

/**
 * The screening model as a notebook holds it (the YAML of a `type: model` input): which matrix,
 * which indicators and how each is normalised, which inputs carry the weights and quotas, the
 * risk override. Tunable numbers may be given directly or as the name of an input, so a slider
 * in the notebook moves them.
 */
export interface ModelSpec {
  /** the SQL cell whose result is the indicator matrix (one row per customer) */
  readonly matrix: string;
  readonly indicators: readonly IndicatorSpec[];
  /** the weights input (keys: indicator columns, percent) */
  readonly weights: string;
  readonly tiers:
    | { readonly mode: 'quota'; readonly strategic: number | string; readonly growth: number | string }
    | { readonly mode: 'cutoff'; readonly strategic: number | string; readonly growth: number | string };
  readonly overrides: {
    readonly overdueColumn?: string;
    readonly maxOverdueDays?: number | string;
    /** a 0/1 column: 1 (a loan classed worse than 关注) is never strategic */
    readonly badClassColumn?: string;
  };
  /** parameters fitted on the development sample, stored so new data is scored on the same scale */
  readonly fitted?: readonly FittedIndicator[];
}

/** A problem in a model spec: the key it is about (for a line number) and what is wrong. */
export class ModelSpecError extends Error {
  constructor(
    readonly key: string | null,
    message: string,
  ) {
    super(message);
    this.name = 'ModelSpecError';
  }
}

const DIRECTIONS: readonly Direction[] = ['benefit', 'cost'];
const TRANSFORMS: readonly Transform[] = ['none', 'log1p'];
const SCALINGS: readonly Scaling[] = ['minmax', 'zscore', 'rank'];
const MISSING: readonly MissingRule[] = ['median', 'worst', 'zero'];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isName = (v: unknown): v is string => typeof v === 'string' && /^[\p{L}_][\p{L}\p{N}_]*$/u.test(v);
const isNumberOrName = (v: unknown): v is number | string => (typeof v === 'number' && Number.isFinite(v)) || isName(v);

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T, where: string): T {
  if (value === undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new ModelSpecError('indicators', `${where}: expected one of ${allowed.join(', ')}`);
}

function indicator(value: unknown, i: number): IndicatorSpec {
  const where = `indicator ${i + 1}`;
  if (!isRecord(value) || !isName(value['column'])) throw new ModelSpecError('indicators', `${where}: needs \`column\` (a column of the matrix)`);
  const winsor = value['winsor'];
  if (winsor !== undefined && winsor !== null && !(Array.isArray(winsor) && winsor.length === 2 && winsor.every((w) => typeof w === 'number') && winsor[0]! >= 0 && winsor[0]! < winsor[1]! && winsor[1]! <= 1)) {
    throw new ModelSpecError('indicators', `${where}: \`winsor\` is two percentiles between 0 and 1, e.g. [0.01, 0.99]`);
  }
  return {
    column: value['column'],
    label: typeof value['label'] === 'string' ? value['label'] : value['column'],
    dimension: typeof value['dimension'] === 'string' ? value['dimension'] : '',
    ...(typeof value['unit'] === 'string' ? { unit: value['unit'] } : {}),
    direction: oneOf(value['direction'], DIRECTIONS, 'benefit', where),
    transform: oneOf(value['transform'], TRANSFORMS, 'none', where),
    winsor: Array.isArray(winsor) ? [winsor[0] as number, winsor[1] as number] : null,
    scaling: oneOf(value['scaling'], SCALINGS, 'rank', where),
    missing: oneOf(value['missing'], MISSING, 'median', where),
  };
}

/** Reads and checks a model spec (parsed YAML); the first problem is thrown as a ModelSpecError. */
export function checkModelSpec(value: Record<string, unknown>): ModelSpec {
  if (!isName(value['matrix'])) throw new ModelSpecError('matrix', '`matrix` names the SQL cell holding one row per customer');
  const list = value['indicators'];
  if (!Array.isArray(list) || list.length === 0) throw new ModelSpecError('indicators', '`indicators` is a list of at least one indicator');
  const indicators = list.map(indicator);
  const seen = new Set<string>();
  for (const ind of indicators) {
    if (seen.has(ind.column)) throw new ModelSpecError('indicators', `the column ${ind.column} is listed twice`);
    seen.add(ind.column);
  }
  if (!isName(value['weights'])) throw new ModelSpecError('weights', '`weights` names the weights input');
  const tiers = value['tiers'];
  if (!isRecord(tiers) || (tiers['mode'] !== 'quota' && tiers['mode'] !== 'cutoff') || !isNumberOrName(tiers['strategic']) || !isNumberOrName(tiers['growth'])) {
    throw new ModelSpecError('tiers', '`tiers` is {mode: quota|cutoff, strategic, growth}, each a number or an input name');
  }
  const overrides = value['overrides'] ?? {};
  if (!isRecord(overrides)) throw new ModelSpecError('overrides', '`overrides` is {overdueColumn, maxOverdueDays, badClassColumn}');
  const maxOverdueDays = overrides['maxOverdueDays'];
  if (maxOverdueDays !== undefined && !isNumberOrName(maxOverdueDays)) throw new ModelSpecError('overrides', '`maxOverdueDays` is a number or an input name');
  const overdueColumn = overrides['overdueColumn'];
  if (overdueColumn !== undefined && !isName(overdueColumn)) throw new ModelSpecError('overrides', '`overdueColumn` names a column of the matrix');
  const badClassColumn = overrides['badClassColumn'];
  if (badClassColumn !== undefined && !isName(badClassColumn)) throw new ModelSpecError('overrides', '`badClassColumn` names a 0/1 column of the matrix');
  const fitted = value['fitted'] === undefined ? undefined : readStoredFits(value['fitted'], indicators);
  if (typeof fitted === 'string') throw new ModelSpecError('fitted', fitted);
  return {
    matrix: value['matrix'],
    indicators,
    weights: value['weights'],
    tiers: { mode: tiers['mode'], strategic: tiers['strategic'], growth: tiers['growth'] },
    overrides: {
      ...(overdueColumn !== undefined ? { overdueColumn } : {}),
      ...(maxOverdueDays !== undefined ? { maxOverdueDays } : {}),
      ...(badClassColumn !== undefined ? { badClassColumn } : {}),
    },
    ...(fitted ? { fitted } : {}),
  };
}

/** A number given directly, or the value of the named input. */
export function resolveNumber(value: number | string | undefined, inputs: ReadonlyMap<string, unknown>): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return value;
  const v = inputs.get(value);
  return typeof v === 'number' ? v : undefined;
}
