import type { PersistenceStatus, StorageErrorKind } from '../../notebook/storage';
import type { MessageKey } from '../i18n/messages';

/**
 * The browser's storage as a whole, as the notebook toolbar shows it (one save's failure is the
 * autosaver's status instead). The host fills it in; the session carries it to the toolbar.
 */
export interface StorageHealth {
  /** whether the browser agreed to keep the notebooks; null until asked (after the first save) */
  readonly persistence: PersistenceStatus | null;
  /** why notebooks cannot be saved at all (the store could not be opened); null while they can */
  readonly problem: StorageErrorKind | null;
}

export const UNKNOWN_HEALTH: StorageHealth = { persistence: null, problem: null };

/** The words for a storage failure of this kind, in the user's language (the store's message is English). */
export function storageReasonKey(kind: StorageErrorKind): MessageKey {
  switch (kind) {
    case 'quota':
      return 'storage.quota';
    case 'unavailable':
      return 'storage.unavailable';
    case 'not-found':
      return 'storage.notFound';
    case 'unknown':
      return 'storage.unknown';
  }
}
