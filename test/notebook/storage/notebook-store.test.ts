import { describe, expect, it } from 'vitest';
import { notebookId, utf8Length } from '../../../src/notebook/storage/records';
import { StorageError } from '../../../src/notebook/storage/storage-error';
import { START, bigNotebookText, openTestStore } from './support';

const id = notebookId('nb-a');

describe('NotebookStore', () => {
  it('stores a notebook and gives back its text, title and origin', async () => {
    const { store } = await openTestStore();
    const saved = await store.save(id, 'Screening', '# Screening\n');
    expect(saved).toEqual({ id, title: 'Screening', origin: 'local', createdAt: START, updatedAt: START, size: 12, versionId: 1 });
    expect(await store.get(id)).toEqual({ ...saved, text: '# Screening\n' });
    expect(await store.get(notebookId('nb-missing'))).toBeUndefined();
  });

  it('lists notebooks most recently updated first, without their text', async () => {
    const { store, clock } = await openTestStore();
    await store.save(notebookId('old'), 'Old', 'a');
    clock.advance(1000);
    await store.save(notebookId('new'), 'New', 'b');
    clock.advance(1000);
    await store.save(notebookId('old'), 'Old', 'a, edited');
    const list = await store.list();
    expect(list.map((n) => n.id)).toEqual(['old', 'new']);
    expect(list[0]).not.toHaveProperty('text');
    expect(list[0]!.updatedAt).toBe(START + 2000);
  });

  it('creates notebooks under ids from the injected generator', async () => {
    const { store } = await openTestStore();
    const first = await store.create('One', 'x');
    const second = await store.create('Two', 'y');
    expect([first.id, second.id]).toEqual(['nb-1', 'nb-2']);
  });

  it('refuses to create over an existing notebook when the generator repeats an id', async () => {
    const { store } = await openTestStore({ newId: () => notebookId('same') });
    await store.create('One', 'keep me');
    await expect(store.create('Two', 'other')).rejects.toBeInstanceOf(StorageError);
    expect((await store.get(notebookId('same')))!.text).toBe('keep me');
  });

  it('records a file or bundled notebook as imported, and keeps its origin on later saves', async () => {
    const { store } = await openTestStore();
    await store.save(id, 'From a colleague', 'v1', { origin: 'file' });
    await store.save(id, 'From a colleague', 'v2');
    expect((await store.get(id))!.origin).toBe('file');
    expect((await store.versions(id)).map((v) => v.reason)).toEqual(['autosave', 'import']);
  });

  it('does not touch a notebook when the same title and text are saved again', async () => {
    const { store, clock } = await openTestStore();
    await store.save(id, 'T', 'text');
    clock.advance(5000);
    const again = await store.save(id, 'T', 'text');
    expect(again.updatedAt).toBe(START);
    expect(await store.versions(id)).toHaveLength(1);
  });

  it('renames without recording a version when only the title changes', async () => {
    const { store, clock } = await openTestStore();
    await store.save(id, 'Draft', 'text');
    clock.advance(5000);
    const renamed = await store.save(id, 'Final', 'text');
    expect(renamed).toMatchObject({ title: 'Final', updatedAt: START + 5000, versionId: 1 });
    expect(await store.versions(id)).toHaveLength(1);
  });

  it('removes a notebook with its whole history and leaves the others alone', async () => {
    const { store } = await openTestStore();
    const other = notebookId('nb-b');
    await store.save(id, 'A', 'a1');
    await store.save(id, 'A', 'a2');
    await store.save(other, 'B', 'b1');
    await store.remove(id);
    expect(await store.get(id)).toBeUndefined();
    expect(await store.versions(id)).toEqual([]);
    expect(await store.version(id, 1)).toBeUndefined();
    expect((await store.get(other))!.text).toBe('b1');
    // The id can be used again, starting a fresh history.
    expect((await store.save(id, 'A again', 'new')).versionId).toBe(1);
  });

  it('keeps everything when the database is closed and opened again (a reload)', async () => {
    const { store, reopen } = await openTestStore();
    await store.save(id, 'Kept', 'kept text');
    await store.markTrusted('sha256-abc');
    store.close();
    await expect(store.get(id)).rejects.toMatchObject({ kind: 'unavailable' });
    const reopened = await reopen();
    expect((await reopened.get(id))!.text).toBe('kept text');
    expect(await reopened.isTrusted('sha256-abc')).toBe(true);
  });

  it('remembers the content hashes the user chose to run', async () => {
    const { store } = await openTestStore();
    expect(await store.isTrusted('h1')).toBe(false);
    await store.markTrusted('h1');
    expect(await store.isTrusted('h1')).toBe(true);
    expect(await store.isTrusted('h2')).toBe(false);
    await expect(store.markTrusted('')).rejects.toBeInstanceOf(TypeError);
  });

  it('saves and loads a notebook of 400 cells and several megabytes, and a version of it', async () => {
    const { store, clock } = await openTestStore();
    const first = bigNotebookText(400, 8000);
    const second = bigNotebookText(400, 8000, 1);
    expect(first.length).toBeGreaterThan(3_000_000);
    await store.save(id, 'Big', first);
    clock.advance(10_000);
    const saved = await store.save(id, 'Big', second);
    expect(saved.size).toBe(new TextEncoder().encode(second).length);
    expect((await store.get(id))!.text).toBe(second);
    const versions = await store.versions(id);
    expect(versions.map((v) => v.size)).toEqual([utf8Length(second), utf8Length(first)]);
    expect((await store.version(id, 1))!.text).toBe(first);
  });
});

describe('utf8Length', () => {
  it('counts bytes as UTF-8 encodes them, including surrogate pairs and lone surrogates', () => {
    for (const text of ['', 'abc', 'é', '客户', '😀x', '\ud800', 'a\udc00b']) {
      expect(utf8Length(text), JSON.stringify(text)).toBe(new TextEncoder().encode(text).length);
    }
  });
});
