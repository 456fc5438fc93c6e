import type { Page } from 'playwright-core';

/** A notebook record as IndexedDB holds it (src/notebook/storage/records.ts), read without the app's code. */
export interface RawNotebookRecord {
  readonly id: string;
  readonly title: string;
  readonly versionId: number;
  readonly size: number;
}

export interface RawVersionRecord {
  readonly notebookId: string;
  readonly versionId: number;
  readonly reason: string;
  readonly size: number;
}

/** Everything in the `tierbook` database, read with the raw IndexedDB API in the page. */
export interface RawStoredState {
  readonly notebooks: RawNotebookRecord[];
  readonly versions: RawVersionRecord[];
  /** `[notebook id, version id]` → text */
  readonly texts: { readonly key: [string, number]; readonly text: string }[];
}

/**
 * Reads the app's IndexedDB straight from the page, bypassing the app's store, so a test checks
 * what the browser really kept rather than what the app says it kept.
 */
export function readStoredState(page: Page): Promise<RawStoredState> {
  return page.evaluate(
    () =>
      new Promise<RawStoredState>((resolve, reject) => {
        const open = indexedDB.open('tierbook');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['notebooks', 'versions', 'texts'], 'readonly');
          const notebooks = tx.objectStore('notebooks').getAll();
          const versions = tx.objectStore('versions').getAll();
          const texts = tx.objectStore('texts').getAll();
          const keys = tx.objectStore('texts').getAllKeys();
          tx.oncomplete = () => {
            db.close();
            resolve({
              notebooks: notebooks.result as RawNotebookRecord[],
              versions: versions.result as RawVersionRecord[],
              texts: (keys.result as [string, number][]).map((key, i) => ({ key, text: texts.result[i] as string })),
            });
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

/** The newest-updated notebook's current text, as stored (what the app opens after a reload). */
export function headText(state: RawStoredState, id: string): string | undefined {
  const record = state.notebooks.find((n) => n.id === id);
  return record && state.texts.find((t) => t.key[0] === id && t.key[1] === record.versionId)?.text;
}

/**
 * What a consistent store looks like, listed as problems (empty when consistent): every notebook's
 * current version is recorded and has its text, its size matches, it is the highest version; every
 * version has a text and every text a version.
 */
export function storeInconsistencies(state: RawStoredState): string[] {
  const problems: string[] = [];
  const has = (id: string, v: number) => state.texts.some((t) => t.key[0] === id && t.key[1] === v);
  for (const n of state.notebooks) {
    const versions = state.versions.filter((v) => v.notebookId === n.id);
    if (!versions.some((v) => v.versionId === n.versionId)) problems.push(`${n.id}: head version ${n.versionId} is not recorded`);
    if (!has(n.id, n.versionId)) problems.push(`${n.id}: head version ${n.versionId} has no text`);
    const top = Math.max(...versions.map((v) => v.versionId));
    if (top !== n.versionId) problems.push(`${n.id}: head is version ${n.versionId} but version ${top} exists`);
    const text = headText(state, n.id);
    if (text !== undefined && new TextEncoder().encode(text).length !== n.size) problems.push(`${n.id}: head text size differs from the record`);
  }
  for (const v of state.versions) if (!has(v.notebookId, v.versionId)) problems.push(`${v.notebookId} v${v.versionId}: no text`);
  for (const t of state.texts) {
    if (!state.versions.some((v) => v.notebookId === t.key[0] && v.versionId === t.key[1])) problems.push(`${t.key.join(' v')}: text without a version`);
  }
  return problems;
}
