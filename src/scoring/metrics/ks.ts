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
  // compare |cumEvents·N − cumNonEvents·E| in whole numbers (exact below 2^53), so which distinct
  // value reaches the maximum does not depend on how the two fractions happen to round
  let best = -1;
  let threshold = NaN;
  for (let k = 0; k < m; k++) {
    const g = m - 1 - k;
    cumEvents += t.events[g]!;
    cumNonEvents += t.nonEvents[g]!;
    thresholds[k] = t.scores[g]!;
    eventCdf[k] = cumEvents / t.totalEvents;
    nonEventCdf[k] = cumNonEvents / t.totalNonEvents;
    const d = Math.abs(cumEvents * t.totalNonEvents - cumNonEvents * t.totalEvents);
    // strictly larger only, so the first (smallest) threshold reaching the maximum is kept
    if (d > best) (best = d), (threshold = thresholds[k]!);
  }
  const both = t.totalEvents > 0 && t.totalNonEvents > 0;
  return { ks: both ? best / (t.totalEvents * t.totalNonEvents) : NaN, threshold: both ? threshold : NaN, eventCdf, nonEventCdf, thresholds };
}
