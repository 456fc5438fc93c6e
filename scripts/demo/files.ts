import { createReadStream, createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import iconv from 'iconv-lite';
import type { Database } from '../../src/engine/database';
import { quoteIdent, quoteLiteral } from '../../src/engine/database';
import { EXTRACT_TABLES, type ColumnKind } from '../../src/extract/schema';
import type { DemoTableName } from '../../src/demo/tables';
import type { LoadedTable } from './load';
import { excelRowProblem, writeXlsx } from './xlsx';

export const OUTPUT_FORMATS = ['csv', 'csv-gbk', 'parquet', 'xlsx'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** A written file. */
export interface WrittenFile {
  table: DemoTableName;
  /** file name inside the output folder */
  file: string;
  path: string;
  rows: number;
  bytes: number;
}

/** File extension per format. */
export function extensionOf(format: OutputFormat): string {
  return format === 'csv-gbk' ? 'csv' : format;
}

/** The SELECT list renaming canonical columns to the file's headers. */
async function selectList(db: Database, table: string, headers: readonly string[]): Promise<string> {
  const described = await db.query(`SELECT column_name FROM duckdb_columns() WHERE table_name = ? ORDER BY column_index`, [table]);
  const names = Array.from({ length: described.numRows }, (_, i) => String(described.getChild('column_name')!.get(i)));
  if (names.length !== headers.length) throw new Error(`${table}: ${names.length} columns but ${headers.length} headers`);
  return names.map((name, i) => `${quoteIdent(name)} AS ${quoteIdent(headers[i]!)}`).join(', ');
}

/** Column kinds of an extract table, in order; none for `_truth`. */
function kindsOf(table: DemoTableName): (ColumnKind | null)[] {
  return EXTRACT_TABLES.find((t) => t.name === table)?.columns.map((c) => c.kind) ?? [];
}

/** The Chinese table name for a sheet; `_truth` keeps its own. */
function sheetNameOf(table: DemoTableName): string {
  return EXTRACT_TABLES.find((t) => t.name === table)?.zh ?? table;
}

/**
 * Writes each loaded table to `<outDir>/<table>.<ext>`: CSV and Parquet (zstd) by DuckDB's COPY,
 * GBK by transcoding DuckDB's UTF-8 CSV with iconv-lite in a stream, XLSX by ExcelJS's
 * streaming writer. Excel's row limit is checked for every table before anything is written.
 */
export async function writeTables(
  db: Database,
  tables: readonly LoadedTable[],
  options: { format: OutputFormat; outDir: string; headers: (table: DemoTableName) => readonly string[]; stamp: Date },
): Promise<WrittenFile[]> {
  if (options.format === 'xlsx') {
    const problems = tables.map((t) => excelRowProblem(t.name, t.rows)).filter((p): p is string => p !== null);
    if (problems.length > 0) throw new Error(problems.join('\n'));
  }
  const written: WrittenFile[] = [];
  for (const table of tables) {
    const file = `${table.name}.${extensionOf(options.format)}`;
    const path = join(options.outDir, file);
    const headers = options.headers(table.name);
    const select = `SELECT ${await selectList(db, table.name, headers)} FROM ${quoteIdent(table.name)}`;
    switch (options.format) {
      case 'csv':
        await db.exec(`COPY (${select}) TO ${quoteLiteral(path)} (FORMAT csv, HEADER true)`);
        break;
      case 'parquet':
        await db.exec(`COPY (${select}) TO ${quoteLiteral(path)} (FORMAT parquet, COMPRESSION zstd)`);
        break;
      case 'csv-gbk': {
        const utf8 = join(options.outDir, `.${file}.utf8.tmp`);
        await db.exec(`COPY (${select}) TO ${quoteLiteral(utf8)} (FORMAT csv, HEADER true)`);
        await transcodeToGbk(utf8, path);
        await rm(utf8);
        break;
      }
      case 'xlsx':
        await writeXlsx(db, table.name, headers, kindsOf(table.name), sheetNameOf(table.name), path, options.stamp);
        break;
    }
    written.push({ table: table.name, file, path, rows: table.rows, bytes: (await stat(path)).size });
  }
  return written;
}

/**
 * UTF-8 file → GBK file, streamed (iconv-lite keeps characters split across chunks whole). GBK
 * would write '?' for a character it lacks; the demo vocabulary is checked to have none
 * (test/demo/formats.test.ts).
 */
export async function transcodeToGbk(from: string, to: string): Promise<void> {
  await pipeline(createReadStream(from), iconv.decodeStream('utf8'), iconv.encodeStream('gbk'), createWriteStream(to));
}
