import type { Table } from 'apache-arrow';
import type { Database } from '../../engine/database';
import { cellTableSql } from '../../runtime/sql/sql-cell';

/** The descriptive columns the screening view groups and filters by, when the matrix has them. */
export const DESCRIPTIVE = ['name', 'industry', 'region', 'city', 'manager', 'branch', 'size'] as const;
export type Descriptive = (typeof DESCRIPTIVE)[number];

/**
 * The indicator matrix as the screening view holds it: one row per customer, ids and
 * descriptive columns as string arrays, every numeric column as a Float64Array (NaN = missing).
 * Read once per run of the matrix cell; every slider movement works on these arrays only.
 */
export interface ScreeningData {
  readonly rows: number;
  readonly ids: readonly string[];
  readonly text: Readonly<Partial<Record<Descriptive, readonly string[]>>>;
  readonly numbers: ReadonlyMap<string, Float64Array>;
}

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL|REAL)/;

/** Column values as numbers, missing as NaN (read straight from the Arrow column). */
function numbersOf(table: Table, name: string): Float64Array {
  const vector = table.getChild(name)!;
  const out = new Float64Array(table.numRows);
  for (let i = 0; i < out.length; i++) {
    const v: unknown = vector.get(i);
    out[i] = v === null || v === undefined ? Number.NaN : Number(v);
  }
  return out;
}

function textOf(table: Table, name: string): string[] {
  const vector = table.getChild(name)!;
  return Array.from({ length: table.numRows }, (_v, i) => {
    const v: unknown = vector.get(i);
    return v === null || v === undefined ? '' : String(v);
  });
}

/** Reads a SQL cell's result (a temporary table) into the screening view's arrays. */
export async function loadScreeningData(db: Database, cell: string, types: readonly { name: string; type: string }[]): Promise<ScreeningData> {
  const table = await db.query(`SELECT * FROM ${cellTableSql(cell)}`);
  const numbers = new Map<string, Float64Array>();
  const text: Partial<Record<Descriptive, string[]>> = {};
  for (const column of types) {
    if (column.name === 'customer_id') continue;
    if ((DESCRIPTIVE as readonly string[]).includes(column.name)) text[column.name as Descriptive] = textOf(table, column.name);
    else if (NUMERIC.test(column.type)) numbers.set(column.name, numbersOf(table, column.name));
  }
  return { rows: table.numRows, ids: textOf(table, 'customer_id'), text, numbers };
}
