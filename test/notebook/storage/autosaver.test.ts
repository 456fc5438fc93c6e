import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Autosaver, type AutosaveStatus } from '../../../src/notebook/storage/autosaver';
import { notebookId, type SaveReason } from '../../../src/notebook/storage/records';
import { StorageError } from '../../../src/notebook/storage/storage-error';
import { openTestStore } from './support';

interface PendingSave {
  readonly text: string;
  readonly reason: SaveReason;
  resolve(): void;
  reject(error: unknown): void;
}

/** A save function whose saves finish when the test says, counting how many run at once. */
function controlledSave() {
  const calls: PendingSave[] = [];
  let running = 0;
  let mostAtOnce = 0;
  const save = (text: string, reason: SaveReason) =>
    new Promise<void>((resolve, reject) => {
      mostAtOnce = Math.max(mostAtOnce, ++running);
      const done = () => running--;
      calls.push({ text, reason, resolve: () => (done(), resolve()), reject: (e) => (done(), reject(e)) });
    });
  return { save, calls, mostAtOnce: () => mostAtOnce };
}

/** An autosaver over a save that succeeds at once, recording saves and statuses. */
function instantAutosaver(savedText = 'loaded') {
  const saves: [string, SaveReason][] = [];
  const statuses: AutosaveStatus[] = [];
  const autosaver = new Autosaver({
    savedText,
    save: async (text, reason) => void saves.push([text, reason]),
    onStatus: (s) => statuses.push(s),
  });
  return { autosaver, saves, statuses };
}

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Autosaver', () => {
  it('saves the newest text 800 ms after the last edit, once', async () => {
    const { autosaver, saves } = instantAutosaver();
    autosaver.schedule('a');
    await vi.advanceTimersByTimeAsync(500);
    autosaver.schedule('ab');
    await vi.advanceTimersByTimeAsync(799);
    expect(saves).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(saves).toEqual([['ab', 'autosave']]);
    expect(autosaver.dirty).toBe(false);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(saves).toHaveLength(1);
  });

  it('saves at least every 5 s while edits keep coming, then once after they stop', async () => {
    const { autosaver, saves } = instantAutosaver();
    const savedAt: number[] = [];
    for (let t = 0; t < 12_000; t += 200) {
      autosaver.schedule(`edit at ${t}`);
      const before = saves.length;
      await vi.advanceTimersByTimeAsync(200);
      if (saves.length > before) savedAt.push(Date.now());
    }
    expect(savedAt).toEqual([5000, 10_000]); // 5 s after the first edit each time it became unsaved
    await vi.advanceTimersByTimeAsync(800);
    expect(saves.at(-1)).toEqual(['edit at 11800', 'autosave']);
  });

  it('does not save a text that is already stored', async () => {
    const { autosaver, saves, statuses } = instantAutosaver('loaded');
    autosaver.schedule('loaded');
    autosaver.schedule('edited');
    autosaver.schedule('loaded'); // the edit undone before the save
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await autosaver.flush('autosave')).toBe(true);
    expect(saves).toEqual([]);
    expect(statuses).toEqual([{ state: 'pending' }, { state: 'saved', at: null }]);
  });

  it('saves at once on flush, as a manual save, and sends an unchanged text so it becomes a checkpoint', async () => {
    const { autosaver, saves } = instantAutosaver();
    autosaver.schedule('typed');
    expect(await autosaver.flush()).toBe(true);
    expect(saves).toEqual([['typed', 'manual']]);
    await autosaver.flush();
    expect(saves).toEqual([['typed', 'manual'], ['typed', 'manual']]);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(saves).toHaveLength(2); // the pending timers were cancelled by the flush
  });

  it('never runs two saves at once: one asked for during a save runs after it, with the newest text', async () => {
    const { save, calls, mostAtOnce } = controlledSave();
    const autosaver = new Autosaver({ savedText: '', save });
    autosaver.schedule('first');
    await vi.advanceTimersByTimeAsync(800);
    expect(calls.map((c) => c.text)).toEqual(['first']);

    autosaver.schedule('second');
    await vi.advanceTimersByTimeAsync(800); // the timer fires while 'first' is being saved
    autosaver.schedule('third');
    const flushed = autosaver.flush('autosave');
    expect(calls).toHaveLength(1);

    calls[0]!.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.map((c) => c.text)).toEqual(['first', 'third']);
    calls[1]!.resolve();
    expect(await flushed).toBe(true);
    expect(mostAtOnce()).toBe(1);
    expect(autosaver.dirty).toBe(false);
  });

  it('saves a return to the stored text made while another text was being saved', async () => {
    const { save, calls } = controlledSave();
    const autosaver = new Autosaver({ savedText: 'A', save });
    autosaver.schedule('B');
    await vi.advanceTimersByTimeAsync(800);
    autosaver.schedule('A'); // 'B' is being written: 'A' must follow it
    calls[0]!.resolve();
    await vi.advanceTimersByTimeAsync(800);
    expect(calls.map((c) => c.text)).toEqual(['B', 'A']);
  });

  it('reports pending, saving and the time saved', async () => {
    const statuses: AutosaveStatus[] = [];
    const autosaver = new Autosaver({ savedText: '', save: async () => {}, onStatus: (s) => statuses.push(s), now: () => 1234 });
    autosaver.schedule('x');
    autosaver.schedule('xy');
    await vi.advanceTimersByTimeAsync(800);
    expect(statuses).toEqual([{ state: 'pending' }, { state: 'saving' }, { state: 'saved', at: 1234 }]);
  });

  it('keeps the text unsaved after a failed save, reports the StorageError, and tries again', async () => {
    const statuses: AutosaveStatus[] = [];
    const full = new StorageError('quota', 'full');
    const save = vi.fn<(text: string) => Promise<void>>().mockRejectedValueOnce(full).mockRejectedValueOnce(full).mockResolvedValue();
    const autosaver = new Autosaver({ savedText: '', save, onStatus: (s) => statuses.push(s) });
    autosaver.schedule('work');
    await vi.advanceTimersByTimeAsync(800);
    expect(statuses.at(-1)).toEqual({ state: 'error', error: full });
    expect(autosaver.dirty).toBe(true);

    autosaver.schedule('more work'); // an edit after the failure: still shown as an error until a save succeeds
    expect(statuses.at(-1)).toMatchObject({ state: 'error' });
    expect(await autosaver.flush()).toBe(false); // second failure
    await vi.advanceTimersByTimeAsync(29_999);
    expect(save).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1); // retried 30 s later without a new edit
    expect(save).toHaveBeenLastCalledWith('more work', 'autosave');
    expect(statuses.at(-1)).toMatchObject({ state: 'saved' });
    expect(autosaver.dirty).toBe(false);
  });

  it('shows saved again when, after a failure, the text goes back to what is stored', async () => {
    const statuses: AutosaveStatus[] = [];
    const save = vi.fn<() => Promise<void>>().mockRejectedValue(new StorageError('quota', 'full'));
    const autosaver = new Autosaver({ savedText: 'stored', save, onStatus: (s) => statuses.push(s) });
    autosaver.schedule('edit');
    await vi.advanceTimersByTimeAsync(800);
    autosaver.schedule('stored');
    expect(statuses.map((s) => s.state)).toEqual(['pending', 'saving', 'error', 'saved']);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(save).toHaveBeenCalledTimes(1); // nothing left to retry
  });

  it('does not retry on its own when storage is unavailable, and wraps other failures as StorageError', async () => {
    const statuses: AutosaveStatus[] = [];
    const save = vi.fn<() => Promise<void>>().mockRejectedValueOnce(new StorageError('unavailable', 'private mode')).mockRejectedValue(new Error('boom'));
    const autosaver = new Autosaver({ savedText: '', save, onStatus: (s) => statuses.push(s) });
    autosaver.schedule('work');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(save).toHaveBeenCalledTimes(1);
    await autosaver.flush();
    const last = statuses.at(-1);
    expect(last?.state === 'error' && last.error).toMatchObject({ name: 'StorageError', kind: 'unknown', cause: new Error('boom') });
  });

  it('stops its timers when disposed', async () => {
    const { autosaver, saves } = instantAutosaver();
    autosaver.schedule('unsaved');
    autosaver.dispose();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(saves).toEqual([]);
    expect(autosaver.dirty).toBe(true);
  });
});

describe('Autosaver with the NotebookStore', () => {
  it('stores the text and marks a manual save of an unchanged text as a checkpoint', async () => {
    vi.useRealTimers();
    const { store } = await openTestStore();
    const id = notebookId('nb-a');
    await store.save(id, 'T', 'v1');
    const autosaver = new Autosaver({ savedText: 'v1', save: (text, reason) => store.save(id, 'T', text, { reason }) });
    autosaver.schedule('v2');
    expect(await autosaver.flush('autosave')).toBe(true);
    expect((await store.get(id))!.text).toBe('v2');
    await autosaver.flush('manual');
    expect((await store.versions(id)).map((v) => v.reason)).toEqual(['manual', 'autosave']);
    autosaver.dispose();
  });
});
