/**
 * The one ordering every rank-based metric shares: present (non-NaN) rows by score descending.
 * ROC and KS only need the tie groups (any order inside a tie gives the same numbers); lift and
 * deciles need a total order, so ties are broken by the caller's idRank, ascending first.
 */

/** Indexes of the rows whose score is not NaN, by score descending, ties by idRank ascending
 * (or by row index when no idRank is given). */
export function descendingOrder(score: Float64Array, idRank?: Uint32Array): Uint32Array {
  let n = 0;
  for (let i = 0; i < score.length; i++) if (score[i] === score[i]) n++;
  const order = new Uint32Array(n);
  let k = 0;
  for (let i = 0; i < score.length; i++) if (score[i] === score[i]) order[k++] = i;
  const tie = idRank ?? null;
  return order.sort((a, b) => {
    const x = score[a]!;
    const y = score[b]!;
    if (x !== y) return x > y ? -1 : 1;
    return tie ? tie[a]! - tie[b]! : a - b;
  });
}

/** Throws unless the arrays are aligned row for row. */
export function checkAligned(name: string, ...arrays: readonly { readonly length: number }[]): void {
  const n = arrays[0]!.length;
  for (const a of arrays) if (a.length !== n) throw new RangeError(`${name}: arrays must have the same length (${n} vs ${a.length})`);
}

/**
 * Per distinct score (descending), the events and non-events at exactly that score: the tie groups
 * ROC and KS walk. Also the excluded (NaN-score) row count.
 */
export interface TieGroups {
  readonly scores: Float64Array;
  readonly events: Float64Array;
  readonly nonEvents: Float64Array;
  readonly totalEvents: number;
  readonly totalNonEvents: number;
  readonly excluded: number;
}

export function tieGroups(score: Float64Array, event: Uint8Array): TieGroups {
  checkAligned('metric', score, event);
  const order = descendingOrder(score);
  const scores: number[] = [];
  const events: number[] = [];
  const nonEvents: number[] = [];
  let totalEvents = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    const s = score[i]!;
    if (k === 0 || s !== scores[scores.length - 1]) {
      scores.push(s);
      events.push(0);
      nonEvents.push(0);
    }
    const g = scores.length - 1;
    if (event[i] === 1) events[g]!++, totalEvents++;
    else nonEvents[g]!++;
  }
  return {
    scores: Float64Array.from(scores),
    events: Float64Array.from(events),
    nonEvents: Float64Array.from(nonEvents),
    totalEvents,
    totalNonEvents: order.length - totalEvents,
    excluded: score.length - order.length,
  };
}
