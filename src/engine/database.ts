import type { Table } from 'apache-arrow';

/** A value that can be bound to a `?` placeholder of a prepared statement. */
export type SqlValue = string | number | boolean | null;

/** Options every query accepts. */
export interface QueryOptions {
  /** Aborting cancels the query if it is running, or drops it if it is still queued. */
  signal?: AbortSignal;
  /**
   * Values bound to DuckDB variables just before the query, in the same turn of the connection
   * (`SET VARIABLE name = ?`, read in SQL with `getvariable('name')`): how notebook inputs reach
   * a query that must stay cancellable, without pasting values into SQL text.
   */
  variables?: Readonly<Record<string, SqlValue | DateValue>>;
}

/** A date bound as a DuckDB DATE (not as text): `{ date: '2025-12-31' }`. */
export interface DateValue {
  readonly date: string;
}

/** The SQL and parameter that bind one variable: `SET VARIABLE "name" = ?` (a date cast to DATE). */
export function setVariable(name: string, value: SqlValue | DateValue): { sql: string; param: SqlValue } {
  if (value !== null && typeof value === 'object') return { sql: `SET VARIABLE ${quoteIdent(name)} = CAST(? AS DATE)`, param: value.date };
  return { sql: `SET VARIABLE ${quoteIdent(name)} = ?`, param: value };
}

/** A column of a table in the database, as DuckDB describes it. */
export interface ColumnInfo {
  name: string;
  /** DuckDB's type name, e.g. `VARCHAR`, `DOUBLE`, `DATE`. */
  type: string;
}

/** A table (or view) in the database with its columns and row count. */
export interface TableInfo {
  name: string;
  columns: ColumnInfo[];
  rows: number;
  kind: 'table' | 'view';
}

/** A statement prepared once and run many times with different bound parameters. */
export interface PreparedQuery {
  query(params: readonly SqlValue[], options?: QueryOptions): Promise<Table>;
  close(): Promise<void>;
}

/**
 * The one interface the rest of the app uses to talk to DuckDB. Implemented by DuckDB-WASM in a
 * browser worker and by native DuckDB under Node; the same SQL gives the same Arrow results.
 *
 * Results come back with BIGINT, HUGEINT and DECIMAL as Float64, DATE as DateDay and TIMESTAMP as
 * TimestampMicrosecond in both implementations, so callers never meet BigInt or unscaled decimals.
 */
export interface Database {
  /** Which engine this is, for the environment section of a notebook. */
  readonly engine: 'duckdb-wasm' | 'duckdb-native';
  /** DuckDB's version string, e.g. `v1.4.3`. */
  version(): Promise<string>;
  /** Runs SQL (with `?` parameters bound, if any) and returns the result of its last statement. */
  query(sql: string, params?: readonly SqlValue[], options?: QueryOptions): Promise<Table>;
  /** Runs SQL for its effect. */
  exec(sql: string, params?: readonly SqlValue[], options?: QueryOptions): Promise<void>;
  /** Prepares a statement to run many times with bound parameters. */
  prepare(sql: string): Promise<PreparedQuery>;
  /**
   * Makes bytes readable by SQL as `name` (`files/…`) and returns the path SQL reads them under,
   * e.g. `read_csv(path)`: `name` itself in the browser, an absolute path in native DuckDB.
   * Takes ownership of `bytes`.
   */
  registerFile(name: string, bytes: Uint8Array): Promise<string>;
  /** Forgets a registered file and frees its memory. */
  dropFile(name: string): Promise<void>;
  /** Creates (or replaces) table `name` from an Arrow table given as an IPC stream. */
  insertArrow(name: string, ipcStream: Uint8Array): Promise<void>;
  /** The user's tables and views in the main schema, with columns and row counts. */
  tables(): Promise<TableInfo[]>;
  /** Frees everything. The database cannot be used afterwards. */
  close(): Promise<void>;
}

/** Thrown when a query was cancelled through its AbortSignal. */
export class QueryCancelledError extends Error {
  constructor() {
    super('Query cancelled');
    this.name = 'QueryCancelledError';
  }
}

/** True when `error` is a cancellation rather than a failure. */
export function isCancellation(error: unknown): boolean {
  return (
    error instanceof QueryCancelledError ||
    (error instanceof Error && (error.name === 'AbortError' || /interrupt|cancel/i.test(error.message)))
  );
}

/** Quotes an identifier for SQL: `a"b` → `"a""b"`. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quotes a string literal for SQL: `it's` → `'it''s'`. Use bound parameters for user values. */
export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
