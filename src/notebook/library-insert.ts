/**
 * Inserting indicator library cells into a notebook (the palette's one edit), planned on the
 * cell list alone: which cells to add, with readable ids, the `as_of` input, and the
 * indicator_matrix cell created, regenerated, or left alone when edited by hand.
 */
import { INDICATOR_CELLS, MATRIX_ID, matrixSql, parseCellHeader, withDependencies, type LibraryCell } from './cell-library';
import { cellId, isNamed, type Cell, type CellId } from './document';

/** What inserting library cells did, for the palette to say. */
export interface LibraryInsertResult {
  /** library cells added: the chosen ones and the library cells they read, in library order */
  readonly inserted: readonly LibraryCell[];
  /** chosen cells (or their dependencies) not added because a cell of the notebook has their name */
  readonly skipped: readonly LibraryCell[];
  /** an `as_of` date input was added (the library cells read `$as_of`) */
  readonly asOfAdded: boolean;
  /**
   * created: a new indicator_matrix cell; refreshed: its SQL regenerated for the cells now
   * present; unchanged: regenerating gave the same text; edited: the user changed it, so it was
   * left alone (it does not join the new cells).
   */
  readonly matrix: 'created' | 'refreshed' | 'unchanged' | 'edited';
}

/** Today in the user's time zone, as a date input writes it (YYYY-MM-DD). */
function localIsoDate(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;
}

/**
 * A library file's text as a cell holds it: without the file's final newline, as in the bundled
 * notebooks (the editor would otherwise show an empty last line).
 */
function cellText(sql: string): string {
  return sql.trimEnd();
}

/** The library cells present as SQL cells of that name, in library order: what the matrix joins. */
function libraryCellsIn(cells: readonly Cell[]): LibraryCell[] {
  const sqlNames = new Set(cells.flatMap((c) => (c.kind === 'sql' ? [c.name] : [])));
  return INDICATOR_CELLS.filter((cell) => sqlNames.has(cell.name));
}

/**
 * True when the matrix text is what matrixSql generates (trailing blank lines aside), for the
 * library cells present or for the ones its own header names (so a matrix whose joined cell was
 * deleted is still ours to refresh); anything else is a hand edit, which the palette must not
 * overwrite.
 */
function isGeneratedMatrix(source: string, present: readonly LibraryCell[]): boolean {
  const text = cellText(source);
  if (text === cellText(matrixSql(present))) return true;
  try {
    const needs = new Set(parseCellHeader(MATRIX_ID, source).needs);
    return text === cellText(matrixSql(INDICATOR_CELLS.filter((cell) => needs.has(cell.name))));
  } catch {
    return false;
  }
}

/**
 * Plans inserting indicator library cells after `after` (null: at the end), as one edit: an `as_of`
 * date input (today) when no cell has that name, then the chosen cells and the library cells
 * they read, in library order, skipping any whose name is taken; then creates the
 * indicator_matrix cell after them, or regenerates it in place for every library cell now
 * present unless the user edited it by hand. Library cells come folded, as in the demo
 * notebook: their headers and SQL are long, their results are what the user looks at.
 */
export function planLibraryInsert(
  cells: readonly Cell[],
  chosen: readonly LibraryCell[],
  after: CellId | null,
  newId: () => string,
  today: Date,
): { cells: Cell[] | null; refreshed: CellId | null; result: LibraryInsertResult } {
  const names = new Set(cells.flatMap((c) => (isNamed(c) ? [c.name] : [])));
  const ids = new Set(cells.map((c) => c.id as string));
  // A readable id (ind-size, as-of) as in the bundled notebooks, unless a cell has it already.
  const idFor = (name: string) => {
    const readable = name.replace(/_/g, '-');
    const id = ids.has(readable) ? newId() : readable;
    ids.add(id);
    return cellId(id);
  };
  const wanted = withDependencies(chosen);
  const skipped = wanted.filter((cell) => names.has(cell.name));
  const inserted = wanted.filter((cell) => !names.has(cell.name));
  const added: Cell[] = inserted.map((cell) => ({ id: idFor(cell.name), kind: 'sql', name: cell.name, source: cellText(cell.sql), collapsed: true }));
  const asOfAdded = !names.has('as_of');
  if (asOfAdded) added.unshift({ id: idFor('as_of'), kind: 'input', name: 'as_of', source: `type: date\nlabel: 分析日期 As-of date\nvalue: ${localIsoDate(today)}` });

  const at = after === null ? cells.length : cells.findIndex((c) => c.id === after) + 1;
  let next = [...cells.slice(0, at), ...added, ...cells.slice(at)];
  const sql = cellText(matrixSql(libraryCellsIn(next)));
  const existing = cells.find((c) => isNamed(c) && c.name === MATRIX_ID);
  let matrix: LibraryInsertResult['matrix'];
  let refreshed: CellId | null = null;
  if (!existing) {
    matrix = 'created';
    const end = at + added.length;
    next = [...next.slice(0, end), { id: idFor(MATRIX_ID), kind: 'sql', name: MATRIX_ID, source: sql, collapsed: true }, ...next.slice(end)];
  } else if (existing.kind !== 'sql' || !isGeneratedMatrix(existing.source, libraryCellsIn(cells))) {
    matrix = 'edited';
  } else if (existing.source === sql) {
    matrix = 'unchanged';
  } else {
    matrix = 'refreshed';
    refreshed = existing.id;
    next = next.map((c) => (c.id === existing.id ? { ...c, source: sql } : c));
  }
  const changed = added.length > 0 || matrix === 'created' || matrix === 'refreshed';
  return { cells: changed ? next : null, refreshed, result: { inserted, skipped, asOfAdded, matrix } };
}
