/**
 * The outcome a model is evaluated against, aligned with the screening's rows: which table and
 * column, which value is the event (signed for a marketing model, default for a risk model), and
 * per customer whether it is known and whether it is the event. Customers without an outcome row
 * are unknown and left out of every metric.
 */
export interface Outcome {
  readonly table: string;
  readonly column: string;
  /** the value that counts as the event, as text (compared with the column cast to text) */
  readonly eventValue: string;
  /** per screening row: 1 = event */
  readonly event: Uint8Array;
  /** per screening row: 1 = the outcome is known */
  readonly known: Uint8Array;
  readonly count: number;
  readonly events: number;
}
