import type { Table } from 'apache-arrow';
import type { ColumnInfo, Database } from '../engine/database';
import { quoteIdent } from '../engine/database';

/** A page of rows, read by column then row (an Arrow table is one; so is a page of plain arrays). */
export interface RowPage {
  readonly numRows: number;
  getChildAt(column: number): { get(row: number): unknown } | null;
}

/** Rows a grid can show without holding them all: a column list, a count and pages on demand. */
export interface RowSource {
  readonly columns: readonly ColumnInfo[];
  readonly rowCount: number;
  /** rows [offset, offset + limit) */
  rows(offset: number, limit: number): Promise<RowPage>;
}

/**
 * Plain arrays (the screening view's columns) as a row source, through an index of row numbers
 * (a filtered, sorted view of them): no copy, and no Arrow builder (they need `new Function`,
 * which the page's CSP forbids).
 */
export function arrayRowSource(columns: readonly (ColumnInfo & { values: ArrayLike<unknown> })[], index: ArrayLike<number>): RowSource {
  return {
    columns: columns.map(({ name, type }) => ({ name, type })),
    rowCount: index.length,
    rows: async (offset, limit) => {
      const end = Math.min(index.length, offset + limit);
      return {
        numRows: Math.max(0, end - offset),
        getChildAt: (c) => {
          const values = columns[c]?.values;
          return values ? { get: (r: number) => values[index[offset + r]!] } : null;
        },
      };
    },
  };
}

/** A relation in DuckDB given as SQL (`"loans"`, `temp.main."score"`), read a page at a time. */
export function sqlRowSource(db: Database, from: string, columns: readonly ColumnInfo[], rowCount: number): RowSource {
  return {
    columns,
    rowCount,
    rows: (offset, limit) => db.query(`SELECT * FROM ${from} LIMIT ${Math.floor(limit)} OFFSET ${Math.floor(offset)}`),
  };
}

/** A table of the main schema, by name. */
export function tableRowSource(db: Database, table: string, columns: readonly ColumnInfo[], rowCount: number): RowSource {
  return sqlRowSource(db, quoteIdent(table), columns, rowCount);
}

/** The DuckDB type name of an Arrow field, close enough for formatting and alignment. */
function typeName(type: { toString(): string; typeId?: number }): string {
  const t = String(type);
  if (/^Date/.test(t)) return 'DATE';
  if (/^Timestamp/.test(t)) return 'TIMESTAMP';
  if (/^(Float|Int|Uint|Decimal)/.test(t)) return 'DOUBLE';
  if (t === 'Bool') return 'BOOLEAN';
  return 'VARCHAR';
}

/** An Arrow result already in memory (a SQL box result): pages are slices, no copying. */
export function arrowRowSource(table: Table): RowSource {
  return {
    columns: table.schema.fields.map((f) => ({ name: f.name, type: typeName(f.type) })),
    rowCount: table.numRows,
    rows: async (offset, limit) => table.slice(offset, offset + limit),
  };
}
