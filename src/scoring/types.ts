/**
 * The screening model as data: which indicators, how each is normalised, how they are weighted,
 * how scores become tiers. Plain data (stored in a notebook's parameter sets, compared across
 * scenarios), used by the pure functions of src/scoring. No DOM, no DuckDB.
 */

/** Whether more of an indicator is better (benefit) or worse (cost: overdue days, volatility). */
export type Direction = 'benefit' | 'cost';

/** A transform applied before scaling: log1p tames skewed amounts (balances, revenue). */
export type Transform = 'none' | 'log1p';

/** How a (transformed, winsorised) indicator becomes a number in [0, 1]. */
export type Scaling = 'minmax' | 'zscore' | 'rank';

/** What a missing value counts as after normalisation: the median, the worst end, or zero. */
export type MissingRule = 'median' | 'worst' | 'zero';

/** One indicator of the model, as the analyst sets it. */
export interface IndicatorSpec {
  /** the indicator matrix's column */
  readonly column: string;
  /** shown to people (Chinese or English) */
  readonly label: string;
  /** the DOMAIN.md dimension it belongs to (funding need, repayment...), for grouping */
  readonly dimension: string;
  /** the unit the indicator is measured in (元, ratio, days...), as its library cell declares */
  readonly unit?: string;
  readonly direction: Direction;
  readonly transform: Transform;
  /** percentiles clipped before scaling, e.g. [0.01, 0.99]; null for none */
  readonly winsor: readonly [number, number] | null;
  readonly scaling: Scaling;
  readonly missing: MissingRule;
}

/**
 * An indicator with the parameters fitted on the development sample, so that new data is scored
 * on the same scale (never refitted silently).
 */
export interface FittedIndicator extends IndicatorSpec {
  /** winsorising bounds (after the transform); -Infinity/Infinity when not winsorised */
  readonly clipLow: number;
  readonly clipHigh: number;
  /** min and max after transform and clipping (minmax scaling) */
  readonly min: number;
  readonly max: number;
  /** mean and standard deviation after transform and clipping (zscore scaling) */
  readonly mean: number;
  readonly sd: number;
  /** the 0th, 1st, ... 100th percentiles after transform and clipping (rank scaling of new data) */
  readonly quantiles: readonly number[];
  /** the normalised value a missing value gets */
  readonly missingValue: number;
  /** how many values were present and missing when fitted */
  readonly present: number;
  readonly absent: number;
  /**
   * Rank scaling only, when the fitting data had few enough distinct values (see
   * MAX_EXACT_RANK_LEVELS in normalise.ts): its distinct values (after transform and clipping),
   * ascending, and the mid-rank percentile of each, so that applying the fit to the same data
   * reproduces the mid-ranks exactly. Absent otherwise: the quantiles are interpolated instead.
   */
  readonly rankValues?: readonly number[];
  readonly rankLevels?: readonly number[];
}

/** The tiers, best first. */
export const TIERS = ['战略级', '成长型', '一般'] as const;
export type Tier = (typeof TIERS)[number];

/** How scores become tiers: fixed cut-offs, or quotas matching account managers' capacity. */
export type TierRule =
  | { readonly mode: 'cutoff'; readonly strategic: number; readonly growth: number }
  | { readonly mode: 'quota'; readonly strategic: Quota; readonly growth: Quota };

/** A quota: the top N customers, or the top x percent. */
export type Quota = { readonly count: number } | { readonly percent: number };

/** Risk overrides: a customer failing one can never be strategic (they may still be growth). */
export interface RiskOverrides {
  /** max overdue days (12 months) above which a customer is never strategic */
  readonly maxOverdueDays?: number;
  /** never strategic with a five-level class worse than 关注 */
  readonly excludeBadClass?: boolean;
}

/** Why a customer is in their tier. */
export type TierReason =
  | 'above-strategic-cutoff'
  | 'within-strategic-quota'
  | 'above-growth-cutoff'
  | 'within-growth-quota'
  | 'below-growth'
  | 'override-overdue'
  | 'override-class';

/** The whole model: fitted indicators, their weights (by column, summing to 1), the tier rule. */
export interface ScoringModel {
  readonly indicators: readonly FittedIndicator[];
  /** weight per indicator column, non-negative, summing to 1 */
  readonly weights: Readonly<Record<string, number>>;
  readonly tiers: TierRule;
  readonly overrides: RiskOverrides;
  /** which method produced the weights (every score says so) */
  readonly weightMethod: 'expert' | 'entropy' | 'ahp' | 'logistic';
}
