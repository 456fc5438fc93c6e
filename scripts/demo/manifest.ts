import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Database } from '../../src/engine/database';
import { quoteIdent, quoteLiteral } from '../../src/engine/database';
import { DEFAULT_AS_OF } from '../../src/demo/context';
import type { WrittenFile } from './files';

/** The shipped demo: 5,000 customers, Chinese headers, Parquet, in public/demo/. */
export const DEMO_SETTINGS = {
  customers: 5000,
  seed: 42,
  asOf: DEFAULT_AS_OF,
  headers: 'zh',
  format: 'parquet',
} as const;

export const MANIFEST_FILE = 'manifest.json';

/** One shipped file. */
export interface ManifestFile {
  file: string;
  table: string;
  rows: number;
  bytes: number;
  /** SHA-256 of the file's bytes */
  sha256: string;
  /** md5 of the table's content (see contentHash), independent of the Parquet encoder */
  contentMd5: string;
}

/** public/demo/manifest.json */
export interface DemoManifest {
  generator: string;
  seed: number;
  customers: number;
  asOf: string;
  headers: string;
  format: string;
  /** DuckDB that wrote the files: Parquet bytes are stable for one version, content always */
  duckdb: string;
  regenerate: string;
  files: ManifestFile[];
}

/** SHA-256 of a file, hex. */
export async function sha256File(path: string): Promise<string> {
  return createHash('sha256').update(await readFile(path)).digest('hex');
}

/**
 * md5 over every row in order, each row its values cast to text and joined by U+001F (NULL as
 * U+0000), rows joined by newlines. The same for a table (ordered by rowid) and for a Parquet
 * file of it (ordered by file_row_number), whatever the headers.
 */
export async function contentHash(db: Database, source: { table: string } | { parquet: string }): Promise<{ md5: string; rows: number }> {
  const from = 'table' in source
    ? `(SELECT *, rowid AS __ord FROM ${quoteIdent(source.table)})`
    : `(SELECT * EXCLUDE (file_row_number), file_row_number AS __ord FROM read_parquet(${quoteLiteral(source.parquet)}, file_row_number = true))`;
  const columns = await db.query(`SELECT * FROM ${from} LIMIT 0`);
  const line = columns.schema.fields
    .filter((f) => f.name !== '__ord')
    .map((f) => `coalesce(CAST(${quoteIdent(f.name)} AS VARCHAR), chr(0))`)
    .join(', ');
  const result = await db.query(
    `SELECT coalesce(md5(string_agg(concat_ws(chr(31), ${line}), chr(10) ORDER BY __ord)), md5('')) AS h, count(*) AS n FROM ${from}`,
  );
  return { md5: String(result.getChild('h')!.get(0)), rows: Number(result.getChild('n')!.get(0)) };
}

/** The manifest entries of written files, with both hashes. */
export async function manifestFiles(db: Database, files: readonly WrittenFile[]): Promise<ManifestFile[]> {
  const out: ManifestFile[] = [];
  for (const f of files) {
    const content = await contentHash(db, { parquet: f.path });
    if (content.rows !== f.rows) throw new Error(`${f.file}: wrote ${f.rows} rows, read back ${content.rows}`);
    out.push({ file: f.file, table: f.table, rows: f.rows, bytes: f.bytes, sha256: await sha256File(f.path), contentMd5: content.md5 });
  }
  return out;
}
