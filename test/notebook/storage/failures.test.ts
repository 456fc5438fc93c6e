import { afterEach, describe, expect, it, vi } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { MIGRATIONS } from '../../../src/notebook/storage/database';
import { NotebookStore } from '../../../src/notebook/storage/notebook-store';
import { notebookId } from '../../../src/notebook/storage/records';
import { StorageError } from '../../../src/notebook/storage/storage-error';
import { openTestStore } from './support';

const id = notebookId('nb-a');

/** Makes `put` into the named object store misbehave, through fake-indexeddb's prototype. */
function onPutInto(storeName: string, misbehave: (store: IDBObjectStore, put: () => IDBRequest) => IDBRequest) {
  const original = IDBObjectStore.prototype.put;
  vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
    const put = () => original.call(this, value, key);
    return this.name === storeName ? misbehave(this, put) : put();
  });
}

/** fake-indexeddb's hook for aborting a transaction with an error, as a browser does at commit. */
function abortWith(tx: IDBTransaction, errorName: string): void {
  (tx as unknown as { _abort(name: string): void })._abort(errorName);
}

/** A store with one notebook whose history is v1, v2; v2 is current. */
async function storeWithHistory() {
  const context = await openTestStore();
  await context.store.save(id, 'T', 'v1');
  context.clock.advance(1000);
  await context.store.save(id, 'T', 'v2');
  return context;
}

async function expectUnchanged(store: NotebookStore, factory: IDBFactory) {
  expect(await store.get(id)).toMatchObject({ text: 'v2', versionId: 2 });
  expect((await store.versions(id)).map((v) => v.versionId)).toEqual([2, 1]);
  expect(await store.version(id, 3)).toBeUndefined();
  expect(await rawKeys(factory, 'texts')).toEqual([[id, 1], [id, 2]]); // no orphaned text of the failed save
}

/** The keys of a store, read over a separate connection, as another tab would see them. */
function rawKeys(factory: IDBFactory, storeName: string): Promise<IDBValidKey[]> {
  return new Promise((resolve, reject) => {
    const open = factory.open('tierbook');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const request = open.result.transaction(storeName).objectStore(storeName).getAllKeys();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
      open.result.close();
    };
  });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('a save that fails midway', () => {
  it('leaves the previous text current and its history intact when the transaction aborts after the text was written', async () => {
    const { store, factory } = await storeWithHistory();
    // The new text and version record are written; the crash comes before the notebook record.
    onPutInto('notebooks', (store) => {
      store.transaction.abort();
      throw new DOMException('the tab crashed', 'AbortError');
    });
    await expect(store.save(id, 'T', 'v3 (lost in the crash)')).rejects.toBeInstanceOf(StorageError);
    vi.restoreAllMocks();
    await expectUnchanged(store, factory);
    // The store still works afterwards.
    await store.save(id, 'T', 'v3');
    expect(await store.get(id)).toMatchObject({ text: 'v3', versionId: 3 });
  });

  it('rolls back writes already made when a later write throws', async () => {
    const { store, factory } = await storeWithHistory();
    onPutInto('versions', () => {
      throw new DOMException('could not clone', 'DataCloneError');
    });
    await expect(store.save(id, 'T', 'v3')).rejects.toMatchObject({ kind: 'unknown' });
    vi.restoreAllMocks();
    await expectUnchanged(store, factory);
  });

  it('reports a full disk at commit as a quota error and keeps the previous version', async () => {
    const { store, factory } = await storeWithHistory();
    onPutInto('notebooks', (store, put) => {
      const request = put();
      abortWith(store.transaction, 'QuotaExceededError');
      return request;
    });
    const error = await store.save(id, 'T', 'v3').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect(error).toMatchObject({ kind: 'quota' });
    expect((error as StorageError).message).toMatch(/full/);
    vi.restoreAllMocks();
    await expectUnchanged(store, factory);
  });

  it('reports a quota error thrown by a write as a quota error', async () => {
    const { store, factory } = await storeWithHistory();
    onPutInto('texts', () => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    await expect(store.save(id, 'T', 'v3')).rejects.toMatchObject({ kind: 'quota' });
    await expect(store.restore(id, 1)).rejects.toMatchObject({ kind: 'quota' });
    vi.restoreAllMocks();
    await expectUnchanged(store, factory);
  });
});

describe('storage that cannot be used', () => {
  it('is unavailable when the browser has no IndexedDB', async () => {
    await expect(NotebookStore.open({ indexedDB: undefined })).rejects.toMatchObject({ name: 'StorageError', kind: 'unavailable' });
  });

  it('is unavailable when opening throws (storage blocked by settings)', async () => {
    const factory = new IDBFactory();
    vi.spyOn(factory, 'open').mockImplementation(() => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    });
    await expect(NotebookStore.open({ indexedDB: factory })).rejects.toMatchObject({ kind: 'unavailable' });
  });

  it('is unavailable when the open request fails (Firefox private mode)', async () => {
    const factory = new IDBFactory();
    vi.spyOn(factory, 'open').mockImplementation(() => {
      const request = new EventTarget() as EventTarget & { error: DOMException };
      request.error = new DOMException('A mutation operation was attempted on a database that did not allow mutations.', 'InvalidStateError');
      setTimeout(() => request.dispatchEvent(new Event('error')));
      return request as unknown as IDBOpenDBRequest;
    });
    const error = await NotebookStore.open({ indexedDB: factory }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'unavailable' });
    expect((error as StorageError).cause).toMatchObject({ name: 'InvalidStateError' });
  });

  it('is unavailable when the stored database is newer than this build', async () => {
    const factory = new IDBFactory();
    await new Promise((resolve) => {
      const request = factory.open('tierbook', MIGRATIONS.length + 5);
      request.onsuccess = () => resolve(request.result.close());
    });
    await expect(NotebookStore.open({ indexedDB: factory })).rejects.toMatchObject({ kind: 'unavailable' });
  });

  it('lets a newer Tierbook in another tab upgrade, then says this tab must reload', async () => {
    const { store, factory } = await openTestStore();
    await store.save(id, 'T', 'saved before the upgrade');
    const newer = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open('tierbook', MIGRATIONS.length + 1);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    expect(newer.version).toBe(MIGRATIONS.length + 1);
    newer.close();
    await expect(store.save(id, 'T', 'after')).rejects.toMatchObject({ kind: 'unavailable', message: expect.stringMatching(/another tab/) });
  });
});
