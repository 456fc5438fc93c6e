/**
 * An independent reference for a screening model run, written as plain loops straight from
 * DOMAIN.md ("Score, tiers, segments") and the contracts documented in src/scoring/types.ts, so
 * that the tests can check Screen and scoreMatrix number by number. It deliberately imports no
 * code from src/scoring (types only): a shared helper would make a bug agree with itself.
 *
 * Rank scaling is the mid-rank percentile of DOMAIN.md. src/scoring/normalise.ts computes it exactly
 * only up to MAX_EXACT_RANK_LEVELS distinct values and reads larger columns off 101 stored
 * quantiles instead (documented there, off by at most RANK_QUANTILE_TOLERANCE); `exactRankLimit`
 * lets a test follow that documented rule too, written here independently.
 *
 * Slow on purpose (counting loops instead of binary searches, a full sort for the tiers); fine for
 * a few thousand customers.
 */
import type { IndicatorSpec, TierRule } from '../../src/scoring/types';

/** A column of raw values; NaN (and ±Infinity) = missing. */
export type RefColumn = readonly number[];

/** One indicator's parameters fitted on a development sample, by the reference. */
export interface RefFit {
  readonly spec: IndicatorSpec;
  readonly clipLow: number;
  readonly clipHigh: number;
  readonly min: number;
  readonly max: number;
  /** rank scaling: the distinct (transformed, clipped) values ascending, with their mid-rank percentile */
  readonly levels: readonly { readonly value: number; readonly rank: number }[];
  /** rank scaling beyond exactRankLimit distinct values: the type-7 quantiles at 0, 1, ... 100 percent */
  readonly quantiles: readonly number[] | null;
  readonly present: number;
  readonly missingValue: number;
}

/** log1p keeping the sign (a negative growth stays negative), or nothing. */
function transform(spec: IndicatorSpec, x: number): number {
  if (spec.transform !== 'log1p') return x;
  return x < 0 ? -Math.log1p(-x) : Math.log1p(x);
}

/** Hyndman & Fan type 7 (R's and numpy's default) on ascending values. */
export function refQuantile7(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

/** Transformed and winsor-clipped present values of a column, ascending, and the clip bounds. */
function clippedPresent(spec: IndicatorSpec, values: RefColumn): { clipped: number[]; clipLow: number; clipHigh: number } {
  const present: number[] = [];
  for (const v of values) if (Number.isFinite(v)) present.push(transform(spec, v));
  present.sort((a, b) => a - b);
  const clipLow = spec.winsor && present.length ? refQuantile7(present, spec.winsor[0]) : -Infinity;
  const clipHigh = spec.winsor && present.length ? refQuantile7(present, spec.winsor[1]) : Infinity;
  return { clipped: present.map((v) => Math.min(clipHigh, Math.max(clipLow, v))), clipLow, clipHigh };
}

/**
 * Mid-rank percentile of each distinct value: ties share the average of their 1-based ranks r,
 * percentile = (r − 1)/(n − 1). Counted, not searched: for value v with `less` values below it
 * and `equal` equal to it, r = less + (equal + 1)/2.
 */
function midRanks(clipped: readonly number[]): { value: number; rank: number }[] {
  const n = clipped.length;
  const levels: { value: number; rank: number }[] = [];
  for (const v of clipped) {
    if (levels.length && levels[levels.length - 1]!.value === v) continue;
    let less = 0;
    let equal = 0;
    for (const w of clipped) {
      if (w < v) less++;
      else if (w === v) equal++;
    }
    levels.push({ value: v, rank: n > 1 ? (less + (equal + 1) / 2 - 1) / (n - 1) : 0.5 });
  }
  return levels;
}

/** A transformed, clipped value scaled to [0, 1] (before the direction). */
function scale(fit: Omit<RefFit, 'missingValue'>, x: number): number {
  switch (fit.spec.scaling) {
    case 'minmax':
      return fit.max > fit.min ? clamp01((x - fit.min) / (fit.max - fit.min)) : 0.5;
    case 'rank': {
      if (fit.present <= 1) return 0.5;
      if (fit.quantiles) return quantileRank(fit.quantiles, x);
      const levels = fit.levels;
      if (x < levels[0]!.value) return 0;
      if (x > levels[levels.length - 1]!.value) return 1;
      for (let k = 0; k < levels.length; k++) {
        if (levels[k]!.value === x) return levels[k]!.rank;
        // a value of new data between two fitted ones: linear between their mid-ranks
        if (levels[k]!.value > x) {
          const a = levels[k - 1]!;
          const b = levels[k]!;
          return a.rank + ((x - a.value) / (b.value - a.value)) * (b.rank - a.rank);
        }
      }
      throw new Error('unreachable');
    }
    case 'zscore':
      throw new Error('the reference does not implement z-score scaling');
  }
}

/**
 * The rank read off the quantiles (knot k is percentile k): x equal to the knots lo..hi−1 takes
 * the middle of that run, (lo + hi − 1)/2 percent; between two knots, linear; beyond them, 0 or 1.
 */
function quantileRank(q: readonly number[], x: number): number {
  let lo = 0;
  while (lo < q.length && q[lo]! < x) lo++;
  let hi = lo;
  while (hi < q.length && q[hi] === x) hi++;
  if (hi > lo) return (lo + hi - 1) / 2 / 100;
  if (lo === 0) return 0;
  if (lo === q.length) return 1;
  return (lo - 1 + (x - q[lo - 1]!) / (q[lo]! - q[lo - 1]!)) / 100;
}

/** transform → clip → scale → reverse for cost, for a present raw value. */
function normalisePresent(fit: Omit<RefFit, 'missingValue'>, raw: number): number {
  const t = Math.min(fit.clipHigh, Math.max(fit.clipLow, transform(fit.spec, raw)));
  const v = scale(fit, t);
  return fit.spec.direction === 'cost' ? 1 - v : v;
}

/**
 * Fits one indicator on a development sample. Rank scaling uses exact mid-ranks when the column
 * has at most `exactRankLimit` distinct values (after transform and clipping), else the quantiles.
 */
export function refFit(spec: IndicatorSpec, values: RefColumn, exactRankLimit = Infinity): RefFit {
  const { clipped, clipLow, clipHigh } = clippedPresent(spec, values);
  const levels = midRanks(clipped);
  const quantiles = spec.scaling === 'rank' && levels.length > exactRankLimit ? Array.from({ length: 101 }, (_, k) => refQuantile7(clipped, k / 100)) : null;
  const base = { spec, clipLow, clipHigh, min: clipped[0] ?? 0, max: clipped[clipped.length - 1] ?? 0, levels, quantiles, present: clipped.length };
  let missingValue: number;
  if (spec.missing === 'worst') missingValue = 0;
  else if (spec.missing === 'zero') missingValue = normalisePresent(base, 0);
  else {
    // the median of what present customers get (mean of the middle two for an even count)
    const got = values.filter(Number.isFinite).map((v) => normalisePresent(base, v)).sort((a, b) => a - b);
    const n = got.length;
    missingValue = n === 0 ? 0.5 : n % 2 ? got[(n - 1) / 2]! : (got[n / 2 - 1]! + got[n / 2]!) / 2;
  }
  return { ...base, missingValue };
}

/** A raw value through a fitted indicator: in [0, 1], higher = better; missing → the rule's value. */
export function refNormalise(fit: RefFit, raw: number): number {
  return Number.isFinite(raw) ? normalisePresent(fit, raw) : fit.missingValue;
}

/** Percent weights → fractions in the order of `columns` (missing, negative → 0; all zero → equal). */
export function refWeights(columns: readonly string[], percent: Readonly<Record<string, number>>): number[] {
  const raw = columns.map((c) => (Object.hasOwn(percent, c) && percent[c]! > 0 ? percent[c]! : 0));
  const total = raw.reduce((a, b) => a + b, 0);
  return total > 0 ? raw.map((w) => w / total) : raw.map(() => 1 / columns.length);
}

/** A model run by the reference: per row the normalised values, points per indicator and score. */
export interface RefRun {
  /** normalised[j][i]: indicator j, row i */
  readonly normalised: number[][];
  /** points[i][j] = 100·w_j·normalised[j][i] */
  readonly points: number[][];
  readonly score: number[];
}

/** Normalises every indicator with `fits` and scores: score_i = Σ_j 100·w_j·v_ij. */
export function refRun(fits: readonly RefFit[], data: ReadonlyMap<string, RefColumn>, weightsPercent: Readonly<Record<string, number>>): RefRun {
  const w = refWeights(
    fits.map((f) => f.spec.column),
    weightsPercent,
  );
  const normalised = fits.map((f) => data.get(f.spec.column)!.map((raw) => refNormalise(f, raw)));
  const rows = normalised[0]?.length ?? 0;
  const points: number[][] = [];
  const score: number[] = [];
  for (let i = 0; i < rows; i++) {
    const p = fits.map((_, j) => 100 * w[j]! * normalised[j]![i]!);
    points.push(p);
    score.push(p.reduce((a, b) => a + b, 0));
  }
  return { normalised, points, score };
}

/** Rows by score descending, equal scores by customer id ascending (code-unit order). */
export function refOrder(score: readonly number[], ids: readonly string[]): number[] {
  return [...score.keys()].sort((a, b) => score[b]! - score[a]! || (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : a - b));
}

export interface RefTiers {
  /** per row: 0 strategic, 1 growth, 2 general */
  readonly tier: number[];
  readonly counts: [number, number, number];
  /** lowest score in strategic and in growth (NaN when empty) */
  readonly cuts: [number, number];
  readonly order: number[];
}

/**
 * Tiers by walking the full rank order. Quota: round(p/100·n) customers (or the count), the first
 * N rows not barred are strategic, then the first M of the rest (barred ones included) are growth.
 * Cut-off: score ≥ strategic and not barred → strategic; else score ≥ growth → growth.
 */
export function refTiers(score: readonly number[], ids: readonly string[], rule: TierRule, barred: readonly boolean[]): RefTiers {
  const n = score.length;
  const order = refOrder(score, ids);
  const tier = new Array<number>(n).fill(2);
  if (rule.mode === 'cutoff') {
    for (let i = 0; i < n; i++) tier[i] = score[i]! >= rule.strategic && !barred[i] ? 0 : score[i]! >= rule.growth ? 1 : 2;
  } else {
    const wanted = (q: typeof rule.strategic) => Math.min(n, Math.max(0, 'count' in q ? Math.round(q.count) : Math.round((q.percent / 100) * n)));
    let strategic = wanted(rule.strategic);
    let growth = wanted(rule.growth);
    for (const i of order) if (strategic > 0 && !barred[i]) (tier[i] = 0), strategic--;
    for (const i of order) if (growth > 0 && tier[i] !== 0) (tier[i] = 1), growth--;
  }
  const counts: [number, number, number] = [0, 0, 0];
  const cuts: [number, number] = [NaN, NaN];
  for (let i = 0; i < n; i++) {
    const t = tier[i]!;
    counts[t as 0 | 1 | 2]++;
    if (t < 2 && !(score[i]! >= cuts[t as 0 | 1])) cuts[t as 0 | 1] = score[i]!;
  }
  return { tier, counts, cuts, order };
}
