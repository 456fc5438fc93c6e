import { describe, expect, it } from 'vitest';
import type { SaveReason } from '../../../src/notebook/storage/records';
import { DAY, DEFAULT_RETENTION, versionsToDrop, type RetainedVersion } from '../../../src/notebook/storage/retention';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** 12:00 UTC, on a 10-minute and hour boundary. */
const NOON = Date.UTC(2026, 0, 15, 12);

/** Versions 1, 2, 3... saved at the given times, autosaves unless a reason is given. */
function history(...saves: (number | [number, SaveReason])[]): RetainedVersion[] {
  return saves.map((save, i) => {
    const [savedAt, reason] = typeof save === 'number' ? [save, 'autosave' as const] : save;
    return { versionId: i + 1, savedAt, reason, size: 100 };
  });
}

describe('versionsToDrop', () => {
  it('keeps every version replaced less than an hour ago', () => {
    const saves = Array.from({ length: 120 }, (_, i) => NOON + i * 30_000); // every 30 s for an hour
    expect(versionsToDrop(history(...saves), NOON + HOUR)).toEqual([]);
  });

  it('between one hour and a day, keeps the last version of each 10-minute slot', () => {
    // Saves at 12:00, 12:04, 12:08 (one slot), 12:12, then the current one at 15:00.
    const versions = history(NOON, NOON + 4 * MINUTE, NOON + 8 * MINUTE, NOON + 12 * MINUTE, NOON + 3 * HOUR);
    expect(versionsToDrop(versions, NOON + 3 * HOUR)).toEqual([1, 2]);
  });

  it('between one hour and a day, also keeps checkpoints and the version a restore or import replaced', () => {
    const versions = history(
      NOON, // 1: replaced by an import
      [NOON + 1 * MINUTE, 'import'], // 2
      NOON + 2 * MINUTE, // 3: an autosave, dropped
      [NOON + 3 * MINUTE, 'manual'], // 4
      NOON + 4 * MINUTE, // 5: replaced by a restore
      [NOON + 5 * MINUTE, 'restore'], // 6
      NOON + 6 * MINUTE, // 7: the last of the 12:00 slot
      NOON + 5 * HOUR, // 8: current
    );
    expect(versionsToDrop(versions, NOON + 5 * HOUR)).toEqual([3]);
  });

  it('between a day and 30 days, keeps the last version of each UTC day', () => {
    const versions = history(
      NOON - 3 * DAY, // 1
      NOON - 3 * DAY + 6 * HOUR, // 2: 18:00, the last of its day
      NOON - 2 * DAY, // 3: the only one of its day
      [NOON - 2 * DAY + 11 * HOUR + 59 * MINUTE, 'manual'], // 4: 23:59, the last of the same day
      NOON, // 5: current
    );
    expect(versionsToDrop(versions, NOON)).toEqual([1, 3]);
  });

  it('drops what was replaced 30 days ago or more, but never the current version', () => {
    const versions = history(NOON - 60 * DAY, NOON - 31 * DAY, NOON - 29 * DAY);
    // Version 1 was replaced 31 days ago, version 2 29 days ago, version 3 is current.
    expect(versionsToDrop(versions, NOON)).toEqual([1]);
    expect(versionsToDrop(history(NOON - 400 * DAY), NOON)).toEqual([]);
  });

  it('counts age from the replacing save, so a long-standing text survives a fresh edit', () => {
    const versions = history(NOON - 100 * DAY, NOON - MINUTE);
    expect(versionsToDrop(versions, NOON)).toEqual([]);
  });

  it('under the byte cap, drops extra versions of the last hour first, then the oldest chosen ones', () => {
    const versions = history(
      NOON - 2 * DAY, // 1: chosen (last of its slot; replaced 5 h ago)
      NOON - 5 * HOUR, // 2: chosen (last of its slot)
      NOON - 30 * MINUTE, // 3: extra (11:30, not the last of the 11:30 slot)
      NOON - 25 * MINUTE, // 4: chosen (11:35, the last of the 11:30 slot)
      NOON - 12 * MINUTE, // 5: extra (11:48, not the last of the 11:40 slot)
      NOON - 11 * MINUTE, // 6: chosen (11:49)
      NOON, // 7: current
    ).map((v) => ({ ...v, size: 1000 }));
    const cap = (maxBytes: number) => versionsToDrop(versions, NOON, { ...DEFAULT_RETENTION, maxBytes });
    expect(cap(7000)).toEqual([]);
    expect(cap(6000)).toEqual([3]);
    expect(cap(5000)).toEqual([3, 5]);
    expect(cap(4000)).toEqual([1, 3, 5]);
    expect(cap(0)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('orders versions by id, so a clock set backwards never makes an old version the current one', () => {
    const versions = history(NOON, NOON - 40 * DAY); // the clock jumped back before version 2
    expect(versionsToDrop(versions, NOON - 40 * DAY)).toEqual([]);
    expect(versionsToDrop([...versions].reverse(), NOON - 40 * DAY)).toEqual([]);
  });
});
