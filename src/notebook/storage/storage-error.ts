/**
 * Storage failures as one typed error, so the UI can say what happened ("storage is full",
 * "storage is unavailable in this window") and keep the work in memory instead of guessing from
 * browser-specific DOMException names.
 */

/**
 * - `quota`: the origin's storage is full; nothing was written.
 * - `unavailable`: IndexedDB cannot be used here (private mode, blocked by settings, a newer
 *   Tierbook upgraded the database in another tab, the browser closed the connection).
 * - `not-found`: the notebook or version asked for is not stored (deleted, or pruned by retention).
 * - `unknown`: anything else the browser reported; the cause is attached.
 */
export type StorageErrorKind = 'quota' | 'unavailable' | 'not-found' | 'unknown';

/** A failed storage operation. Nothing of a failed write was kept: writes are all-or-nothing. */
export class StorageError extends Error {
  override readonly name = 'StorageError';
  readonly kind: StorageErrorKind;

  constructor(kind: StorageErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.kind = kind;
  }
}

export function isStorageError(value: unknown): value is StorageError {
  return value instanceof StorageError;
}

/** Names browsers use when IndexedDB as a whole cannot be used (rather than one write failing). */
const UNAVAILABLE_NAMES = new Set([
  'InvalidStateError', // Firefox private mode before 115; a closed connection
  'SecurityError', // storage blocked by settings, sandboxed frames, some file: pages
  'VersionError', // the stored database is newer than this build of Tierbook
  'NotAllowedError',
]);

const MESSAGES: Record<StorageErrorKind, string> = {
  quota: 'The browser storage for Tierbook is full, so this change was not saved.',
  unavailable: 'Browser storage is not available in this window, so changes are not being saved.',
  'not-found': 'That notebook or version is not stored.',
  unknown: 'The browser could not save to its storage.',
};

/**
 * Classifies whatever a storage call threw. `during` says whether the database was being opened:
 * there any failure other than a full disk means the database cannot be used at all.
 */
export function toStorageError(error: unknown, during: 'open' | 'operation' = 'operation'): StorageError {
  if (error instanceof StorageError) return error;
  const name = errorName(error);
  const detail = error instanceof Error && error.message ? ` (${name}: ${error.message})` : name ? ` (${name})` : '';
  const kind: StorageErrorKind = isQuota(error, name)
    ? 'quota'
    : during === 'open' || UNAVAILABLE_NAMES.has(name)
      ? 'unavailable'
      : 'unknown';
  return new StorageError(kind, MESSAGES[kind] + detail, { cause: error });
}

/** Makes the `not-found` error for a notebook or a version of it. */
export function notFound(what: string): StorageError {
  return new StorageError('not-found', `${MESSAGES['not-found']} (${what})`);
}

function errorName(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'name' in error && typeof error.name === 'string') return error.name;
  return '';
}

/** Chromium, Safari and current Firefox say QuotaExceededError; old Firefox had its own name and legacy code 22. */
function isQuota(error: unknown, name: string): boolean {
  if (name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED') return true;
  return typeof DOMException !== 'undefined' && error instanceof DOMException && error.code === 22;
}
