/**
 * Conversion by tier (DOMAIN.md): per tier, the count, the event rate and the share of all events
 * the tier captures — the first question a branch asks of a name list.
 */
import { checkAligned } from './order';

export interface TierConversion {
  /** The tier index (tiers.ts: 0 strategic, 1 growth, 2 general). */
  readonly tier: number;
  readonly count: number;
  readonly events: number;
  /** events / count (NaN for an empty tier). */
  readonly rate: number;
  /** events / all events in tiers 0..tiers−1 (NaN when there are none). */
  readonly share: number;
}

/** One row per tier 0..tiers−1; rows whose tier code is outside that range are left out. */
export function conversionByTier(tier: Uint8Array, event: Uint8Array, tiers = 3): TierConversion[] {
  checkAligned('conversionByTier', tier, event);
  const count = new Float64Array(tiers);
  const events = new Float64Array(tiers);
  for (let i = 0; i < tier.length; i++) {
    const t = tier[i]!;
    if (t >= tiers) continue;
    count[t]!++;
    if (event[i] === 1) events[t]!++;
  }
  let all = 0;
  for (let t = 0; t < tiers; t++) all += events[t]!;
  return Array.from({ length: tiers }, (_, t) => ({
    tier: t,
    count: count[t]!,
    events: events[t]!,
    rate: events[t]! / count[t]!,
    share: events[t]! / all,
  }));
}
