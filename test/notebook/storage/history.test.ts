import { describe, expect, it } from 'vitest';
import { notebookId } from '../../../src/notebook/storage/records';
import { DAY } from '../../../src/notebook/storage/retention';
import { START, openTestStore } from './support';

const id = notebookId('nb-a');
const MINUTE = 60_000;

describe('notebook history', () => {
  it('records every save that changes the text, newest first, with title, reason and size', async () => {
    const { store, clock } = await openTestStore();
    await store.save(id, 'T1', 'one');
    clock.advance(MINUTE);
    await store.save(id, 'T1', 'one'); // unchanged: no version
    await store.save(id, 'T2', 'two!', { reason: 'manual' });
    clock.advance(MINUTE);
    await store.save(id, 'T2', 'three');
    expect(await store.versions(id)).toEqual([
      { notebookId: id, versionId: 3, savedAt: START + 2 * MINUTE, title: 'T2', reason: 'autosave', size: 5 },
      { notebookId: id, versionId: 2, savedAt: START + MINUTE, title: 'T2', reason: 'manual', size: 4 },
      { notebookId: id, versionId: 1, savedAt: START, title: 'T1', reason: 'autosave', size: 3 },
    ]);
    expect(await store.version(id, 2)).toMatchObject({ versionId: 2, text: 'two!' });
    expect(await store.version(id, 9)).toBeUndefined();
  });

  it('restores an earlier version as a new restore version, so the restore can be undone', async () => {
    const { store, clock } = await openTestStore();
    await store.save(id, 'First title', 'first');
    clock.advance(MINUTE);
    await store.save(id, 'Second title', 'second');
    clock.advance(MINUTE);
    const restored = await store.restore(id, 1);
    expect(restored).toMatchObject({ title: 'First title', versionId: 3, updatedAt: START + 2 * MINUTE });
    expect((await store.get(id))!.text).toBe('first');
    expect((await store.versions(id)).map((v) => [v.versionId, v.reason])).toEqual([[3, 'restore'], [2, 'autosave'], [1, 'autosave']]);

    // Undo the restore: the text it replaced is version 2.
    await store.restore(id, 2);
    expect((await store.get(id))!.text).toBe('second');
    expect((await store.versions(id))[0]).toMatchObject({ versionId: 4, reason: 'restore' });
  });

  it('does nothing when asked to restore the version that is already current', async () => {
    const { store } = await openTestStore();
    await store.save(id, 'T', 'only');
    expect((await store.restore(id, 1)).versionId).toBe(1);
    expect(await store.versions(id)).toHaveLength(1);
  });

  it('reports restoring a version that is not stored as not-found, changing nothing', async () => {
    const { store } = await openTestStore();
    await store.save(id, 'T', 'only');
    await expect(store.restore(id, 7)).rejects.toMatchObject({ name: 'StorageError', kind: 'not-found' });
    await expect(store.restore(notebookId('nb-none'), 1)).rejects.toMatchObject({ kind: 'not-found' });
    expect((await store.get(id))!.text).toBe('only');
  });

  it('turns the current version into a manual checkpoint when the user saves unchanged text', async () => {
    const { store } = await openTestStore();
    await store.save(id, 'T', 'autosaved already');
    await store.save(id, 'T', 'autosaved already', { reason: 'manual' });
    expect((await store.versions(id)).map((v) => v.reason)).toEqual(['manual']);
  });

  it('thins history as it ages: a day of edits keeps every version of the last hour, then one per 10 minutes', async () => {
    const { store, clock } = await openTestStore();
    // One edit a minute for 24 hours, from 12:00 UTC (so slots of 10 minutes hold edits 0–9, 10–19...).
    for (let minute = 0; minute < 24 * 60; minute++) {
      if (minute > 0) clock.advance(MINUTE);
      await store.save(id, 'T', `edit ${minute}`);
    }
    const kept = (await store.versions(id)).map((v) => v.versionId - 1).reverse(); // the minute of each kept edit
    // The current edit (1439) and the 60 replaced less than an hour ago (1379–1438)...
    const lastHour = Array.from({ length: 61 }, (_, i) => 1379 + i);
    // ...and before that, the last edit of each 10-minute slot (slot 137 ends with 1379, already kept).
    const slots = Array.from({ length: 137 }, (_, slot) => slot * 10 + 9);
    expect(kept).toEqual([...slots, ...lastHour]);
    // Version ids keep counting; every listed version can still be read.
    expect((await store.get(id))!).toMatchObject({ versionId: 1440, text: 'edit 1439' });
    expect((await store.version(id, 10))!.text).toBe('edit 9');
  });

  it('keeps the last version of each day for 30 days after it was replaced, and always the current text', async () => {
    const { store, clock } = await openTestStore();
    // Each day for 40 days: a save at 12:00 UTC and one at 14:00.
    for (let day = 0; day < 40; day++) {
      if (day > 0) clock.advance(DAY - 2 * 60 * MINUTE);
      await store.save(id, 'T', `day ${day} 12:00`);
      clock.advance(2 * 60 * MINUTE);
      await store.save(id, 'T', `day ${day} 14:00`);
    }
    const texts = async () => Promise.all((await store.versions(id)).map(async (v) => (await store.version(id, v.versionId))!.text));
    // Day 9's 14:00 version was replaced 29 days and 22 hours ago; day 8's more than 30 days ago.
    const days = Array.from({ length: 30 }, (_, i) => `day ${38 - i} 14:00`);
    expect(await texts()).toEqual(['day 39 14:00', 'day 39 12:00', ...days]);

    // A notebook left alone for a quarter: an unchanged save prunes nothing...
    clock.advance(90 * DAY);
    await store.save(id, 'T', 'day 39 14:00');
    expect(await texts()).toHaveLength(32);
    // ...and the text that stood all that time survives the first edit: it was current until now.
    await store.save(id, 'T', 'back after a quarter');
    expect(await texts()).toEqual(['back after a quarter', 'day 39 14:00']);
  });

  it('bounds the history of a huge notebook edited continuously by the byte cap', async () => {
    const { store, clock } = await openTestStore({ retention: { keepEveryFor: 60 * MINUTE, recentFor: DAY, recentSlot: 10 * MINUTE, dailyFor: 30 * DAY, maxBytes: 10_000 } });
    for (let i = 0; i < 50; i++) {
      await store.save(id, 'T', `${i}`.padStart(1000, '.'));
      clock.advance(5000);
    }
    const versions = await store.versions(id);
    expect(versions.reduce((sum, v) => sum + v.size, 0)).toBeLessThanOrEqual(10_000);
    expect(versions[0]!.versionId).toBe(50);
  });
});
