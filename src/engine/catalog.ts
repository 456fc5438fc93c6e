import type { ColumnInfo, Database, TableInfo } from './database';
import { quoteIdent } from './database';

/** The columns of one table or view of the main schema, in order. */
export async function describeTable(db: Database, name: string): Promise<ColumnInfo[]> {
  const info = await db.query(
    `SELECT column_name AS c, data_type AS t FROM duckdb_columns()
     WHERE table_name = ? AND schema_name = 'main' AND database_name = current_database() ORDER BY column_index`,
    [name],
  );
  const c = info.getChild('c')!;
  const t = info.getChild('t')!;
  return Array.from({ length: info.numRows }, (_v, i) => ({ name: String(c.get(i)), type: String(t.get(i)) }));
}

/** Lists the user's tables and views (main schema, internal `__` names hidden) with row counts. */
export async function listTables(db: Database): Promise<TableInfo[]> {
  const columns = await db.query(`
    SELECT c.table_name AS t, c.column_name AS c, c.data_type AS ty,
           (SELECT count(*) FROM duckdb_views() v
             WHERE v.view_name = c.table_name AND v.schema_name = 'main' AND NOT v.internal) > 0 AS is_view
    FROM duckdb_columns() c
    WHERE c.schema_name = 'main' AND c.database_name = current_database() AND NOT c.internal
      AND c.table_name NOT LIKE '\\_\\_%' ESCAPE '\\'
    ORDER BY c.table_name, c.column_index`);
  const byTable = new Map<string, { columns: ColumnInfo[]; view: boolean }>();
  const t = columns.getChild('t')!;
  const c = columns.getChild('c')!;
  const ty = columns.getChild('ty')!;
  const v = columns.getChild('is_view')!;
  for (let i = 0; i < columns.numRows; i++) {
    const name = String(t.get(i));
    let entry = byTable.get(name);
    if (!entry) byTable.set(name, (entry = { columns: [], view: Boolean(v.get(i)) }));
    entry.columns.push({ name: String(c.get(i)), type: String(ty.get(i)) });
  }
  const result: TableInfo[] = [];
  for (const [name, entry] of byTable) {
    const count = await db.query(`SELECT count(*) AS n FROM ${quoteIdent(name)}`);
    result.push({ name, columns: entry.columns, rows: Number(count.getChild('n')!.get(0)), kind: entry.view ? 'view' : 'table' });
  }
  return result;
}
