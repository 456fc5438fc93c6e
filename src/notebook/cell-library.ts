/**
 * The indicator library: one reusable SQL cell per indicator dimension of DOMAIN.md (cells/*.sql,
 * bundled as text at build time), each with a header saying what it needs and defines
 * (cell-header.ts), and the indicator-matrix template that joins the chosen ones.
 */
import { columnLine, headerEntries, parseCellHeader, type LibraryCell } from './cell-header';

export { parseCellHeader } from './cell-header';
export type { Direction, LibraryCell, LibraryColumn } from './cell-header';

/** The file stem of the matrix template (not an indicator cell). */
export const MATRIX_ID = 'indicator_matrix';

/** The line of the matrix template that matrixSql replaces by one LEFT JOIN per chosen cell. */
const JOIN_MARKER = '-- {indicator joins}';

/** DOMAIN.md's order of the indicator dimensions: the palette lists the cells in this order. */
const DOMAIN_ORDER = ['funding_need', 'repayment', 'channel', 'product', 'lifecycle', 'size', 'relationship', 'maturity', 'volatility'];

const FILES = import.meta.glob('/cells/*.sql', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

/** The library's files by stem (`/cells/repayment.sql` → `repayment`). */
function filesByStem(): Map<string, string> {
  return new Map(Object.entries(FILES).map(([path, text]) => [path.replace(/^.*\//, '').replace(/\.sql$/, ''), text]));
}

/** Library cells in DOMAIN.md order; a file not in that list follows, by name, so a new one still appears. */
function loadLibrary(): { indicators: LibraryCell[]; matrix: LibraryCell } {
  const files = filesByStem();
  const template = files.get(MATRIX_ID);
  if (template === undefined) throw new Error(`cells/${MATRIX_ID}.sql is missing`);
  const rank = (id: string) => (DOMAIN_ORDER.includes(id) ? DOMAIN_ORDER.indexOf(id) : DOMAIN_ORDER.length);
  const ids = [...files.keys()].filter((id) => id !== MATRIX_ID).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const indicators = ids.map((id) => parseCellHeader(id, files.get(id)!));
  const names = new Set<string>();
  for (const cell of indicators) {
    if (names.has(cell.name)) throw new Error(`cells/${cell.id}.sql: the cell name "${cell.name}" is taken by another library cell`);
    names.add(cell.name);
  }
  return { indicators, matrix: parseCellHeader(MATRIX_ID, template) };
}

const LIBRARY = loadLibrary();

/** Every indicator cell (not the matrix template), in DOMAIN.md order. */
export const INDICATOR_CELLS: readonly LibraryCell[] = LIBRARY.indicators;

/** The matrix template (cells/indicator_matrix.sql) as written, before any cell is chosen. */
export const MATRIX_TEMPLATE: LibraryCell = LIBRARY.matrix;

/**
 * The chosen cells together with the library cells they read (a `needs` entry naming another
 * library cell, e.g. ind_lifecycle reads ind_funding_need), in library order: what the palette
 * must insert so that every inserted cell can run.
 */
export function withDependencies(chosen: readonly LibraryCell[]): LibraryCell[] {
  const byName = new Map(INDICATOR_CELLS.map((cell) => [cell.name, cell]));
  const wanted = new Set<string>();
  const visit = (cell: LibraryCell) => {
    if (wanted.has(cell.name)) return;
    wanted.add(cell.name);
    for (const need of cell.needs) {
      const dependency = byName.get(need);
      if (dependency) visit(dependency);
    }
  };
  chosen.forEach(visit);
  const order = (cell: LibraryCell) => {
    const at = INDICATOR_CELLS.indexOf(cell);
    return at < 0 ? INDICATOR_CELLS.length : at;
  };
  const all = new Map([...INDICATOR_CELLS, ...chosen].map((cell) => [cell.name, cell]));
  return [...wanted].map((name) => all.get(name)!).sort((a, b) => order(a) - order(b));
}

/**
 * The matrix cell's SQL for the chosen cells, in the template's form: the template with one
 * `LEFT JOIN <cell> USING (customer_id)` per chosen cell in place of the marker line, the chosen
 * cells added to `needs`, and their columns declared after the template's own, so the matrix's
 * header describes every column it returns. Throws when a chosen cell is not keyed by the
 * template's key, is chosen twice, or declares a column another one already has (the joined
 * table would have two columns of that name).
 */
export function matrixSql(chosen: readonly LibraryCell[]): string {
  const template = MATRIX_TEMPLATE;
  const seen = new Map(template.columns.map((column) => [column.name, `cells/${template.id}.sql`]));
  seen.set(template.key, `cells/${template.id}.sql`);
  const names = new Set<string>();
  for (const cell of chosen) {
    if (cell.key !== template.key) throw new Error(`${cell.name} is keyed by ${cell.key}, the matrix by ${template.key}`);
    if (names.has(cell.name)) throw new Error(`${cell.name} is chosen twice`);
    names.add(cell.name);
    for (const column of cell.columns) {
      const owner = seen.get(column.name);
      if (owner) throw new Error(`column "${column.name}" of ${cell.name} is also in ${owner}`);
      seen.set(column.name, cell.name);
    }
  }

  const lines = template.sql.split('\n');
  const entries = headerEntries(`cells/${template.id}.sql`, template.sql);
  const needs = entries.find((entry) => entry.field === 'needs')!;
  const lastColumn = entries.filter((entry) => entry.field === 'column').pop()!;
  const marker = lines.findIndex((line) => line.trim() === JOIN_MARKER);
  if (marker < 0) throw new Error(`cells/${template.id}.sql has no line "${JOIN_MARKER}"`);

  const joins = chosen.map((cell) => `LEFT JOIN ${cell.name} USING (${template.key})`);
  const columns = chosen.flatMap((cell) => cell.columns.map(columnLine));
  // Edit from the bottom up so the earlier line numbers stay valid.
  lines.splice(marker, 1, ...joins);
  lines.splice(lastColumn.lastLine, 0, ...columns);
  lines.splice(needs.line - 1, 1, `-- needs: ${[...template.needs, ...chosen.map((cell) => cell.name)].join(', ')}`);
  return lines.join('\n');
}
