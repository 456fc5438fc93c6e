/**
 * Notebook storage in the browser: notebooks as their file text in IndexedDB, with a bounded
 * version history, trusted content hashes, autosave timing and a request for persistent storage.
 */
export { NotebookStore, type NotebookStoreOptions, type SaveOptions } from './notebook-store';
export { Autosaver, type AutosaverOptions, type AutosaveStatus } from './autosaver';
export { requestPersistence, type PersistenceReport, type PersistenceStatus, type StorageManagerLike } from './persistence';
export { StorageError, isStorageError, type StorageErrorKind } from './storage-error';
export { DEFAULT_RETENTION, versionsToDrop, type RetentionPolicy, type RetainedVersion } from './retention';
export { DATABASE_NAME } from './database';
export {
  notebookId, utf8Length,
  type NotebookId, type NotebookOrigin, type NotebookSummary, type SaveReason, type StoredNotebook, type StoredVersion, type VersionSummary,
} from './records';
