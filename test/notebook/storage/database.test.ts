import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { DATABASE_NAME, MIGRATIONS, openTierbookDatabase, type Migration } from '../../../src/notebook/storage/database';
import { NotebookStore } from '../../../src/notebook/storage/notebook-store';
import { notebookId } from '../../../src/notebook/storage/records';

const id = notebookId('nb-a');
const ignoreLoss = () => {};

describe('the tierbook database', () => {
  it('is created at the version that counts its migrations, with its four stores', async () => {
    const db = await openTierbookDatabase(new IDBFactory(), DATABASE_NAME, ignoreLoss);
    expect(db.name).toBe('tierbook');
    expect(db.version).toBe(MIGRATIONS.length);
    expect([...db.objectStoreNames].sort()).toEqual(['notebooks', 'texts', 'trusted', 'versions']);
    db.close();
  });

  it('upgrades an existing database by running only the migrations it has not had, keeping its notebooks', async () => {
    const factory = new IDBFactory();
    const v1 = await NotebookStore.open({ indexedDB: factory });
    await v1.save(id, 'Before the upgrade', 'kept');
    v1.close();

    const first = vi.fn<Migration>((db, tx) => MIGRATIONS[0]!(db, tx));
    const addTags: Migration = (db, tx) => {
      db.createObjectStore('tags');
      tx.objectStore('notebooks').createIndex('byTitle', 'title');
    };
    const v2 = await NotebookStore.open({ indexedDB: factory, migrations: [first, addTags] });
    expect(first).not.toHaveBeenCalled();
    expect((await v2.get(id))!.text).toBe('kept');
    v2.close();

    const raw = await openTierbookDatabase(factory, DATABASE_NAME, ignoreLoss, [first, addTags]);
    expect(raw.version).toBe(2);
    expect([...raw.objectStoreNames]).toContain('tags');
    raw.close();
  });

  it('leaves the database as it was when a migration fails, and reports storage unavailable', async () => {
    const factory = new IDBFactory();
    const v1 = await NotebookStore.open({ indexedDB: factory });
    await v1.save(id, 'T', 'still here');
    v1.close();

    const broken: Migration = () => {
      throw new Error('migration bug');
    };
    const error = await NotebookStore.open({ indexedDB: factory, migrations: [MIGRATIONS[0]!, broken] }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'StorageError', kind: 'unavailable', cause: new Error('migration bug') });

    const again = await NotebookStore.open({ indexedDB: factory });
    expect((await again.get(id))!.text).toBe('still here');
  });
});
