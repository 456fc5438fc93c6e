/**
 * Equal-count groups (deciles by default) for lift, gains and decile calibration. Rows with a
 * score are sorted by score descending, ties broken by idRank ascending, so the grouping is the
 * same whatever order the rows come in; n rows in g groups give ⌊n/g⌋ rows each and the first
 * n mod g groups one more.
 */
import { DEFAULT_GROUPS, NO_GROUP } from './conventions';
import { checkAligned, descendingOrder } from './order';

/** Group sizes: ⌊n/g⌋ each, the first n mod g groups one more. */
export function groupSizes(n: number, groups: number): number[] {
  const base = Math.floor(n / groups);
  const extra = n % groups;
  return Array.from({ length: groups }, (_, g) => base + (g < extra ? 1 : 0));
}

/** Throws unless groups is a whole number usable as a Uint8 group code (1..254). */
export function checkGroups(groups: number): void {
  if (!Number.isInteger(groups) || groups < 1 || groups >= NO_GROUP) {
    throw new RangeError(`groups must be a whole number from 1 to ${NO_GROUP - 1}, not ${groups}`);
  }
}

/**
 * The liftTable grouping per row: 0 = the top-scoring group, NO_GROUP (255) for a NaN score.
 * idRank must be aligned with score (e.g. tiers.ts's idRanks of the customer ids).
 */
export function decileOf(score: Float64Array, idRank: Uint32Array, groups: number = DEFAULT_GROUPS): Uint8Array {
  checkAligned('decileOf', score, idRank);
  checkGroups(groups);
  const order = descendingOrder(score, idRank);
  const out = new Uint8Array(score.length).fill(NO_GROUP);
  const sizes = groupSizes(order.length, groups);
  let k = 0;
  for (let g = 0; g < groups; g++) for (let j = 0; j < sizes[g]!; j++) out[order[k++]!] = g;
  return out;
}
