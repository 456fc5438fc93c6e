import {
  Bool, DataType, Float64, Int64, Table, TimestampMillisecond, Utf8, Vector, tableFromIPC, tableToIPC, util, vectorFromArray,
  type Field,
} from 'apache-arrow';

/**
 * Arrow, the way cells and results use it: recognising tables, turning an array of plain row
 * objects into a table (with types chosen per column, the same everywhere), reading a numeric
 * column fast, and moving tables as IPC. Uses the app's one copy of apache-arrow (STACK.md pitfall 1).
 */

/** A plain row: an object literal whose values are scalars. */
export type PlainRow = Readonly<Record<string, unknown>>;

export function isArrowTable(value: unknown): value is Table {
  return value instanceof Table;
}

export function isArrowVector(value: unknown): value is Vector {
  return value instanceof Vector;
}

/** An object made by `{...}` or `Object.create(null)`, not a class instance. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function isScalar(value: unknown): boolean {
  return value === null || value === undefined || value instanceof Date ||
    ['number', 'string', 'boolean', 'bigint'].includes(typeof value);
}

/** True for a non-empty array of plain objects whose values are all scalars: a table in disguise. */
export function isRowArray(value: unknown): value is readonly PlainRow[] {
  if (!Array.isArray(value) || value.length === 0) return false;
  for (const row of value) {
    if (!isPlainObject(row)) return false;
    for (const key in row) if (!isScalar(row[key])) return false;
  }
  return true;
}

type ColumnKind = 'number' | 'bigint' | 'boolean' | 'date' | 'string';

function kindOf(values: readonly unknown[]): ColumnKind {
  let kind: ColumnKind | undefined;
  for (const value of values) {
    if (value === null || value === undefined) continue;
    const k: ColumnKind = value instanceof Date ? 'date' : (typeof value as ColumnKind);
    if (kind === undefined) kind = k;
    else if (kind !== k) return 'string';
  }
  return kind ?? 'string';
}

function asText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  return String(value);
}

/**
 * Rows → an Arrow table. Columns in order of first appearance; a column of numbers is Float64,
 * of bigints Int64, of booleans Bool, of Dates a millisecond timestamp, anything else (strings,
 * or a mix of kinds) Utf8 of the values' text. Missing and undefined values are null.
 */
export function rowsToTable(rows: readonly PlainRow[]): Table {
  const names: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      if (!seen.has(key)) {
        seen.add(key);
        names.push(key);
      }
    }
  }
  const columns: Record<string, Vector> = {};
  for (const name of names) {
    const values = rows.map((row) => row[name] ?? null);
    const kind = kindOf(values);
    columns[name] =
      kind === 'number' ? vectorFromArray(values as (number | null)[], new Float64())
      : kind === 'bigint' ? vectorFromArray(values as (bigint | null)[], new Int64())
      : kind === 'boolean' ? vectorFromArray(values as (boolean | null)[], new Bool())
      : kind === 'date' ? vectorFromArray(values.map((v) => (v instanceof Date && !Number.isNaN(v.getTime()) ? v : null)), new TimestampMillisecond())
      : vectorFromArray(values.map(asText), new Utf8());
  }
  return new Table(columns);
}

/** Is this column a number a sum means something for (not a date, a timestamp or a boolean)? */
export function isNumericType(type: DataType): boolean {
  return DataType.isInt(type) || DataType.isFloat(type) || DataType.isDecimal(type);
}

/** Is this column a date or a timestamp (Arrow gives them as epoch milliseconds)? */
export function isTemporalType(type: DataType): boolean {
  return DataType.isDate(type) || DataType.isTimestamp(type);
}

/** A numeric cell of a column as a JS number: bigints and decimals converted, nulls as null. */
export function numberAt(field: Field, value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (DataType.isDecimal(field.type)) return util.bigNumToNumber(value as Parameters<typeof util.bigNumToNumber>[0], field.type.scale);
  return Number(value);
}

/**
 * One numeric column as a Float64Array, nulls as NaN: the fast path for scoring (STACK.md pitfall
 * 3: `getChild(name).toArray()` is 100x faster than rows, but leaves garbage where values are null).
 */
export function numbersOf(table: Table, column: string): Float64Array {
  if (!isArrowTable(table)) throw new TypeError('numbersOf: the first argument must be an Arrow table (from sql or Arrow)');
  const vector = table.getChild(column);
  if (!vector) throw new TypeError(`numbersOf: no column ${JSON.stringify(column)} (columns: ${table.schema.fields.map((f) => f.name).join(', ')})`);
  const field = table.schema.fields.find((f) => f.name === column)!;
  if (!isNumericType(field.type) && !isTemporalType(field.type)) throw new TypeError(`numbersOf: column ${JSON.stringify(column)} is ${String(field.type)}, not numeric`);
  if (vector.nullCount === 0 && DataType.isFloat(field.type) && field.type.precision === 2) return vector.toArray() as Float64Array;
  const out = new Float64Array(vector.length);
  let i = 0;
  for (const value of vector) out[i++] = numberAt(field, value) ?? Number.NaN;
  return out;
}

/** A table's rows as plain objects. The slow path: fine for the tens of rows a chart or a list needs. */
export function rowsOf(table: Table): Record<string, unknown>[] {
  if (!isArrowTable(table)) throw new TypeError('rowsOf: the argument must be an Arrow table (from sql or Arrow)');
  return table.toArray().map((row: { toJSON(): Record<string, unknown> }) => ({ ...row.toJSON() }));
}

/** A table as Arrow IPC (stream format: what DuckDB's insertArrowFromIPCStream reads). */
export function tableIpc(table: Table): Uint8Array {
  return tableToIPC(table, 'stream');
}

/** Arrow IPC bytes → a table of the app's Arrow. */
export function tableFromIpc(ipc: Uint8Array): Table {
  return tableFromIPC(ipc);
}
