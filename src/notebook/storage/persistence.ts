/**
 * Asking the browser to keep Tierbook's storage. Without persistence the browser may evict the
 * origin's data under disk pressure (Safari also after weeks without a visit), taking saved
 * notebooks with it; the UI says so when persistence is not granted.
 */

export type PersistenceStatus = 'granted' | 'denied' | 'unsupported';

export interface PersistenceReport {
  readonly status: PersistenceStatus;
  /** bytes the origin uses, when the browser says */
  readonly usage: number | null;
  /** bytes the origin may use, when the browser says */
  readonly quota: number | null;
}

/** The parts of navigator.storage used here; each may be missing in older browsers. */
export type StorageManagerLike = Partial<Pick<StorageManager, 'persist' | 'persisted' | 'estimate'>>;

/**
 * Asks for persistent storage (once granted, it is not asked again) and reports usage and quota.
 * Firefox shows the user a prompt, so call it after a user action such as the first save.
 */
export async function requestPersistence(storage: StorageManagerLike | undefined = defaultStorage()): Promise<PersistenceReport> {
  const status = await persist(storage);
  const { usage, quota } = await estimate(storage);
  return { status, usage, quota };
}

async function persist(storage: StorageManagerLike | undefined): Promise<PersistenceStatus> {
  if (!storage?.persist) return 'unsupported';
  try {
    if (storage.persisted && (await storage.persisted())) return 'granted';
    return (await storage.persist()) ? 'granted' : 'denied';
  } catch {
    // Rejected (insecure context, a prompt dismissed in a way the browser reports as an error):
    // the data is not persistent, which is what the user must be told.
    return 'denied';
  }
}

async function estimate(storage: StorageManagerLike | undefined): Promise<{ usage: number | null; quota: number | null }> {
  if (!storage?.estimate) return { usage: null, quota: null };
  try {
    const { usage, quota } = await storage.estimate();
    return { usage: usage ?? null, quota: quota ?? null };
  } catch {
    return { usage: null, quota: null }; // informational only
  }
}

function defaultStorage(): StorageManagerLike | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.storage;
}
