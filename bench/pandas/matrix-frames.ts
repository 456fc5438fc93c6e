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

/** A table selected as a frame: every column converted the same way, rows [from, to) of its `__rn` order. */
async function frameOf(db: Database, table: string, columns: readonly { name: string; kind: Kind }[], from: number, to: number): Promise<Frame> {
  const select = columns
    .map(({ name, kind }) => `CAST(${quoteIdent(name)} AS ${kind === 'number' ? 'DOUBLE' : 'VARCHAR'}) AS ${quoteIdent(name)}`)
    .join(', ');
  const result = await db.query(`SELECT ${select} FROM ${quoteIdent(table)} WHERE __rn >= ? AND __rn < ? ORDER BY __rn`, [from, to]);
  const values: Record<string, FrameValue[]> = {};
  for (const { name } of columns) {
    const vector = result.getChild(name)!;
    const out: FrameValue[] = new Array(result.numRows);
    for (let i = 0; i < result.numRows; i++) out[i] = (vector.get(i) as FrameValue | undefined) ?? null;
    values[name] = out;
  }
  return { columns: columns.map((c) => c.name), values };
}

/** Rows per batch: at 1,000,000 customers the whole matrix as JS values would take gigabytes. */
export const BATCH_ROWS = 100_000;

/** The two matrices, batch by batch, and how many rows each has. */
export interface MatrixBatches {
  readonly rows: { readonly duckdb: number; readonly pandas: number };
  /** consecutive batches of both, aligned by row (ordered by the key); `offset` is the first row's index */
  batches(): AsyncGenerator<{ offset: number; duckdb: Frame; pandas: Frame }>;
}

/**
 * The matrix cell's table and pandas' CSV, as frames, in batches of BATCH_ROWS rows. The CSV's
 * header gives pandas' column names and order; a column DuckDB does not have is read as text
 * (agree.ts reports it as extra). Both are numbered in key order first, so each batch of one
 * lines up with the same batch of the other.
 */
export async function matrixFrames(db: Database, cell: string, pandasCsv: string, key = 'customer_id', batchRows = BATCH_ROWS): Promise<MatrixBatches> {
  const duckColumns = (await cellTableColumns(db, cell)).map((c) => ({ name: c.name, kind: kindOf(c.type) }));
  const header = await db.query(`SELECT * FROM read_csv(${quoteLiteral(pandasCsv)}, header = true, all_varchar = true) LIMIT 0`);
  const pandasColumns = header.schema.fields.map((f) => ({ name: f.name, kind: duckColumns.find((c) => c.name === f.name)?.kind ?? ('text' as Kind) }));
  const types = `{${pandasColumns.map((c) => `${quoteLiteral(c.name)}: '${c.kind === 'number' ? 'DOUBLE' : c.kind === 'date' ? 'DATE' : 'VARCHAR'}'`).join(', ')}}`;
  const numbered = (from: string) => `SELECT *, row_number() OVER (ORDER BY ${quoteIdent(key)}) - 1 AS __rn FROM ${from}`;
  await db.exec(`CREATE OR REPLACE TEMP TABLE __agree_duckdb AS ${numbered(cellTableSql(cell))}`);
  await db.exec(`CREATE OR REPLACE TEMP TABLE __agree_pandas AS ${numbered(`read_csv(${quoteLiteral(pandasCsv)}, header = true, columns = ${types})`)}`);
  const count = async (table: string) => Number((await db.query(`SELECT count(*) AS n FROM ${table}`)).getChild('n')!.get(0));
  const rows = { duckdb: await count('__agree_duckdb'), pandas: await count('__agree_pandas') };
  return {
    rows,
    async *batches() {
      for (let offset = 0; offset < Math.max(rows.duckdb, rows.pandas, 1); offset += batchRows) {
        yield {
          offset,
          duckdb: await frameOf(db, '__agree_duckdb', duckColumns, offset, offset + batchRows),
          pandas: await frameOf(db, '__agree_pandas', pandasColumns, offset, offset + batchRows),
        };
      }
    },
  };
}
