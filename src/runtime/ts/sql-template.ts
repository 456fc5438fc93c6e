import type { SqlParam } from './protocol';
import { CellUsageError } from './plot-recorder';

/**
 * `sql` inside a cell: a tagged template whose `${}` values become bound parameters (`?`), never
 * text pasted into the query. An array becomes a list of parameters (`IN (${ids})` → `IN (?, ?, ?)`;
 * an empty one `NULL`, which matches nothing). `sql(text, params)` takes `?` placeholders directly.
 */

export interface BoundQuery {
  readonly sql: string;
  readonly params: SqlParam[];
}

/** The query of a `sql` call, in either form. */
export function boundQuery(first: unknown, rest: readonly unknown[]): BoundQuery {
  if (typeof first === 'string') {
    const params = rest[0] ?? [];
    if (!Array.isArray(params)) throw new CellUsageError('sql(text, params): params must be an array');
    return { sql: first, params: params.map(toParam) };
  }
  if (isTemplate(first)) {
    let sql = first[0]!;
    const params: SqlParam[] = [];
    first.forEach((piece, i) => {
      if (i === 0) return;
      const value = rest[i - 1];
      if (Array.isArray(value)) {
        sql += value.length === 0 ? 'NULL' : value.map(() => '?').join(', ');
        params.push(...value.map(toParam));
      } else {
        sql += '?';
        params.push(toParam(value));
      }
      sql += piece;
    });
    return { sql, params };
  }
  throw new CellUsageError('sql is a tagged template: sql`SELECT ... WHERE x = ${value}` (or sql(text, params) with ? placeholders)');
}

function isTemplate(value: unknown): value is TemplateStringsArray {
  return Array.isArray(value) && Array.isArray((value as unknown as { raw?: unknown }).raw);
}

/** A value as DuckDB binds it: dates as ISO text, bigints as numbers when exact. */
export function toParam(value: unknown): SqlParam {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean': return value;
    case 'bigint': return Number.isSafeInteger(Number(value)) ? Number(value) : String(value);
  }
  if (value instanceof Date) return value.toISOString();
  throw new CellUsageError(`sql parameters must be strings, numbers, booleans, dates, null or arrays of them (got ${Object.prototype.toString.call(value).slice(8, -1)})`);
}
