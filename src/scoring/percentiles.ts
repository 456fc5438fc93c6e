/**
 * "This customer vs the population" in the customer profile: the percentile of a value among the
 * present values of an indicator column. Sort once per column (sortedPresent), then each lookup
 * is a binary search.
 */
import { midRankPercentile } from './sorted';

export { sortedPresent } from './sorted';

/**
 * The mid-rank percentile (0..100) of `value` among the sorted present values: ties share the
 * average of their ranks, 100·(average rank − 1)/(n − 1) — the same convention as rank scaling,
 * so a customer's percentile is their rank score × 100 on the fitted data. A value not in the
 * population takes the rank it would have between its neighbours, clamped to 0..100. 50 for a
 * population of one; NaN for NaN or an empty population.
 */
export function percentileOf(sorted: Float64Array, value: number): number {
  return 100 * midRankPercentile(sorted, value);
}
