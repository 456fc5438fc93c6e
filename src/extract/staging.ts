import type { LoadIssue } from './issues';

/** The formats an extract file can come in. */
export type SourceFormat = 'csv' | 'xlsx' | 'parquet' | 'json';

/** What we know of a file before reading its rows: its fingerprint for the data manifest. */
export interface SourceInfo {
  readonly name: string;
  readonly size: number;
  /** lower-case hex SHA-256 of the file's bytes */
  readonly sha256: string;
  readonly format: SourceFormat;
}

/** Reading options a reader detected (or the user set), shown to the user and overridable. */
export type ReadOptions = Readonly<Record<string, string | number | boolean>>;

/** A column of a staging table. */
export interface StagedColumn {
  /** the header as written in the file (may be empty or repeated) */
  readonly header: string;
  /** the column's name in the staging table (unique, safe to quote) */
  readonly name: string;
  /** DuckDB type of the staging column: VARCHAR for text formats, the file's type for Parquet */
  readonly type: string;
}

/**
 * A file read into DuckDB as-is, before mapping and cleaning: every reader produces one.
 *
 * The staging table has a first column `__row` (INTEGER): the row number as the user sees it in
 * the file (CSV line number, sheet row number, record number). Its other columns are the file's
 * columns in order, text formats as VARCHAR, so that cleaning sees every raw value and can say
 * exactly which one it could not read.
 */
export interface StagedSource {
  readonly source: SourceInfo;
  /** name of the staging table in DuckDB (internal, starts with `__`) */
  readonly table: string;
  readonly columns: readonly StagedColumn[];
  /** data rows in the staging table */
  readonly rows: number;
  /** the options used to read the file (delimiter, encoding, sheet, header row...) */
  readonly options: ReadOptions;
  /** problems found while reading (rows that could not be parsed, encoding notes...) */
  readonly issues: readonly LoadIssue[];
  /** for formats with several parts (XLSX sheets): the parts a user can pick from */
  readonly parts?: readonly string[];
}

/** Progress of a long read: bytes or rows done out of a total, and the phase. */
export interface LoadProgress {
  readonly phase: 'reading' | 'decoding' | 'parsing' | 'cleaning' | 'checking';
  readonly done: number;
  readonly total: number;
}

/** What every reader gets besides the bytes. */
export interface ReaderContext {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: LoadProgress) => void;
}

/** Makes a staging table name unique within a session. */
let stagingCounter = 0;
export function nextStagingName(): string {
  stagingCounter += 1;
  return `__staging_${stagingCounter}`;
}

/** The staging column holding each row's number as the user sees it. */
export const ROW_COLUMN = '__row';

/**
 * Unique, non-empty column names for headers that may be blank or repeated: `a`, `a_2`,
 * `column_3`. Never `__row`, which the staging table reserves.
 */
export function uniqueColumnNames(headers: readonly string[]): string[] {
  const used = new Set<string>([ROW_COLUMN]);
  return headers.map((raw, i) => {
    const base = raw.trim() === '' ? `column_${i + 1}` : raw.trim();
    let name = base;
    for (let k = 2; used.has(name); k++) name = `${base}_${k}`;
    used.add(name);
    return name;
  });
}
