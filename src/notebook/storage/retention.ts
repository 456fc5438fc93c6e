import type { SaveReason } from './records';

/**
 * Which versions of a notebook's history to keep. Pure: the store applies it in the transaction of
 * every save that records a version.
 *
 * Autosave writes a version up to every 5 s while the user types or drags a slider (a slider's
 * value is part of the notebook text), so "keep everything for a day" could mean thousands of
 * copies of a multi-megabyte notebook. The policy keeps fine detail for the current session and
 * thins older history:
 *
 * 1. The newest version (the current text) is always kept.
 * 2. Younger than `keepEveryFor` (1 h): every version.
 * 3. Younger than `recentFor` (24 h): the newest version of each `recentSlot` (10 min, aligned to
 *    the epoch) and every checkpoint: a manual save, an import, a restore, and the version a
 *    restore or import replaced (so undoing a restore stays possible for a day, then daily).
 * 4. Younger than `dailyFor` (30 days): the newest version of each UTC day.
 * 5. Older: dropped.
 * 6. If what is kept still exceeds `maxBytes`, versions are dropped oldest first until it fits,
 *    first the extra versions of the last hour (rule 2), then the slot and day versions; never the
 *    newest. This bounds a huge notebook edited all day (100 MB ≈ 33 versions of a 3 MB notebook).
 *
 * A version's age counts from when it stopped being current (the next version's save), not from
 * when it was saved: a text that stood unchanged for three months before today's edit is what the
 * user had this morning, and must survive that edit. Slots group versions by when they were saved,
 * so the one kept per slot is the text as it stood at the slot's end. Slots are aligned to fixed
 * boundaries (not to "now") so a version chosen for its slot stays chosen as time passes. Versions
 * are ordered by id, not by time, so a clock set backwards never makes an old text look newer.
 */
export interface RetentionPolicy {
  readonly keepEveryFor: number;
  readonly recentFor: number;
  readonly recentSlot: number;
  readonly dailyFor: number;
  readonly maxBytes: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const DEFAULT_RETENTION: RetentionPolicy = {
  keepEveryFor: HOUR,
  recentFor: DAY,
  recentSlot: 10 * MINUTE,
  dailyFor: 30 * DAY,
  maxBytes: 100 * 1024 * 1024,
};

/** What retention needs to know of a version. */
export interface RetainedVersion {
  readonly versionId: number;
  readonly savedAt: number;
  readonly reason: SaveReason;
  readonly size: number;
}

/** How much a kept version matters when history must shrink to fit `maxBytes`. */
const Rank = {
  Newest: 0,
  /** a checkpoint, or the newest of its slot or day */
  Chosen: 1,
  /** kept only because it is less than `keepEveryFor` old */
  Extra: 2,
} as const;
type Rank = (typeof Rank)[keyof typeof Rank];

/** The version ids to delete (ascending), given a notebook's versions at time `now`. */
export function versionsToDrop(versions: readonly RetainedVersion[], now: number, policy: RetentionPolicy = DEFAULT_RETENTION): number[] {
  const sorted = [...versions].sort((a, b) => a.versionId - b.versionId);
  const ranks = rank(sorted, now, policy);
  shrinkToFit(sorted, ranks, policy.maxBytes);
  return sorted.filter((v) => !ranks.has(v.versionId)).map((v) => v.versionId);
}

/** The versions rules 1–5 keep, with their rank. */
function rank(sorted: readonly RetainedVersion[], now: number, policy: RetentionPolicy): Map<number, Rank> {
  // The newest of a slot is chosen among all versions, so a slot whose last version is still in a
  // finer tier keeps none of its older ones.
  const lastOfSlot = newestBySlot(sorted, policy.recentSlot);
  const lastOfDay = newestBySlot(sorted, DAY);
  const ranks = new Map<number, Rank>();
  sorted.forEach((version, i) => {
    const next = sorted[i + 1];
    const age = Math.max(0, now - (next?.savedAt ?? now));
    const isLastOf = (slots: Map<number, number>, width: number) => slots.get(Math.floor(version.savedAt / width)) === version.versionId;
    const checkpoint = version.reason !== 'autosave' || next?.reason === 'restore' || next?.reason === 'import';
    if (age < policy.recentFor && (checkpoint || isLastOf(lastOfSlot, policy.recentSlot))) ranks.set(version.versionId, Rank.Chosen);
    else if (age < policy.keepEveryFor) ranks.set(version.versionId, Rank.Extra);
    else if (age >= policy.recentFor && age < policy.dailyFor && isLastOf(lastOfDay, DAY)) ranks.set(version.versionId, Rank.Chosen);
  });
  const newest = sorted.at(-1);
  if (newest) ranks.set(newest.versionId, Rank.Newest);
  return ranks;
}

/** Slot number (savedAt / width, floored) → id of the newest version saved in it. */
function newestBySlot(sorted: readonly RetainedVersion[], width: number): Map<number, number> {
  const slots = new Map<number, number>();
  for (const version of sorted) slots.set(Math.floor(version.savedAt / width), version.versionId); // ascending: last wins
  return slots;
}

/** Rule 6: drops kept versions, least important and oldest first, until their sizes fit. */
function shrinkToFit(sorted: readonly RetainedVersion[], ranks: Map<number, Rank>, maxBytes: number): void {
  let total = 0;
  for (const v of sorted) if (ranks.has(v.versionId)) total += v.size;
  for (const dropRank of [Rank.Extra, Rank.Chosen]) {
    for (const v of sorted) {
      if (total <= maxBytes) return;
      if (ranks.get(v.versionId) !== dropRank) continue;
      ranks.delete(v.versionId);
      total -= v.size;
    }
  }
}
