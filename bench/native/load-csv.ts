/**
 * Loads the extract's CSV files into native DuckDB the way a DuckDB user would: one `read_csv`
 * per file, with the canonical schema's types (src/extract/schema.ts) stated rather than guessed,
 * so the tables have the same column types as the app's cleaned tables and the matrix SQL sees
 * exactly what it sees in the browser (ids stay text: a 10-digit customer number is not a BIGINT).
 *
 * This is the competitor's load, not the app's: the app also decodes GBK, detects the dialect,
 * numbers rows, cleans every value and runs the quality checks. The benchmark reports both, so the
 * difference is the price of those checks.
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../../src/engine/database';
import { quoteIdent, quoteLiteral } from '../../src/engine/database';
import { EXTRACT_TABLES, type ColumnKind, type TableName } from '../../src/extract/schema';

/** The DuckDB type each column kind is cleaned to in the app (see ColumnKind's comments). */
const SQL_TYPE: Readonly<Record<ColumnKind, string>> = {
  id: 'VARCHAR',
  text: 'VARCHAR',
  category: 'VARCHAR',
  amount: 'DOUBLE',
  rate: 'DOUBLE',
  number: 'DOUBLE',
  integer: 'INTEGER',
  flag: 'INTEGER',
  date: 'DATE',
};

/** One table loaded: how long `read_csv` into a table took, and the file's size. */
export interface LoadedCsv {
  readonly table: TableName;
  readonly file: string;
  readonly bytes: number;
  readonly ms: number;
}

/** The extract's CSV files present in `dir` (`<table>.csv`, canonical English headers), in schema order. */
export function csvFilesIn(dir: string): { table: TableName; file: string; bytes: number }[] {
  return EXTRACT_TABLES.map((t) => ({ table: t.name, file: join(dir, `${t.name}.csv`) }))
    .filter((f) => existsSync(f.file))
    .map((f) => ({ ...f, bytes: statSync(f.file).size }));
}

/** The `read_csv` statement creating `table` from `file` with the canonical types. */
export function readCsvSql(table: TableName, file: string): string {
  const spec = EXTRACT_TABLES.find((t) => t.name === table)!;
  const columns = `{${spec.columns.map((c) => `${quoteLiteral(c.name)}: '${SQL_TYPE[c.kind]}'`).join(', ')}}`;
  return `CREATE OR REPLACE TABLE ${quoteIdent(table)} AS SELECT * FROM read_csv(${quoteLiteral(file)}, header = true, columns = ${columns})`;
}

/**
 * Throws unless the file's header is the schema's columns in the schema's order: `columns = {…}`
 * names columns by position, so a file written in another order would load silently wrong.
 */
function checkHeader(table: TableName, file: string): void {
  const buffer = Buffer.alloc(4096);
  const fd = openSync(file, 'r');
  const n = readSync(fd, buffer, 0, buffer.length, 0);
  closeSync(fd);
  const header = buffer.subarray(0, n).toString('utf8').split(/\r?\n/)[0]!.replace(/^\uFEFF/, '');
  const expected = EXTRACT_TABLES.find((t) => t.name === table)!.columns.map((c) => c.name).join(',');
  if (header !== expected) throw new Error(`${file}: header is ${header}, expected ${expected} (canonical English names in schema order)`);
}

/** Loads every extract CSV in `dir`, one after the other, timing each (the header check is not timed). */
export async function loadCsvTables(db: Database, dir: string): Promise<LoadedCsv[]> {
  const loaded: LoadedCsv[] = [];
  for (const { table, file, bytes } of csvFilesIn(dir)) {
    checkHeader(table, file);
    const t0 = performance.now();
    await db.exec(readCsvSql(table, file));
    loaded.push({ table, file, bytes, ms: performance.now() - t0 });
  }
  return loaded;
}
