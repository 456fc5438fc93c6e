import { wrap, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb';
import type { NotebookSummary, TrustRecord, VersionSummary } from './records';
import { StorageError, toStorageError } from './storage-error';

/**
 * The `tierbook` IndexedDB database: its stores, the migrations that build them, and opening it.
 *
 * Texts live in their own store, apart from the records describing them, so listing notebooks or
 * versions never reads megabytes of text. A notebook's current text is the text of its newest
 * version (`texts[[id, versionId]]`), stored once; saving writes that text and the records that
 * point at it in one transaction.
 */

export const DATABASE_NAME = 'tierbook';

export interface TierbookSchema extends DBSchema {
  /** notebook id → summary (no text) */
  notebooks: { key: string; value: NotebookSummary };
  /** [notebook id, version id] → version summary (no text) */
  versions: { key: [string, number]; value: VersionSummary };
  /** [notebook id, version id] → that version's text */
  texts: { key: [string, number]; value: string };
  /** content hash → when the user chose to run it */
  trusted: { key: string; value: TrustRecord };
}

export type TierbookDatabase = IDBPDatabase<TierbookSchema>;

/**
 * Changes the schema by one version. Migrations see the database untyped: they must work on the
 * schema as it was at their version, not as `TierbookSchema` says it is now.
 */
export type Migration = (db: IDBPDatabase<unknown>, tx: IDBPTransaction<unknown, string[], 'versionchange'>) => void;

/**
 * MIGRATIONS[n] upgrades a database at version n to n + 1; the database's version is the count.
 * Append to this list; never edit a migration that has shipped.
 */
export const MIGRATIONS: readonly Migration[] = [
  // 0 → 1: the first schema
  (db) => {
    db.createObjectStore('notebooks', { keyPath: 'id' });
    db.createObjectStore('versions', { keyPath: ['notebookId', 'versionId'] });
    db.createObjectStore('texts');
    db.createObjectStore('trusted', { keyPath: 'hash' });
  },
];

/**
 * Opens (creating or upgrading) the database. `onLost` is told when the connection ends under
 * us: another tab opening a newer schema (we close so that tab is not blocked: its save matters
 * more than ours, which the UI keeps in memory) or the browser closing it (storage cleared).
 */
export async function openTierbookDatabase(
  factory: IDBFactory | undefined,
  name: string,
  onLost: (loss: StorageError) => void,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<TierbookDatabase> {
  if (!factory) throw new StorageError('unavailable', 'This browser offers no IndexedDB here, so notebooks cannot be saved.');
  let raw: IDBDatabase;
  try {
    const request = factory.open(name, migrations.length);
    let migrationError: unknown = null;
    request.addEventListener('upgradeneeded', (event) => {
      migrationError = upgrade(request, event.oldVersion, migrations);
    });
    raw = await new Promise<IDBDatabase>((resolve, reject) => {
      request.addEventListener('success', () => resolve(request.result));
      request.addEventListener('error', () => reject(migrationError ?? request.error ?? new DOMException('open failed', 'UnknownError')));
    });
  } catch (error) {
    throw toStorageError(error, 'open');
  }
  raw.addEventListener('versionchange', () => {
    raw.close();
    onLost(new StorageError('unavailable', 'Tierbook was updated in another tab; reload this tab to keep saving.'));
  });
  // 'close' fires only when the browser ends the connection, never after our own close().
  raw.addEventListener('close', () => onLost(new StorageError('unavailable', 'The browser closed Tierbook\'s storage (was site data cleared?).')));
  return wrap(raw) as unknown as TierbookDatabase;
}

/**
 * Runs the migrations from `oldVersion` up. A failing one aborts the upgrade, which leaves the
 * database as it was; its error is returned so the open can report it.
 */
function upgrade(request: IDBOpenDBRequest, oldVersion: number, migrations: readonly Migration[]): unknown {
  const tx = request.transaction;
  if (!tx) return null;
  try {
    const db = wrap(request.result);
    const wrappedTx = wrap(tx) as unknown as IDBPTransaction<unknown, string[], 'versionchange'>;
    wrappedTx.done.catch(() => undefined); // an aborted upgrade is reported by the open request
    for (let version = oldVersion; version < migrations.length; version++) migrations[version]!(db, wrappedTx);
    return null;
  } catch (error) {
    tx.abort();
    return error;
  }
}
