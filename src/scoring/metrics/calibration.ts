/**
 * Calibration (DOMAIN.md): per tier or decile, the mean predicted probability beside the actual
 * event rate. The grouping is the caller's (a tiering, or decileOf), so the same table serves both.
 */
import { checkAligned } from './order';

export interface CalibrationRow {
  readonly group: number;
  readonly count: number;
  /** Mean predicted probability (NaN for an empty group). */
  readonly predicted: number;
  /** Event rate (NaN for an empty group). */
  readonly actual: number;
}

/** One row per group 0..groups−1. Rows with a NaN probability or a group code ≥ groups are left out. */
export function calibration(
  probability: Float64Array,
  event: Uint8Array,
  groupOf: Uint8Array | Uint32Array,
  groups: number,
): CalibrationRow[] {
  checkAligned('calibration', probability, event, groupOf);
  const count = new Float64Array(groups);
  const sum = new Float64Array(groups);
  const events = new Float64Array(groups);
  for (let i = 0; i < probability.length; i++) {
    const g = groupOf[i]!;
    const p = probability[i]!;
    if (g >= groups || p !== p) continue;
    count[g]!++;
    sum[g]! += p;
    if (event[i] === 1) events[g]!++;
  }
  return Array.from({ length: groups }, (_, g) => ({
    group: g,
    count: count[g]!,
    predicted: sum[g]! / count[g]!,
    actual: events[g]! / count[g]!,
  }));
}
