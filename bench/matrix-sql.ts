/**
 * Which cells "the indicator matrix" is, read from a notebook with the app's own parser, so every
 * part of the benchmark (native DuckDB here, the browser run, pandas' check) times and states the
 * same SQL the app runs, never a copy of it that could drift.
 *
 * The cells are the matrix cell and everything it reads, transitively, that the notebook defines:
 * the library cells (ind_*) and the inputs they bind (`$as_of`). Names no cell defines are the
 * loaded tables. Pure (no node: imports), so the browser side can use it too.
 */
import { isNamed, type Cell, type InputCell, type SqlCell } from '../src/notebook/document';
import { inputSpecOf, readNotebook } from '../src/notebook/format';
import { analyseSqlCell } from '../src/runtime/sql/sql-references';

/** The demo notebook, relative to the repository root: the notebook whose matrix is timed. */
export const DEMO_NOTEBOOK = 'notebooks/demo.md';

/** The cell whose result is the indicator matrix. */
export const MATRIX_CELL = 'indicator_matrix';

/** The matrix and what it needs, as found in a notebook. */
export interface MatrixCells {
  /** the input and SQL cells to run, in notebook order (a valid run order: cells come after what they read) */
  readonly cells: readonly (SqlCell | InputCell)[];
  /** their names, in the same order */
  readonly names: readonly string[];
  /** the SQL cells among them, in order (what is timed) */
  readonly sqlNames: readonly string[];
  /** each input's value as the notebook gives it (e.g. as_of → '2025-12-31') */
  readonly inputs: Readonly<Record<string, string | number>>;
  /** the loaded tables the cells read (names no cell defines), sorted */
  readonly tables: readonly string[];
}

/** What a cell reads: a SQL cell's table references and `$` parameters; other cells read nothing here. */
function referencesOf(cell: Cell): string[] {
  if (cell.kind !== 'sql') return [];
  const analysis = analyseSqlCell(cell.source);
  if ('error' in analysis) throw new Error(`cell ${cell.name}: ${analysis.error.message}`);
  return [...analysis.tables, ...analysis.params];
}

/**
 * The cells `target` needs in `notebookText`. Throws when the notebook has no such cell, or when
 * it reads a TypeScript cell (the benchmark times SQL only, so that would be a different task).
 */
export function matrixCells(notebookText: string, target = MATRIX_CELL): MatrixCells {
  const { document } = readNotebook(notebookText);
  const named = document.cells.filter(isNamed);
  const byName = new Map(named.map((c) => [c.name, c]));
  if (!byName.has(target)) throw new Error(`the notebook has no cell named ${target}`);
  const needed = new Set<string>();
  const tables = new Set<string>();
  const visit = (name: string) => {
    const cell = byName.get(name);
    if (!cell) {
      tables.add(name);
      return;
    }
    if (needed.has(name)) return;
    needed.add(name);
    for (const ref of referencesOf(cell)) visit(ref);
  };
  visit(target);
  const cells = named.filter((c) => needed.has(c.name));
  const inputs: Record<string, string | number> = {};
  for (const cell of cells) {
    if (cell.kind === 'ts') throw new Error(`${target} reads the TypeScript cell ${cell.name}; the benchmark times SQL only`);
    if (cell.kind !== 'input') continue;
    const parsed = inputSpecOf(cell);
    if ('error' in parsed) throw new Error(`input ${cell.name}: ${parsed.error.message}`);
    const value = 'value' in parsed.spec ? parsed.spec.value : undefined;
    if (typeof value !== 'string' && typeof value !== 'number') throw new Error(`input ${cell.name} (${parsed.spec.type}) has no plain value`);
    inputs[cell.name] = value;
  }
  const runnable = cells as (SqlCell | InputCell)[];
  return {
    cells: runnable,
    names: runnable.map((c) => c.name),
    sqlNames: runnable.filter((c) => c.kind === 'sql').map((c) => c.name),
    inputs,
    tables: [...tables].sort(),
  };
}
