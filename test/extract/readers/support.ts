import { expect } from 'vitest';
import { quoteIdent, type Database } from '../../../src/engine/database';
import { LoadError, type IssueCode, type LoadIssue } from '../../../src/extract/issues';
import type { SourceFormat, SourceInfo } from '../../../src/extract/staging';

/** A SourceInfo for a test file (the fingerprint is not what these tests are about). */
export function sourceOf(name: string, format: SourceFormat, bytes: Uint8Array = new Uint8Array()): SourceInfo {
  return { name, size: bytes.length, sha256: '0'.repeat(64), format };
}

/** A staging table's rows in `__row` order: `__row` as a number, every other value as DuckDB's text. */
export async function stagedRows(db: Database, table: string): Promise<Array<Record<string, string | number | null>>> {
  const result = await db.query(
    `SELECT __row, COLUMNS(c -> c <> '__row')::VARCHAR FROM ${quoteIdent(table)} ORDER BY __row`,
  );
  const names = result.schema.fields.map((f) => f.name);
  const rows: Array<Record<string, string | number | null>> = [];
  for (let i = 0; i < result.numRows; i++) {
    const row: Record<string, string | number | null> = {};
    names.forEach((name, c) => {
      const value: unknown = result.getChildAt(c)!.get(i);
      row[name] = value === null || value === undefined ? null : c === 0 ? Number(value) : String(value);
    });
    rows.push(row);
  }
  return rows;
}

/** DuckDB's type of each column of a table, by name. */
export async function columnTypes(db: Database, table: string): Promise<Record<string, string>> {
  const info = await db.query(`DESCRIBE ${quoteIdent(table)}`);
  const out: Record<string, string> = {};
  for (let i = 0; i < info.numRows; i++) {
    out[String(info.getChild('column_name')!.get(i))] = String(info.getChild('column_type')!.get(i));
  }
  return out;
}

/** Awaits a load expected to fail and returns its issue, checking the code. */
export async function loadFailure(load: Promise<unknown>, code: IssueCode): Promise<LoadIssue> {
  const error: unknown = await load.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LoadError);
  const issue = (error as LoadError).issue;
  expect(issue.code).toBe(code);
  return issue;
}

/** Staging tables currently in the database (a failed load must leave none behind). */
export async function stagingTables(db: Database): Promise<string[]> {
  const result = await db.query(`SELECT table_name AS t FROM duckdb_tables() WHERE table_name LIKE '\\_\\_staging%' ESCAPE '\\' ORDER BY 1`);
  return Array.from({ length: result.numRows }, (_, i) => String(result.getChild('t')!.get(i)));
}
