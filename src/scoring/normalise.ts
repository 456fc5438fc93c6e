/**
 * Normalisation: each indicator becomes a number in [0, 1], higher = better, with parameters
 * fitted once on the development sample and stored (FittedIndicator), so that new data is scored
 * on the development sample's scale and never refitted silently (DOMAIN.md, "Normalise").
 *
 * Pipeline per value: transform (log1p) → clip (winsor bounds) → scale (minmax, zscore or rank)
 * → reverse when the direction is 'cost' (1 − v) → a missing value gets the fitted missingValue.
 *
 * Missing: NaN, and also ±Infinity (a ratio divided by zero upstream is not a measurement); both
 * are left out of the fit and get missingValue when applied.
 */
import type { FittedIndicator, IndicatorSpec } from './types';
import { lowerBound, midRankPercentile, quantile7, sortedPresent, upperBound } from './sorted';

/**
 * Rank scaling keeps every distinct value of the fitting data with its mid-rank, so scoring the
 * data the model was fitted on reproduces the mid-ranks exactly (a reviewer recomputing them by
 * hand gets the same numbers). A model stored in a notebook keeps them only up to this many
 * distinct values (`compactFit`); beyond it (a continuous amount on thousands of customers) the
 * stored model interpolates the 101 quantiles, within RANK_QUANTILE_TOLERANCE of the mid-rank.
 */
export const MAX_EXACT_RANK_LEVELS = 256;

/**
 * The largest difference between the interpolated-quantile rank and the exact mid-rank on the
 * fitting data: the quantiles are the type-7 order statistics at every whole percent, whose
 * inverse at the sample points is exactly (rank − 1)/(n − 1), so interpolating between two
 * neighbouring knots can be off by at most the knot spacing, 1 percent. (Checked in
 * test/scoring/normalise.test.ts on data with and without ties.)
 */
export const RANK_QUANTILE_TOLERANCE = 0.01;

/** The transform: log1p keeps the sign for negative values, sign(x)·log1p(|x|). */
function transformOf(spec: IndicatorSpec): (x: number) => number {
  return spec.transform === 'log1p' ? (x) => (x < 0 ? -Math.log1p(-x) : Math.log1p(x)) : (x) => x;
}

/**
 * Raw values on a fitted indicator's own scale before scaling: transformed and clipped to the
 * winsor bounds; missing (NaN, ±Infinity) stays NaN. What the stored quantiles describe, so PSI
 * against them compares like with like.
 */
export function transformedValues(fitted: FittedIndicator, raw: Float64Array): Float64Array {
  const transform = transformOf(fitted);
  const out = new Float64Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const v = raw[i]!;
    if (!Number.isFinite(v)) {
      out[i] = Number.NaN;
      continue;
    }
    const t = transform(v);
    out[i] = t < fitted.clipLow ? fitted.clipLow : t > fitted.clipHigh ? fitted.clipHigh : t;
  }
  return out;
}

/** The fitting data, transformed and clipped: the present values only, ascending. */
function transformedPresent(spec: IndicatorSpec, values: Float64Array): Float64Array {
  const transform = transformOf(spec);
  const finite = new Float64Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) finite[n++] = transform(v);
  }
  return sortedPresent(finite.subarray(0, n));
}

/** Fits one indicator on the development sample (see the module comment for the pipeline). */
export function fitIndicator(spec: IndicatorSpec, values: Float64Array): FittedIndicator {
  const sorted = transformedPresent(spec, values);
  const n = sorted.length;
  const clipLow = spec.winsor && n > 0 ? quantile7(sorted, spec.winsor[0]) : -Infinity;
  const clipHigh = spec.winsor && n > 0 ? quantile7(sorted, spec.winsor[1]) : Infinity;
  // clipping keeps the order, so the clipped values stay sorted
  const clipped = sorted.map((v) => (v < clipLow ? clipLow : v > clipHigh ? clipHigh : v));
  let mean = 0;
  for (let i = 0; i < n; i++) mean += clipped[i]!;
  mean = n > 0 ? mean / n : 0;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (clipped[i]! - mean) ** 2;
  const quantiles: number[] = [];
  for (let k = 0; k <= 100; k++) quantiles.push(n > 0 ? quantile7(clipped, k / 100) : 0);
  const fitted: FittedIndicator = {
    ...spec,
    clipLow,
    clipHigh,
    min: n > 0 ? clipped[0]! : 0,
    max: n > 0 ? clipped[n - 1]! : 0,
    mean,
    // population standard deviation (divide by n): the sample is the whole customer base
    sd: n > 0 ? Math.sqrt(ss / n) : 0,
    quantiles,
    missingValue: 0,
    present: n,
    absent: values.length - n,
    ...(spec.scaling === 'rank' ? exactRanks(clipped) : {}),
  };
  return { ...fitted, missingValue: missingValueOf(fitted, clipped) };
}

/** Distinct values and their mid-rank percentiles. */
function exactRanks(sorted: Float64Array): Pick<FittedIndicator, 'rankValues' | 'rankLevels'> {
  const rankValues: number[] = [];
  const rankLevels: number[] = [];
  for (let i = 0; i < sorted.length; ) {
    const v = sorted[i]!;
    rankValues.push(v);
    rankLevels.push(midRankPercentile(sorted, v));
    i = upperBound(sorted, v);
  }
  return { rankValues, rankLevels };
}

/**
 * A fitted indicator as a notebook stores it: the exact rank table only when it has at most
 * MAX_EXACT_RANK_LEVELS values (else the quantiles stand in, see RANK_QUANTILE_TOLERANCE).
 */
export function compactFit(fitted: FittedIndicator): FittedIndicator {
  if (!fitted.rankValues || fitted.rankValues.length <= MAX_EXACT_RANK_LEVELS) return fitted;
  const { rankValues: _values, rankLevels: _levels, ...rest } = fitted;
  return rest;
}

/**
 * The missing rule, after the direction: 'median' → the median of the normalised present values
 * (for an odd count, the normalised median itself; for an even count, the mean of the middle two
 * normalised values, so it is the median of what present customers actually get; 0.5 when none
 * is present); 'worst' → 0; 'zero' → the normalised value of a raw 0.
 */
function missingValueOf(fitted: FittedIndicator, clipped: Float64Array): number {
  switch (fitted.missing) {
    case 'worst':
      return 0;
    case 'zero':
      return normaliseOne(fitted, 0);
    case 'median': {
      if (clipped.length === 0) return 0.5;
      const scale = scaler(fitted);
      const normalised = clipped.map(scale).sort();
      return quantile7(normalised, 0.5);
    }
  }
}

const clamp01 = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);

/**
 * Scales a transformed, clipped, present value to [0, 1] and applies the direction. Values of new
 * data beyond the fitted range are clamped to [0, 1] (min-max and rank) — the matrix promises
 * [0, 1], and a new customer larger than any in the sample is simply the best.
 */
function scaler(f: FittedIndicator): (x: number) => number {
  const cost = f.direction === 'cost';
  const directed = (v: number) => (cost ? 1 - v : v);
  switch (f.scaling) {
    case 'minmax': {
      const range = f.max - f.min;
      return range > 0 ? (x) => directed(clamp01((x - f.min) / range)) : () => 0.5;
    }
    case 'zscore':
      return f.sd > 0 ? (x) => directed(clamp01(((x - f.mean) / f.sd + 3) / 6)) : () => 0.5;
    case 'rank': {
      if (f.present <= 1) return () => 0.5;
      if (f.rankValues && f.rankLevels) {
        const values = f.rankValues;
        const levels = f.rankLevels;
        return (x) => directed(interpolate(values, levels, x));
      }
      return (x) => directed(quantileRank(f.quantiles, x));
    }
  }
}

/** The exact empirical CDF of the fitting data: the stored mid-rank for a fitted value, linear
 * interpolation between neighbouring distinct values for a new one, 0 / 1 beyond the ends. */
function interpolate(values: readonly number[], levels: readonly number[], x: number): number {
  const i = lowerBound(values, x);
  if (i < values.length && values[i] === x) return levels[i]!;
  if (i === 0) return 0;
  if (i === values.length) return 1;
  const x0 = values[i - 1]!;
  const x1 = values[i]!;
  return levels[i - 1]! + ((x - x0) / (x1 - x0)) * (levels[i]! - levels[i - 1]!);
}

/** The rank from the 101 stored quantiles (knot k is percentile k): a value equal to a run of
 * knots takes the middle of the run (mid-rank for ties), others interpolate between knots. */
function quantileRank(q: readonly number[], x: number): number {
  const lo = lowerBound(q, x);
  const hi = upperBound(q, x);
  if (lo < hi) return (lo + hi - 1) / 2 / 100;
  if (lo === 0) return 0;
  if (lo === q.length) return 1;
  const x0 = q[lo - 1]!;
  const x1 = q[lo]!;
  return (lo - 1 + (x - x0) / (x1 - x0)) / 100;
}

/** One raw value through the whole pipeline. */
function normaliseOne(f: FittedIndicator, raw: number): number {
  if (!Number.isFinite(raw)) return f.missingValue;
  const t = transformOf(f)(raw);
  return scaler(f)(t < f.clipLow ? f.clipLow : t > f.clipHigh ? f.clipHigh : t);
}

/**
 * Applies fitted parameters to (possibly new) data: transform → clip → scale to [0, 1] → reverse
 * for 'cost' → missing gets missingValue. Writes into `out` when given (same length).
 */
export function applyIndicator(fitted: FittedIndicator, values: Float64Array, out?: Float64Array): Float64Array {
  const result = out ?? new Float64Array(values.length);
  if (result.length !== values.length) throw new Error(`applyIndicator(${fitted.column}): out has ${result.length} rows, values ${values.length}`);
  const transform = transformOf(fitted);
  const scale = scaler(fitted);
  const { clipLow, clipHigh, missingValue } = fitted;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) {
      result[i] = missingValue;
      continue;
    }
    const t = transform(v);
    result[i] = scale(t < clipLow ? clipLow : t > clipHigh ? clipHigh : t);
  }
  return result;
}

/** The normalised indicators, one Float64Array per column, each in [0, 1], higher = better. */
export interface NormalisedMatrix {
  readonly rows: number;
  readonly columns: readonly string[];
  readonly values: readonly Float64Array[];
}

function columnOf(data: ReadonlyMap<string, Float64Array>, column: string): Float64Array {
  const values = data.get(column);
  if (!values) throw new Error(`The indicator column "${column}" is not in the data (columns: ${[...data.keys()].join(', ') || 'none'})`);
  return values;
}

/** Fits every indicator on the development sample; throws naming a column the data lacks. */
export function fitIndicators(specs: readonly IndicatorSpec[], data: ReadonlyMap<string, Float64Array>): FittedIndicator[] {
  return specs.map((spec) => fitIndicator(spec, columnOf(data, spec.column)));
}

/** Applies every fitted indicator; the columns must all have the same number of rows. */
export function normalise(fitted: readonly FittedIndicator[], data: ReadonlyMap<string, Float64Array>): NormalisedMatrix {
  const inputs = fitted.map((f) => columnOf(data, f.column));
  const rows = inputs[0]?.length ?? 0;
  inputs.forEach((values, j) => {
    if (values.length !== rows) throw new Error(`The indicator column "${fitted[j]!.column}" has ${values.length} rows, "${fitted[0]!.column}" has ${rows}`);
  });
  return { rows, columns: fitted.map((f) => f.column), values: inputs.map((values, j) => applyIndicator(fitted[j]!, values)) };
}
