/**
 * Small helpers over ascending sorted Float64Arrays, shared by normalisation (winsor bounds,
 * quantiles, mid-ranks), the profile percentiles and the segment thresholds, so that every
 * "percentile" in the scoring code means the same thing.
 */

/** The present (non-NaN) values, sorted ascending. ±Infinity count as present here; callers that
 * must not see them filter first. */
export function sortedPresent(values: Float64Array): Float64Array {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) n++;
  const out = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v === v) out[k++] = v;
  }
  // Float64Array.prototype.sort without a comparator sorts numerically (and is much faster than
  // a comparator sort)
  return out.sort();
}

/** The first index whose value is ≥ x (sorted.length when none). */
export function lowerBound(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first index whose value is > x (sorted.length when none). */
export function upperBound(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The p-quantile (p in [0, 1]) of sorted values by linear interpolation between order statistics,
 * Hyndman & Fan type 7 (numpy's and R's default): h = (n − 1)·p, q = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]).
 * NaN for an empty array.
 */
export function quantile7(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(h);
  const a = sorted[lo]!;
  if (lo + 1 >= n) return a;
  const b = sorted[lo + 1]!;
  // avoid a − a = NaN-free but ∞ − ∞ = NaN when both ends are infinite and equal
  return a === b ? a : a + (h - lo) * (b - a);
}

/**
 * The mid-rank percentile, in [0, 1], of x among sorted values: ((average 1-based rank of x) − 1)/(n − 1),
 * ties sharing the average of their ranks. For a value that is not among them, the same formula
 * with the rank it would take between its neighbours (i.e. (below − 0.5)/(n − 1)), clamped to [0, 1].
 * 0.5 when n = 1; NaN when n = 0 or x is NaN.
 */
export function midRankPercentile(sorted: ArrayLike<number>, x: number): number {
  const n = sorted.length;
  if (n === 0 || x !== x) return NaN;
  if (n === 1) return 0.5;
  const below = lowerBound(sorted, x);
  const upTo = upperBound(sorted, x);
  // 0-based positions below..upTo−1 are equal to x; their average is (below + upTo − 1)/2
  const position = (below + upTo - 1) / 2;
  return Math.min(1, Math.max(0, position / (n - 1)));
}
