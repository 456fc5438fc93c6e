/**
 * Reads DuckDB's indicator matrix and pandas' (its CSV) into frames for agree.ts, in one
 * database: pandas' file is read with the types of DuckDB's columns (numbers as DOUBLE, dates as
 * DATE, the rest as text), then both are selected the same way (numbers as DOUBLE, dates as ISO
 * text), ordered by customer_id, so the comparison sees like for like.
 */
import type { Database } from '../../src/engine/database';
import { quoteIdent, quoteLiteral } from '../../src/engine/database';
import { cellTableColumns, cellTableSql } from '../../src/runtime/sql/sql-cell';
import type { Frame, FrameValue } from './agree';

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL)/;

type Kind = 'number' | 'date' | 'text';
const kindOf = (type: string): Kind => (NUMERIC.test(type) ? 'number' : type === 'DATE' ? 'date' : 'text');

/** A table (or subquery) selected as a frame: every column converted the same way. */
async function frameOf(db: Database, from: string, columns: readonly { name: string; kind: Kind }[], orderBy: string): Promise<Frame> {
  const select = columns
    .map(({ name, kind }) => `CAST(${quoteIdent(name)} AS ${kind === 'number' ? 'DOUBLE' : 'VARCHAR'}) AS ${quoteIdent(name)}`)
    .join(', ');
  const table = await db.query(`SELECT ${select} FROM ${from} ORDER BY ${quoteIdent(orderBy)}`);
  const values: Record<string, FrameValue[]> = {};
  for (const { name } of columns) {
    const vector = table.getChild(name)!;
    const out: FrameValue[] = new Array(table.numRows);
    for (let i = 0; i < table.numRows; i++) out[i] = (vector.get(i) as FrameValue | undefined) ?? null;
    values[name] = out;
  }
  return { columns: columns.map((c) => c.name), values };
}

/**
 * The matrix cell's table and pandas' CSV, as frames. The CSV's header gives pandas' column
 * names and order; a column DuckDB does not have is read as text (agree.ts reports it as extra).
 */
export async function matrixFrames(db: Database, cell: string, pandasCsv: string, key = 'customer_id'): Promise<{ duckdb: Frame; pandas: Frame }> {
  const duckColumns = (await cellTableColumns(db, cell)).map((c) => ({ name: c.name, kind: kindOf(c.type) }));
  const header = await db.query(`SELECT * FROM read_csv(${quoteLiteral(pandasCsv)}, header = true, all_varchar = true) LIMIT 0`);
  const names = header.schema.fields.map((f) => f.name);
  const pandasColumns = names.map((name) => ({ name, kind: duckColumns.find((c) => c.name === name)?.kind ?? ('text' as Kind) }));
  const types = `{${pandasColumns.map((c) => `${quoteLiteral(c.name)}: '${c.kind === 'number' ? 'DOUBLE' : c.kind === 'date' ? 'DATE' : 'VARCHAR'}'`).join(', ')}}`;
  const pandasFrom = `read_csv(${quoteLiteral(pandasCsv)}, header = true, columns = ${types})`;
  return {
    duckdb: await frameOf(db, cellTableSql(cell), duckColumns, key),
    pandas: await frameOf(db, pandasFrom, pandasColumns, key),
  };
}
