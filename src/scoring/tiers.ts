/**
 * Tiers (分层): strategic / growth / general, by fixed score cut-offs or by quotas matching the
 * account managers' capacity, with risk overrides (a customer failing one is never strategic) and
 * a deterministic tie-break (equal scores → the smaller customer id first), so the same data and
 * rule give the same name list whatever order the rows come in.
 *
 * Runs on every slider frame: quota mode finds its cut rows by a histogram of the scores and an
 * exact selection (Floyd–Rivest) inside the one bin where the quota ends, not by sorting every
 * row (a comparator sort of 100,000 rows takes ~20 ms, this ~2 ms).
 */
import type { Quota, TierReason, TierRule } from './types';

/** Indexes into TIERS. */
export const TIER_STRATEGIC = 0, TIER_GROWTH = 1, TIER_GENERAL = 2;

/** Reason codes: `Tiering.reason[i]` indexes this list (the order of the TierReason union). */
export const TIER_REASONS: readonly TierReason[] = [
  'above-strategic-cutoff',
  'within-strategic-quota',
  'above-growth-cutoff',
  'within-growth-quota',
  'below-growth',
  'override-overdue',
  'override-class',
];
const ABOVE_STRATEGIC = 0, WITHIN_STRATEGIC = 1, ABOVE_GROWTH = 2, WITHIN_GROWTH = 3, BELOW_GROWTH = 4, OVERRIDE_OVERDUE = 5, OVERRIDE_CLASS = 6;
/** a temporary mark in the reason array: no override applies to the row */
const ELIGIBLE = 255;

/**
 * The rank of each row's customer id in ascending string order (UTF-16 code units, as `<` compares:
 * the same on every machine, unlike a locale's collation). Always a permutation of 0..n−1: a
 * duplicated id (one customer listed twice) is ranked by row, the only order left.
 */
export function idRanks(ids: readonly string[]): Uint32Array {
  const order = Uint32Array.from(ids.keys()).sort((a, b) => {
    const x = ids[a]!;
    const y = ids[b]!;
    return x < y ? -1 : x > y ? 1 : a - b;
  });
  const rank = new Uint32Array(ids.length);
  for (let k = 0; k < order.length; k++) rank[order[k]!] = k;
  return rank;
}

/** Who may not be strategic: overdue beyond the maximum, or a five-level class worse than 关注. */
export interface Eligibility {
  /** max overdue days per row (NaN = unknown, which does not bar) */
  readonly overdueDays?: Float64Array;
  /** rows with overdueDays above this are never strategic; no check when absent */
  readonly maxOverdueDays?: number;
  /** 1 = class worse than 关注 */
  readonly badClass?: Uint8Array;
}

export interface Tiering {
  /** per row: 0 strategic, 1 growth, 2 general */
  readonly tier: Uint8Array;
  /** per row: index into TIER_REASONS */
  readonly reason: Uint8Array;
  readonly counts: readonly [number, number, number];
  /** the lowest score inside each tier (strategic, growth), NaN when empty — where the histogram draws its cut lines */
  readonly cuts: readonly [number, number];
}

/** How many rows a quota asks for: a count, or round(percent/100 · rows); clamped to 0..rows. */
export function quotaRows(quota: Quota, rows: number): number {
  const wanted = 'count' in quota ? Math.round(quota.count) : Math.round((quota.percent / 100) * rows);
  return Number.isFinite(wanted) ? Math.min(rows, Math.max(0, wanted)) : 0;
}

/** Scores with NaN as −Infinity (last, then by id), so the order is total; a copy only when needed. */
function orderable(score: Float64Array): Float64Array {
  for (let i = 0; i < score.length; i++) {
    if (score[i] !== score[i]) return score.map((v) => (v === v ? v : -Infinity));
  }
  return score;
}

/** Compares rows by score descending, then id rank ascending: < 0 when a comes first. */
function comparator(s: Float64Array, r: Uint32Array): (a: number, b: number) => number {
  return (a, b) => {
    const sa = s[a]!;
    const sb = s[b]!;
    return sa > sb ? -1 : sa < sb ? 1 : r[a]! - r[b]!;
  };
}

/**
 * Reorders array[left..right] so that array[k] is the row that a full sort would put there, rows
 * before it all come first and rows after it all come later. Floyd & Rivest's SELECT (1975), as
 * in d3-array's quickselect (ISC), written over a Uint32Array of rows with the two-key comparison
 * passed in: expected linear time, about 1 ms for 100,000 rows.
 */
function select(array: Uint32Array, k: number, left: number, right: number, compare: (a: number, b: number) => number): void {
  while (right > left) {
    if (right - left > 600) {
      // recurse on a sample around k so the pivot lands close to the k-th
      const n = right - left + 1;
      const m = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * (m - n / 2 < 0 ? -1 : 1);
      select(array, k, Math.max(left, Math.floor(k - (m * s) / n + sd)), Math.min(right, Math.floor(k + ((n - m) * s) / n + sd)), compare);
    }
    const t = array[k]!;
    let i = left;
    let j = right;
    swap(array, left, k);
    if (compare(array[right]!, t) > 0) swap(array, left, right);
    while (i < j) {
      swap(array, i, j);
      i++;
      j--;
      while (compare(array[i]!, t) < 0) i++;
      while (compare(array[j]!, t) > 0) j--;
    }
    if (compare(array[left]!, t) === 0) swap(array, left, j);
    else {
      j++;
      swap(array, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

function swap(array: Uint32Array, i: number, j: number): void {
  const t = array[i]!;
  array[i] = array[j]!;
  array[j] = t;
}

/** Writes each row's override (a reason code) or ELIGIBLE into `reason`. */
function markOverrides(n: number, eligibility: Eligibility | undefined, reason: Uint8Array): void {
  reason.fill(ELIGIBLE);
  const overdue = eligibility?.maxOverdueDays !== undefined ? eligibility.overdueDays : undefined;
  const max = eligibility?.maxOverdueDays ?? Infinity;
  const badClass = eligibility?.badClass;
  if (overdue && overdue.length !== n) throw new Error(`assignTiers: ${overdue.length} overdue days for ${n} rows`);
  if (badClass && badClass.length !== n) throw new Error(`assignTiers: ${badClass.length} classes for ${n} rows`);
  for (let i = 0; i < n; i++) {
    // overdue first: the order of the reasons in TierReason
    if (overdue && overdue[i]! > max) reason[i] = OVERRIDE_OVERDUE;
    else if (badClass && badClass[i] === 1) reason[i] = OVERRIDE_CLASS;
  }
}

/**
 * Cut-off mode: score ≥ strategic → strategic when eligible; an ineligible one keeps its override
 * as reason and falls to growth when score ≥ growth (else general). Otherwise score ≥ growth →
 * growth, else general.
 */
function byCutoff(s: Float64Array, strategic: number, growth: number, tier: Uint8Array, reason: Uint8Array): void {
  for (let i = 0; i < s.length; i++) {
    const v = s[i]!;
    if (v >= strategic && reason[i] === ELIGIBLE) {
      tier[i] = TIER_STRATEGIC;
      reason[i] = ABOVE_STRATEGIC;
    } else {
      tier[i] = v >= growth ? TIER_GROWTH : TIER_GENERAL;
      // an override is the reason only when it is what kept the row out of strategic
      if (!(v >= strategic) || reason[i] === ELIGIBLE) reason[i] = v >= growth ? ABOVE_GROWTH : BELOW_GROWTH;
    }
  }
}

/** Bins of the coarse pass of the quota selection: enough that the boundary bin is small. */
const BINS = 4096;

/**
 * Each row's bin of the score range, monotone in the score (a higher score never has a lower
 * bin), so rows in higher bins all come before rows in lower ones and only the boundary bin needs
 * the exact two-key comparison. −Infinity (a NaN score) is bin 0.
 */
function binsOf(s: Float64Array): Uint16Array {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < s.length; i++) {
    const v = s[i]!;
    if (v > -Infinity && v < Infinity) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  const scale = hi > lo ? (BINS - 1) / (hi - lo) : 0;
  const bin = new Uint16Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const v = s[i]!;
    bin[i] = v <= lo ? 0 : v >= hi ? BINS - 1 : Math.floor((v - lo) * scale);
  }
  return bin;
}

/**
 * The first `count` members (rows with member[i] === memberValue, or all rows when member is
 * null) in the order score desc, id rank asc, without sorting: count members per bin, walk down
 * from the top bin to the bin where the count is reached, and select exactly within that bin
 * (Floyd–Rivest). Sets mark[i] = markValue for each of them when mark is given; returns how many
 * (count clamped to the members) and the last of them (−1 when none). Flags in typed arrays rather
 * than callbacks keep the per-row loops free of calls.
 */
function top(bin: Uint16Array, count: number, member: Uint8Array | null, memberValue: number, compare: (a: number, b: number) => number, mark: Uint8Array | null, markValue: number): { taken: number; last: number } {
  const n = bin.length;
  const hist = new Uint32Array(BINS);
  let members = 0;
  for (let i = 0; i < n; i++) {
    if (member === null || member[i] === memberValue) {
      hist[bin[i]!]!++;
      members++;
    }
  }
  const k = Math.min(count, members);
  if (k === 0) return { taken: 0, last: -1 };
  let above = 0;
  let b = BINS - 1;
  while (above + hist[b]! < k) above += hist[b--]!;
  const bucket = new Uint32Array(hist[b]!);
  let c = 0;
  for (let i = 0; i < n; i++) {
    const bi = bin[i]!;
    if (bi < b || (member !== null && member[i] !== memberValue)) continue;
    if (bi === b) bucket[c++] = i;
    else if (mark !== null) mark[i] = markValue;
  }
  const need = k - above;
  select(bucket, need - 1, 0, bucket.length - 1, compare);
  if (mark !== null) for (let j = 0; j < need; j++) mark[bucket[j]!] = markValue;
  return { taken: k, last: bucket[need - 1]! };
}

/**
 * Quota mode: in the order score desc, id rank asc, the first N eligible rows are strategic; the
 * next M of the rest (ineligible ones included) are growth; quotas beyond what is available are
 * clamped. An ineligible row's reason is its override when, without the override, it would have
 * competed for strategic: it ranks within the first N rows, or ahead of the lowest strategic row.
 */
function byQuota(s: Float64Array, idRank: Uint32Array, strategicQuota: number, growthQuota: number, tier: Uint8Array, reason: Uint8Array): void {
  const n = s.length;
  const compare = comparator(s, idRank);
  const bin = binsOf(s);
  tier.fill(TIER_GENERAL);
  const strategic = top(bin, strategicQuota, reason, ELIGIBLE, compare, tier, TIER_STRATEGIC);
  // the boundary row: an ineligible row ranked at or before it was kept out of strategic
  let boundary = strategic.last;
  if (strategic.taken < strategicQuota) {
    // not enough eligible rows: every ineligible row within the first N rows also lost its place
    const nth = top(bin, strategicQuota, null, 0, compare, null, 0).last;
    if (boundary < 0 || compare(nth, boundary) > 0) boundary = nth;
  }
  // marking a row growth while scanning is safe: each row is looked at once per pass, and the
  // bucket is collected before any of its rows is marked
  top(bin, growthQuota, tier, TIER_GENERAL, compare, tier, TIER_GROWTH);
  for (let i = 0; i < n; i++) {
    const t = tier[i]!;
    if (t === TIER_STRATEGIC) reason[i] = WITHIN_STRATEGIC;
    else if (reason[i] === ELIGIBLE || boundary < 0 || compare(i, boundary) > 0) reason[i] = t === TIER_GROWTH ? WITHIN_GROWTH : BELOW_GROWTH;
    // else: ineligible and ranked at or before the boundary — the override stays the reason
  }
}

/**
 * Assigns every row a tier and a reason (see byCutoff and byQuota for the two modes). Rows with a
 * NaN score rank last. Deterministic regardless of row order, given id ranks from idRanks. Writes
 * into `out` when given (reused across slider frames).
 */
export function assignTiers(score: Float64Array, idRank: Uint32Array, rule: TierRule, eligibility?: Eligibility, out?: { tier: Uint8Array; reason: Uint8Array }): Tiering {
  const n = score.length;
  if (idRank.length !== n) throw new Error(`assignTiers: ${idRank.length} id ranks for ${n} scores`);
  const tier = out?.tier ?? new Uint8Array(n);
  const reason = out?.reason ?? new Uint8Array(n);
  if (tier.length !== n || reason.length !== n) throw new Error(`assignTiers: out arrays must have ${n} rows`);
  const s = orderable(score);
  markOverrides(n, eligibility, reason);
  if (rule.mode === 'cutoff') byCutoff(s, rule.strategic, rule.growth, tier, reason);
  else byQuota(s, idRank, quotaRows(rule.strategic, n), quotaRows(rule.growth, n), tier, reason);
  const counts: [number, number, number] = [0, 0, 0];
  const cuts: [number, number] = [Infinity, Infinity];
  for (let i = 0; i < n; i++) {
    const t = tier[i]!;
    counts[t as 0 | 1 | 2]++;
    if (t !== TIER_GENERAL && s[i]! < cuts[t as 0 | 1]) cuts[t as 0 | 1] = s[i]!;
  }
  return { tier, reason, counts, cuts: [counts[0] > 0 ? cuts[0] : NaN, counts[1] > 0 ? cuts[1] : NaN] };
}

/** Rows sorted by score desc then id rank asc (for the name list; a full sort, so call it lazily). */
export function rankOrder(score: Float64Array, idRank: Uint32Array, rows?: Uint32Array): Uint32Array {
  const order = rows ? Uint32Array.from(rows) : Uint32Array.from({ length: score.length }, (_, i) => i);
  return order.sort(comparator(orderable(score), idRank));
}
