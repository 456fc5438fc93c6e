/**
 * Runs the indicator matrix on a database with the app's own runtime (src/replay's node runtime):
 * each SQL cell becomes a temporary table named after it, `$as_of` is bound as the notebook's input
 * gives it, and cells run in dependency order, exactly as in the browser. What is timed is the
 * runtime's whole pass over the cells, including the per-cell row count and column listing the app
 * does for its display, since the user waits for those too.
 */
import type { Database } from '../../src/engine/database';
import { cellId } from '../../src/notebook/document';
import { nodeRuntime } from '../../src/replay/node-runtime';
import type { MatrixCells } from '../matrix-sql';

/** One pass: the wall time and each cell's own time as the runtime measured it. */
export interface MatrixRun {
  readonly ms: number;
  readonly cellMs: Readonly<Record<string, number>>;
}

/**
 * Runs `matrix`'s cells over the loaded `tables`; throws with the cell's message when one fails
 * (a benchmark of a failing query would time an error). The cells' tables stay in `db`.
 */
export async function runMatrix(db: Database, matrix: MatrixCells, tables: Iterable<string>): Promise<MatrixRun> {
  const runtime = nodeRuntime(db, new Set(tables));
  runtime.autoRun = false; // setCells must not start running before the clock does
  runtime.setCells(matrix.cells);
  const t0 = performance.now();
  await runtime.runAll();
  const ms = performance.now() - t0;
  const cellMs: Record<string, number> = {};
  for (const cell of matrix.cells) {
    const state = runtime.state(cellId(cell.id));
    if (state?.status !== 'done') throw new Error(`cell ${cell.name} did not run: ${state?.error?.message ?? state?.status ?? 'unknown'}`);
    if (cell.kind === 'sql') cellMs[cell.name] = state.ms ?? NaN;
  }
  return { ms, cellMs };
}
