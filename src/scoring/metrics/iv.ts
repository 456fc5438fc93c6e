/**
 * Information value and weight of evidence per indicator (DOMAIN.md):
 * WoE_i = ln(%nonevent_i / %event_i), IV = Σ (%nonevent_i − %event_i)·WoE_i.
 *
 * Bins (conventions.ts states them for the UI): equal-frequency bins of the indicator's present
 * values that never split equal values — a distinct value with `below` present values under it
 * goes to bin ⌊below·bins / n⌋, so every copy of it lands together (a heavy tie makes a bigger bin
 * and may leave a later bin empty; empty bins are not reported). NaN values are a bin of their own
 * when there are any. %event_i = events_i / all events (all rows, missing included), likewise for
 * non-events; a zero count is replaced by 0.5 (WOE_ZERO_CELL), the totals are not.
 */
import { IV_BINS, WOE_ZERO_CELL, ivBand, type IvBand } from './conventions';
import { checkAligned } from './order';

export interface WoeBin {
  /** Smallest value in the bin (NaN for the missing bin). */
  readonly low: number;
  /** Largest value in the bin (NaN for the missing bin). */
  readonly high: number;
  readonly missing: boolean;
  readonly count: number;
  readonly events: number;
  readonly nonEvents: number;
  readonly woe: number;
  /** This bin's term of the IV. */
  readonly iv: number;
}

export interface IvResult {
  readonly iv: number;
  readonly band: IvBand;
  readonly bins: readonly WoeBin[];
}

/** IV and WoE bins of an indicator against a 0/1 event. Throws without both events and non-events. */
export function informationValue(values: Float64Array, event: Uint8Array, bins: number = IV_BINS): IvResult {
  checkAligned('informationValue', values, event);
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`iv bins must be a whole number ≥ 1, not ${bins}`);
  const present: number[] = [];
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) present.push(i);
  const order = Uint32Array.from(present).sort((a, b) => values[a]! - values[b]!);
  const n = order.length;
  type Cell = { low: number; high: number; missing: boolean; count: number; events: number };
  const cells: Cell[] = [];
  let current: Cell | undefined;
  let currentBin = -1;
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    const v = values[i]!;
    // a new distinct value starts at position k (k values below it) and picks its bin there
    if (k === 0 || v !== values[order[k - 1]!]) {
      const bin = Math.floor((k * bins) / n);
      if (bin !== currentBin) {
        currentBin = bin;
        current = { low: v, high: v, missing: false, count: 0, events: 0 };
        cells.push(current);
      }
    }
    current!.high = v;
    current!.count++;
    if (event[i] === 1) current!.events++;
  }
  if (n < values.length) {
    const missing: Cell = { low: NaN, high: NaN, missing: true, count: 0, events: 0 };
    for (let i = 0; i < values.length; i++) if (values[i] !== values[i]) (missing.count++, event[i] === 1 && missing.events++);
    cells.push(missing);
  }
  let totalEvents = 0;
  for (let i = 0; i < event.length; i++) if (event[i] === 1) totalEvents++;
  const totalNonEvents = event.length - totalEvents;
  if (totalEvents === 0 || totalNonEvents === 0) throw new RangeError('informationValue needs both events and non-events');
  let iv = 0;
  const out = cells.map((c): WoeBin => {
    const nonEvents = c.count - c.events;
    const pEvent = (c.events === 0 ? WOE_ZERO_CELL : c.events) / totalEvents;
    const pNonEvent = (nonEvents === 0 ? WOE_ZERO_CELL : nonEvents) / totalNonEvents;
    const woe = Math.log(pNonEvent / pEvent);
    const term = (pNonEvent - pEvent) * woe;
    iv += term;
    return { low: c.low, high: c.high, missing: c.missing, count: c.count, events: c.events, nonEvents, woe, iv: term };
  });
  return { iv, band: ivBand(iv), bins: out };
}
