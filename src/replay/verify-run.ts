import { isNamed, type Cell, type DataManifestEntry, type NotebookDocument } from '../notebook/document';
import { compareData, compareDigests, type CellVerdict, type DataVerdict } from '../notebook/verify';
import type { NotebookRuntime } from '../runtime/runtime';

/** The verdicts of one replay: each data file against the manifest, each cell against its digest. */
export interface ReplayVerdicts {
  readonly data: readonly DataVerdict[];
  readonly cells: readonly CellVerdict[];
}

/**
 * Replay and verify, the one implementation the app's Notebook tab and the headless
 * `npm run replay` share (DOM-free, engine-free: it only drives a runtime): compares the files
 * loaded now with the notebook's data manifest, re-runs every cell of `cells` from scratch,
 * recomputes every digest and compares it with the saved one. A named cell that ends in an
 * error is `failed` with its message.
 */
export async function replayAndCompare(
  runtime: NotebookRuntime,
  document: NotebookDocument,
  cells: readonly Cell[],
  loaded: readonly DataManifestEntry[],
): Promise<ReplayVerdicts> {
  const data = compareData(document.data, loaded);
  runtime.setCells(cells);
  await runtime.rerunAll();
  const now = await runtime.digests();
  const failed: Record<string, string> = {};
  for (const cell of cells) {
    const state = runtime.state(cell.id);
    if (isNamed(cell) && state?.status === 'error') failed[cell.name] = state.error?.message ?? 'error';
  }
  return { data, cells: compareDigests(document.digests, now, failed) };
}
