/**
 * KS (DOMAIN.md): the largest |F_event − F_nonevent| over the distinct score values. Each distinct
 * value is taken whole, so ties and row order cannot change the statistic.
 */
import { tieGroups } from './order';

export interface KsResult {
  readonly ks: number;
  /** The smallest distinct score at which the maximum is reached (NaN when there is none). */
  readonly threshold: number;
  /** eventCdf[k] = share of events with score ≤ thresholds[k]. */
  readonly eventCdf: Float64Array;
  readonly nonEventCdf: Float64Array;
  /** Distinct scores, ascending (the natural order of a CDF). */
  readonly thresholds: Float64Array;
}

/**
 * KS of a score against a 0/1 event (1 = event). NaN scores are excluded. With no events or no
 * non-events the CDFs and KS are NaN.
 */
export function ks(score: Float64Array, event: Uint8Array): KsResult {
  const t = tieGroups(score, event);
  const m = t.scores.length;
  const thresholds = new Float64Array(m);
  const eventCdf = new Float64Array(m);
  const nonEventCdf = new Float64Array(m);
  let cumEvents = 0;
  let cumNonEvents = 0;
  let best = NaN;
  let threshold = NaN;
  // tie groups come descending; walk them ascending to accumulate the CDFs
  for (let k = 0; k < m; k++) {
    const g = m - 1 - k;
    cumEvents += t.events[g]!;
    cumNonEvents += t.nonEvents[g]!;
    thresholds[k] = t.scores[g]!;
    eventCdf[k] = cumEvents / t.totalEvents;
    nonEventCdf[k] = cumNonEvents / t.totalNonEvents;
    const d = Math.abs(eventCdf[k]! - nonEventCdf[k]!);
    // strictly larger only, so the first (smallest) threshold reaching the maximum is kept
    if (d === d && !(d <= best)) (best = d), (threshold = thresholds[k]!);
  }
  return { ks: best, threshold, eventCdf, nonEventCdf, thresholds };
}
