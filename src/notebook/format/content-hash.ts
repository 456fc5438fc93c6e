import { isNamed, type NotebookDocument } from '../document';

/**
 * A fingerprint of what a notebook would run: each code and input cell's kind, name and source,
 * in order, and the parameter sets. Prose, ids, folding, digests, the environment and the data
 * manifest are left out: none of them changes what runs, so editing them does not make a
 * notebook the user already ran look new. The label versions the recipe itself.
 */
export async function notebookContentHash(doc: NotebookDocument): Promise<string> {
  const cells = doc.cells.filter(isNamed).map((c) => [c.kind, c.name, c.source.replace(/\r\n?/g, '\n')]);
  const canonical = JSON.stringify(['tierbook-content-1', cells, sortedKeys(doc.parameterSets)]);
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonical));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Objects with keys sorted at every depth, so the order sets were typed in does not matter. */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return entries.map(([k, v]) => [k, sortedKeys(v)]);
}
