import type { Database } from '../../src/engine/database';
import type { LibraryCell } from '../../src/notebook/cell-library';
import { runSqlCell } from '../../src/runtime/sql/sql-cell';
import { analyseSqlCell } from '../../src/runtime/sql/sql-references';

export type Row = Record<string, unknown>;

/** A table's rows as plain objects (DATE as epoch ms, BIGINT as number: the Database contract). */
export async function readRows(db: Database, sql: string): Promise<Row[]> {
  const table = await db.query(sql);
  return table.toArray().map((row: { toJSON(): Row }) => ({ ...row.toJSON() }));
}

/**
 * Runs a library cell the way a notebook runs a SQL cell (its `$inputs` bound as DuckDB
 * variables, its result a temp table named after the cell) with as_of bound, and returns its
 * rows and column names.
 */
export async function runLibraryCell(db: Database, cell: LibraryCell, asOf: string): Promise<{ rows: Row[]; columns: string[] }> {
  const analysis = analyseSqlCell(cell.sql);
  if ('error' in analysis) throw new Error(`${cell.id}: ${analysis.error.message}`);
  const result = await runSqlCell(db, cell.name, cell.sql, analysis, { as_of: { date: asOf } });
  if (!result.ok) throw new Error(`${cell.id}: ${result.error.message}`);
  if (result.display.kind !== 'relation') throw new Error(`${cell.id}: not a relation`);
  return { rows: await readRows(db, `SELECT * FROM temp.main."${cell.name}"`), columns: result.display.columns.map((c) => c.name) };
}
