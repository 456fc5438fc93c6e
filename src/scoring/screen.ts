import type { ModelSpec } from './model-spec';
import { resolveNumber } from './model-spec';
import { fitIndicators, normalise, type NormalisedMatrix } from './normalise';
import { riskGrid, type RiskCell } from './risk-grid';
import { scoreInto } from './score';
import { assignSegments, SEGMENTS } from './segments';
import { assignTiers, idRanks, type Eligibility, type Tiering } from './tiers';
import type { FittedIndicator, TierRule } from './types';
import { weightVector } from './weights';

/**
 * The matrix a screening works on: one row per customer, numeric columns as Float64Array (NaN =
 * missing), descriptive columns as text. Read once from DuckDB; everything after works on these.
 */
export interface ScreenData {
  readonly rows: number;
  readonly ids: readonly string[];
  readonly numbers: ReadonlyMap<string, Float64Array>;
  readonly text: Readonly<Record<string, readonly string[] | undefined>>;
  /** date columns as epoch milliseconds (UTC), NaN = missing */
  readonly dates?: ReadonlyMap<string, Float64Array>;
}

/** The tunable numbers of one moment: weights (percent, by indicator column), the tier rule, the override. */
export interface ScreenParams {
  readonly weights: Readonly<Record<string, number>>;
  readonly tiers: TierRule;
  readonly maxOverdueDays?: number;
}

/** Bins of the score histogram: 0–100 in 2-point steps. */
export const HISTOGRAM_BINS = 50;

/** What every view draws, recomputed per slider movement from typed arrays only. */
export interface ScreenState {
  readonly params: ScreenParams;
  /** weights as fractions, aligned with the matrix's columns */
  readonly weights: Float64Array;
  readonly score: Float64Array;
  readonly tiering: Tiering;
  /** total balance per tier (when the matrix has total_balance) */
  readonly tierBalance: readonly [number, number, number];
  /** customers per score bin and tier: index tier * HISTOGRAM_BINS + bin */
  readonly histogram: Int32Array;
  /** customers per tier and primary segment: index tier * SEGMENTS.length + segment */
  readonly tierBySegment: Int32Array;
}

/**
 * The column names of the indicator library (cells/) that the segments, the risk grid and the
 * overrides read. A matrix without one of them simply has no such segment or warning.
 */
export const LIBRARY_COLUMNS = {
  overdue: 'max_overdue_days',
  lateInstallments: 'late_installments',
  onTimeRatio: 'on_time_ratio',
  maturing: 'maturing_90d',
  otherBanks: 'other_banks',
  utilisation: 'utilisation',
  growth: 'balance_growth_12m',
  balance: 'total_balance',
  largestDrop: 'largest_drop',
} as const;

/**
 * A screening: the model's indicators fitted (or given their stored parameters) and normalised
 * once per data; then `update` re-weights and re-tiers in typed arrays, which is all a slider does.
 * Segments and the industry × region grid depend on the data only, so they are computed once.
 */
export class Screen {
  readonly fitted: readonly FittedIndicator[];
  readonly matrix: NormalisedMatrix;
  readonly idRank: Uint32Array;
  readonly segment: Uint8Array;
  readonly segmentMask: Uint16Array;
  readonly grid: readonly RiskCell[];
  private readonly score: Float64Array;
  private readonly tierOut: { tier: Uint8Array; reason: Uint8Array };
  private readonly eligibility: Eligibility;

  constructor(
    readonly data: ScreenData,
    readonly spec: ModelSpec,
    stored?: readonly FittedIndicator[],
  ) {
    this.fitted = stored ?? fitIndicators(spec.indicators, data.numbers);
    this.matrix = normalise(this.fitted, data.numbers);
    this.idRank = idRanks(data.ids);
    const n = (column: string) => data.numbers.get(column);
    const c = LIBRARY_COLUMNS;
    const segments = assignSegments(data.rows, {
      maxOverdueDays: n(c.overdue),
      lateInstallments: n(c.lateInstallments),
      onTimeRatio: n(c.onTimeRatio),
      maturing90d: n(c.maturing),
      otherBanks: n(c.otherBanks),
      utilisation: n(c.utilisation),
      balanceGrowth: n(c.growth),
      totalBalance: n(c.balance),
    });
    this.segment = segments.primary;
    this.segmentMask = segments.mask;
    const industry = data.text['industry'] ?? [];
    const region = data.text['region'] ?? [];
    const overdue = n(spec.overrides.overdueColumn ?? c.overdue);
    const balance = n(c.balance);
    this.grid = overdue && balance && industry.length && region.length ? riskGrid(industry, region, overdue, balance) : [];
    this.score = new Float64Array(data.rows);
    this.tierOut = { tier: new Uint8Array(data.rows), reason: new Uint8Array(data.rows) };
    // only when the model says so: an override the reviewer can read in the notebook
    const badClass = spec.overrides.badClassColumn ? n(spec.overrides.badClassColumn) : undefined;
    this.eligibility = {
      ...(overdue ? { overdueDays: overdue } : {}),
      ...(badClass ? { badClass: Uint8Array.from(badClass, (v) => (v > 0 ? 1 : 0)) } : {}),
    };
  }

  /** Re-weights and re-tiers. The arrays of the returned state are reused by the next call. */
  update(params: ScreenParams): ScreenState {
    const weights = weightVector(this.matrix.columns, params.weights);
    const score = scoreInto(this.matrix, weights, this.score);
    const eligibility: Eligibility = { ...this.eligibility, ...(params.maxOverdueDays !== undefined ? { maxOverdueDays: params.maxOverdueDays } : {}) };
    const tiering = assignTiers(score, this.idRank, params.tiers, eligibility, this.tierOut);
    const histogram = new Int32Array(3 * HISTOGRAM_BINS);
    const tierBySegment = new Int32Array(3 * SEGMENTS.length);
    const tierBalance: [number, number, number] = [0, 0, 0];
    const balance = this.data.numbers.get(LIBRARY_COLUMNS.balance);
    const tier = tiering.tier;
    for (let i = 0; i < score.length; i++) {
      const t = tier[i]!;
      const bin = Math.min(HISTOGRAM_BINS - 1, Math.max(0, Math.floor((score[i]! / 100) * HISTOGRAM_BINS)));
      histogram[t * HISTOGRAM_BINS + bin]!++;
      tierBySegment[t * SEGMENTS.length + this.segment[i]!]!++;
      if (balance) {
        const b = balance[i]!;
        if (b === b) tierBalance[t as 0 | 1 | 2] += b;
      }
    }
    return { params, weights, score, tiering, tierBalance, histogram, tierBySegment };
  }

  /** Mean points per indicator for each tier (the weight-contribution chart), on demand. */
  contributionsByTier(state: ScreenState): Float64Array[] {
    // one pass per indicator summing into the three tiers (rows in order, so the sums are those of
    // meanContributions over each tier's rows): measured, gathering each tier's rows first cost
    // as much as the rest of a slider tick's scoring at 100,000 customers
    const tier = state.tiering.tier;
    const counts = [0, 0, 0];
    for (let i = 0; i < tier.length; i++) counts[tier[i]!]!++;
    const k = this.matrix.columns.length;
    const out = [new Float64Array(k), new Float64Array(k), new Float64Array(k)];
    for (let j = 0; j < k; j++) {
      const v = this.matrix.values[j]!;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      for (let i = 0; i < v.length; i++) {
        const t = tier[i];
        if (t === 0) s0 += v[i]!;
        else if (t === 1) s1 += v[i]!;
        else s2 += v[i]!;
      }
      const w = state.weights[j]!;
      const sums = [s0, s1, s2];
      for (let t = 0; t < 3; t++) if (counts[t]! > 0) out[t]![j] = (100 * w * sums[t]!) / counts[t]!;
    }
    return out;
  }
}

/** The tier rule and override of a model spec, with input names resolved to the inputs' values. */
export function screenParams(spec: ModelSpec, inputs: ReadonlyMap<string, unknown>): ScreenParams | string {
  const weightsValue = inputs.get(spec.weights);
  if (typeof weightsValue !== 'object' || weightsValue === null) return `the weights input ${spec.weights} is missing`;
  const strategic = resolveNumber(spec.tiers.strategic, inputs);
  const growth = resolveNumber(spec.tiers.growth, inputs);
  if (strategic === undefined || growth === undefined) return 'a tier input is missing';
  const tiers: TierRule =
    spec.tiers.mode === 'quota' ? { mode: 'quota', strategic: { percent: strategic }, growth: { percent: growth } } : { mode: 'cutoff', strategic, growth };
  const maxOverdueDays = resolveNumber(spec.overrides.maxOverdueDays, inputs);
  // cells see weights as fractions; the screening works in percent like the sliders
  const weights = Object.fromEntries(Object.entries(weightsValue as Record<string, number>).map(([k, v]) => [k, v * 100]));
  return { weights, tiers, ...(maxOverdueDays !== undefined ? { maxOverdueDays } : {}) };
}
