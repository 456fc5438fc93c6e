/**
 * ROC curve, AUC and Gini (DOMAIN.md: AUC with ties counted ½, Gini = 2·AUC − 1).
 *
 * The curve has one point per distinct score (all rows at a score cross the threshold together),
 * so a tie is a diagonal segment and the trapezoid area under it is exactly the Mann–Whitney AUC
 * with ties ½. The AUC is summed in whole counts (ties as halves) and divided once, so it is exact
 * up to that one division and does not depend on row order.
 */
import { tieGroups } from './order';

export interface RocResult {
  readonly auc: number;
  readonly gini: number;
  readonly events: number;
  readonly nonEvents: number;
  /** Rows whose score is NaN (left out of everything). */
  readonly excluded: number;
  /** fpr[0] = tpr[0] = 0; fpr[k+1], tpr[k+1] are the rates with "score ≥ thresholds[k]" as positive. */
  readonly fpr: Float64Array;
  readonly tpr: Float64Array;
  /** Distinct scores, descending; the curve starts at (0,0). */
  readonly thresholds: Float64Array;
}

/**
 * The ROC of a score against a 0/1 event (1 = event). NaN scores are excluded and counted.
 * With no events or no non-events the AUC, Gini and the matching rates are NaN. O(n log n).
 */
export function roc(score: Float64Array, event: Uint8Array): RocResult {
  const t = tieGroups(score, event);
  const m = t.scores.length;
  const fpr = new Float64Array(m + 1);
  const tpr = new Float64Array(m + 1);
  // Σ over tie groups of nonEvents_g · (events above g + events_g / 2): pairs won, ties as ½
  let won = 0;
  let eventsAbove = 0;
  let nonEventsAbove = 0;
  for (let g = 0; g < m; g++) {
    won += t.nonEvents[g]! * (eventsAbove + t.events[g]! / 2);
    eventsAbove += t.events[g]!;
    nonEventsAbove += t.nonEvents[g]!;
    tpr[g + 1] = eventsAbove / t.totalEvents;
    fpr[g + 1] = nonEventsAbove / t.totalNonEvents;
  }
  const auc = won / (t.totalEvents * t.totalNonEvents);
  return {
    auc,
    gini: 2 * auc - 1,
    events: t.totalEvents,
    nonEvents: t.totalNonEvents,
    excluded: t.excluded,
    fpr,
    tpr,
    thresholds: t.scores,
  };
}
