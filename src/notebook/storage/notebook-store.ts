import type { IDBPTransaction, StoreNames } from 'idb';
import { DATABASE_NAME, openTierbookDatabase, type Migration, type TierbookDatabase, type TierbookSchema } from './database';
import {
  notebookId, utf8Length,
  type NotebookId, type NotebookOrigin, type NotebookSummary, type SaveReason, type StoredNotebook, type StoredVersion, type VersionSummary,
} from './records';
import { DEFAULT_RETENTION, versionsToDrop, type RetentionPolicy } from './retention';
import { StorageError, notFound, toStorageError } from './storage-error';

export interface NotebookStoreOptions {
  /** the IndexedDB to use; default the page's. Pass `undefined` explicitly to model a browser without one. */
  readonly indexedDB?: IDBFactory | undefined;
  /** database name; default `tierbook` */
  readonly name?: string;
  /** ms since the epoch; injectable so tests can age history */
  readonly now?: () => number;
  /** ids for `create`; injectable so tests get stable ids */
  readonly newId?: () => NotebookId;
  readonly retention?: RetentionPolicy;
  /** the schema migrations; only tests replace them, to exercise the upgrade path */
  readonly migrations?: readonly Migration[];
}

export interface SaveOptions {
  /** where the notebook came from: used when creating, kept as stored when omitted later */
  readonly origin?: NotebookOrigin;
  /** why this save; default 'import' when creating a 'file' or 'bundled' notebook, else 'autosave' */
  readonly reason?: SaveReason;
}

type Names = StoreNames<TierbookSchema>;
const EDIT_STORES = ['notebooks', 'versions', 'texts'] as const satisfies Names[];
type EditTx = IDBPTransaction<TierbookSchema, typeof EDIT_STORES, 'readwrite'>;

/**
 * Notebooks, their version history and trusted hashes, in IndexedDB.
 *
 * Every write is one transaction, so it happens entirely or not at all: a crash, a full disk or a
 * closed tab during a save leaves the previous text current and the history as it was. Every
 * failure is a StorageError; the caller keeps its in-memory copy and shows the message.
 */
export class NotebookStore {
  private lost: StorageError | null = null;

  private constructor(
    private readonly db: TierbookDatabase,
    private readonly now: () => number,
    private readonly newId: () => NotebookId,
    private readonly retention: RetentionPolicy,
  ) {}

  /** Opens the store; rejects with a StorageError ('unavailable' in private mode or without IndexedDB). */
  static async open(options: NotebookStoreOptions = {}): Promise<NotebookStore> {
    const factory = 'indexedDB' in options ? options.indexedDB : defaultFactory();
    // Losing the connection is an event (a task), so it cannot come before `store` is assigned.
    let store: NotebookStore | undefined;
    const onLost = (loss: StorageError) => {
      if (store) store.lost = loss;
    };
    const db = await openTierbookDatabase(factory, options.name ?? DATABASE_NAME, onLost, options.migrations);
    store = new NotebookStore(db, options.now ?? Date.now, options.newId ?? randomNotebookId, options.retention ?? DEFAULT_RETENTION);
    return store;
  }

  /** Notebooks, most recently updated first, without their text. */
  async list(): Promise<NotebookSummary[]> {
    const all = await this.run(['notebooks'], 'readonly', (tx) => tx.objectStore('notebooks').getAll());
    return all.sort((a, b) => b.updatedAt - a.updatedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** A notebook with its current text, or undefined if none has this id. */
  get(id: NotebookId): Promise<StoredNotebook | undefined> {
    return this.run(['notebooks', 'texts'], 'readonly', async (tx) => {
      const summary = await tx.objectStore('notebooks').get(id);
      if (!summary) return undefined;
      const text = await tx.objectStore('texts').get([id, summary.versionId]);
      if (text === undefined) throw new StorageError('unknown', `The current text of notebook ${id} is missing from storage.`);
      return { ...summary, text };
    });
  }

  /** Stores a new notebook under a fresh id. */
  create(title: string, text: string, options: SaveOptions = {}): Promise<NotebookSummary> {
    const id = this.newId();
    return this.run(EDIT_STORES, 'readwrite', async (tx) => {
      if (await tx.objectStore('notebooks').get(id)) throw new StorageError('unknown', `The id generator repeated ${id}.`);
      return this.write(tx, undefined, id, title, text, options);
    });
  }

  /**
   * Creates or updates a notebook. A text different from the current one becomes a new version
   * (written in the same transaction as the notebook record); an unchanged text records nothing,
   * except that a manual save marks the current version as a checkpoint retention keeps longer.
   */
  save(id: NotebookId, title: string, text: string, options: SaveOptions = {}): Promise<NotebookSummary> {
    return this.run(EDIT_STORES, 'readwrite', async (tx) => {
      const previous = await tx.objectStore('notebooks').get(id);
      return this.write(tx, previous, id, title, text, options);
    });
  }

  /** Deletes a notebook and its whole history. */
  remove(id: NotebookId): Promise<void> {
    return this.run(EDIT_STORES, 'readwrite', async (tx) => {
      await tx.objectStore('notebooks').delete(id);
      await tx.objectStore('versions').delete(versionRange(id));
      await tx.objectStore('texts').delete(versionRange(id));
    });
  }

  /** A notebook's recorded versions, newest first, without their text. */
  async versions(id: NotebookId): Promise<VersionSummary[]> {
    const all = await this.run(['versions'], 'readonly', (tx) => tx.objectStore('versions').getAll(versionRange(id)));
    return all.reverse();
  }

  /** One version with its text, or undefined if it was never recorded or has been pruned. */
  version(id: NotebookId, versionId: number): Promise<StoredVersion | undefined> {
    return this.run(['versions', 'texts'], 'readonly', async (tx) => {
      const summary = await tx.objectStore('versions').get([id, versionId]);
      const text = await tx.objectStore('texts').get([id, versionId]);
      return summary && text !== undefined ? { ...summary, text } : undefined;
    });
  }

  /**
   * Makes an earlier version's text (and title) current by recording it as a new 'restore'
   * version, so the text it replaces stays in history and the restore can itself be undone.
   */
  restore(id: NotebookId, versionId: number): Promise<NotebookSummary> {
    return this.run(EDIT_STORES, 'readwrite', async (tx) => {
      const previous = await tx.objectStore('notebooks').get(id);
      const version = await tx.objectStore('versions').get([id, versionId]);
      const text = await tx.objectStore('texts').get([id, versionId]);
      if (!previous || !version || text === undefined) throw notFound(`notebook ${id}, version ${versionId}`);
      return this.write(tx, previous, id, version.title, text, { reason: 'restore' });
    });
  }

  /** Remembers that the user chose to run the notebook with this content hash. */
  async markTrusted(hash: string): Promise<void> {
    if (!hash) throw new TypeError('markTrusted needs a content hash');
    await this.run(['trusted'], 'readwrite', async (tx) => {
      await tx.objectStore('trusted').put({ hash, trustedAt: this.now() });
    });
  }

  /** Whether the user chose to run a notebook with this content hash before. */
  async isTrusted(hash: string): Promise<boolean> {
    const record = await this.run(['trusted'], 'readonly', (tx) => tx.objectStore('trusted').get(hash));
    return record !== undefined;
  }

  /** Closes the connection; later calls fail with 'unavailable'. */
  close(): void {
    this.lost ??= new StorageError('unavailable', 'The notebook store was closed.');
    this.db.close();
  }

  /** Writes a save inside `tx`: a new version if the text changed, else at most the record. */
  private async write(tx: EditTx, previous: NotebookSummary | undefined, id: NotebookId, title: string, text: string, options: SaveOptions): Promise<NotebookSummary> {
    const now = this.now();
    const size = utf8Length(text);
    const origin = options.origin ?? previous?.origin ?? 'local';
    if (previous && previous.size === size && (await tx.objectStore('texts').get([id, previous.versionId])) === text) {
      if (options.reason === 'manual') await this.markCheckpoint(tx, id, previous.versionId);
      if (previous.title === title && previous.origin === origin) return previous;
      const renamed: NotebookSummary = { ...previous, title, origin, updatedAt: now };
      await tx.objectStore('notebooks').put(renamed);
      return renamed;
    }
    const reason = options.reason ?? (!previous && origin !== 'local' ? 'import' : 'autosave');
    const versionId = (previous?.versionId ?? 0) + 1;
    // Text first, the record that makes it current last: an abort anywhere leaves the old head.
    await tx.objectStore('texts').put(text, [id, versionId]);
    await tx.objectStore('versions').put({ notebookId: id, versionId, savedAt: now, title, reason, size });
    const record: NotebookSummary = { id, title, origin, createdAt: previous?.createdAt ?? now, updatedAt: now, size, versionId };
    await tx.objectStore('notebooks').put(record);
    await this.prune(tx, id, versionId, now);
    return record;
  }

  private async markCheckpoint(tx: EditTx, id: NotebookId, versionId: number): Promise<void> {
    const head = await tx.objectStore('versions').get([id, versionId]);
    if (head?.reason === 'autosave') await tx.objectStore('versions').put({ ...head, reason: 'manual' });
  }

  /** Applies the retention policy to one notebook's history, in the save's transaction. */
  private async prune(tx: EditTx, id: NotebookId, headId: number, now: number): Promise<void> {
    const all = await tx.objectStore('versions').getAll(versionRange(id));
    for (const versionId of versionsToDrop(all, now, this.retention)) {
      if (versionId === headId) continue; // the current text, whatever a policy says
      await tx.objectStore('versions').delete([id, versionId]);
      await tx.objectStore('texts').delete([id, versionId]);
    }
  }

  /**
   * Runs `body` in one transaction and waits for it to commit. If anything fails the transaction
   * is aborted, so a half-done write is never kept, and the failure becomes a StorageError (the
   * transaction's own error first: a quota failure shows there, not on the request that noticed).
   */
  private async run<S extends Names[], M extends IDBTransactionMode, T>(
    stores: S, mode: M, body: (tx: IDBPTransaction<TierbookSchema, S, M>) => Promise<T>,
  ): Promise<T> {
    if (this.lost) throw this.lost;
    let tx: IDBPTransaction<TierbookSchema, S, M>;
    try {
      tx = this.db.transaction(stores, mode);
    } catch (error) {
      throw toStorageError(error);
    }
    const done = tx.done;
    done.catch(() => undefined); // handled below; stops an abort being reported as unhandled
    try {
      const result = await body(tx);
      await done;
      return result;
    } catch (error) {
      try {
        tx.abort();
      } catch {
        // already finished: aborted by the browser, which set tx.error
      }
      throw toStorageError(tx.error ?? error);
    }
  }
}

/** Every [id, n] key of one notebook's versions and texts. */
function versionRange(id: NotebookId): IDBKeyRange {
  return IDBKeyRange.bound([id, -Infinity], [id, Infinity]);
}

function defaultFactory(): IDBFactory | undefined {
  try {
    return globalThis.indexedDB;
  } catch {
    return undefined; // some browsers throw SecurityError on access when storage is blocked
  }
}

/** 128 random bits: unique without coordination between tabs. */
function randomNotebookId(): NotebookId {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return notebookId('nb-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(''));
}
