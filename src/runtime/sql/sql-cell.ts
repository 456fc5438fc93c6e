import type { Database, DateValue, SqlValue } from '../../engine/database';
import { quoteIdent } from '../../engine/database';
import type { CellError, Display } from '../contracts';
import type { SqlCellAnalysis } from './sql-references';
import { sqlCellError } from './sql-errors';

/** The DuckDB table a SQL cell's result lives in: a temporary table named after the cell. */
export function cellTableSql(name: string): string {
  return `temp.main.${quoteIdent(name)}`;
}

/** The columns of a cell's temporary table. */
export async function cellTableColumns(db: Database, name: string): Promise<{ name: string; type: string }[]> {
  const info = await db.query(
    "SELECT column_name AS c, data_type AS t FROM duckdb_columns() WHERE database_name = 'temp' AND table_name = ? ORDER BY column_index",
    [name],
  );
  const c = info.getChild('c')!;
  const t = info.getChild('t')!;
  return Array.from({ length: info.numRows }, (_v, i) => ({ name: String(c.get(i)), type: String(t.get(i)) }));
}

/**
 * Runs a SQL cell: its query becomes a temporary table named after the cell (so later cells
 * read it by name, and the loaded tables are never shadowed in the sidebar), with its `$inputs`
 * bound as variables in the same turn; cancellable through the signal.
 */
export async function runSqlCell(
  db: Database,
  name: string,
  source: string,
  analysis: SqlCellAnalysis,
  variables: Readonly<Record<string, SqlValue | DateValue>>,
  signal?: AbortSignal,
): Promise<{ ok: true; display: Display } | { ok: false; error: CellError }> {
  const statement = `CREATE OR REPLACE TEMP TABLE ${quoteIdent(name)} AS\n${analysis.query}`;
  try {
    await db.exec(statement, [], { variables, ...(signal ? { signal } : {}) });
  } catch (error) {
    if (signal?.aborted) throw error;
    return { ok: false, error: sqlCellError(error, source, analysis.query, 1) };
  }
  const [columns, count] = await Promise.all([
    cellTableColumns(db, name),
    db.query(`SELECT count(*) AS n FROM ${cellTableSql(name)}`),
  ]);
  return { ok: true, display: { kind: 'relation', table: name, rows: Number(count.getChild('n')!.get(0)), columns } };
}

/** Drops a cell's table (the cell was deleted, renamed or turned into another kind). */
export async function dropCellTable(db: Database, name: string): Promise<void> {
  await db.exec(`DROP TABLE IF EXISTS ${cellTableSql(name)}`).catch(() => undefined);
}
