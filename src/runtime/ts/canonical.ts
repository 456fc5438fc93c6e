import type { Field, Table } from 'apache-arrow';
import { isArrowTable, isArrowVector, isTemporalType, isNumericType, numberAt } from './arrow-values';

/**
 * The canonical text of a result: what its digest hashes. Two results that mean the same thing
 * have the same text, whichever engine, machine or key order produced them:
 * - numbers rounded to 12 significant digits, printed as the shortest text that reads back
 *   (0.1 + 0.2 → `0.3`); -0 → `0`; `NaN`, `Infinity`, `-Infinity` spelled out; bigints as numbers;
 * - strings JSON-quoted; dates (and date/timestamp columns) as quoted ISO-8601 UTC text;
 * - object keys sorted, undefined members left out (as in JSON); arrays, typed arrays, Arrow vectors
 *   and Sets as arrays; Maps as arrays of [key, value]; functions as `function`;
 * - an Arrow table inside a value as the array of its rows (objects with sorted keys).
 * A whole-table result is hashed row by row instead (digest.ts), with this text for each value.
 */

/** A number's canonical text. */
export function canonicalNumber(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
  if (n === 0) return '0';
  return String(Number(n.toPrecision(12)));
}

/** The canonical text of one value of an Arrow column, typed by its field. */
export function canonicalCell(field: Field, value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (isTemporalType(field.type) && typeof value === 'number') return canonicalDate(new Date(value));
  if (isNumericType(field.type)) return canonicalNumber(numberAt(field, value) ?? Number.NaN);
  return canonicalText(value);
}

/** A value's canonical text. */
export function canonicalText(value: unknown): string {
  return write(value, new Set());
}

function canonicalDate(date: Date): string {
  const time = date.getTime();
  return Number.isNaN(time) ? 'null' : JSON.stringify(date.toISOString());
}

function write(value: unknown, ancestors: Set<object>): string {
  switch (typeof value) {
    case 'undefined': return 'undefined';
    case 'number': return canonicalNumber(value);
    case 'bigint': return canonicalNumber(Number(value));
    case 'string': return JSON.stringify(value);
    case 'boolean': return value ? 'true' : 'false';
    case 'function': return 'function';
    case 'symbol': return 'null';
  }
  if (value === null) return 'null';
  const object = value as object;
  if (object instanceof Date) return canonicalDate(object);
  if (ancestors.has(object)) return '"[circular]"';
  ancestors.add(object);
  try {
    return writeObject(object, ancestors);
  } finally {
    ancestors.delete(object);
  }
}

function writeObject(object: object, ancestors: Set<object>): string {
  if (isArrowTable(object)) return writeTable(object);
  if (isArrowVector(object)) return writeList(object.toArray() as Iterable<unknown>, ancestors);
  if (Array.isArray(object) || ArrayBuffer.isView(object)) return writeList(object as unknown as Iterable<unknown>, ancestors);
  if (object instanceof Set) return writeList(object, ancestors);
  if (object instanceof Map) return writeList([...object].map(([k, v]) => [k, v]), ancestors);
  const json = (object as { toJSON?: unknown }).toJSON;
  if (typeof json === 'function') return write(json.call(object), ancestors); // Arrow StructRow, Temporal...
  const keys = Object.keys(object).sort();
  const parts: string[] = [];
  for (const key of keys) {
    const member = (object as Record<string, unknown>)[key];
    if (member === undefined) continue;
    parts.push(`${JSON.stringify(key)}:${write(member, ancestors)}`);
  }
  return `{${parts.join(',')}}`;
}

function writeList(items: Iterable<unknown>, ancestors: Set<object>): string {
  const parts: string[] = [];
  for (const item of items) parts.push(item === undefined ? 'null' : write(item, ancestors));
  return `[${parts.join(',')}]`;
}

/** A table inside a value: its rows as objects with sorted keys. */
function writeTable(table: Table): string {
  const fields = [...table.schema.fields].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const columns = fields.map((field) => table.getChild(field.name)!);
  const rows: string[] = [];
  for (let i = 0; i < table.numRows; i++) {
    const parts = fields.map((field, c) => `${JSON.stringify(field.name)}:${canonicalCell(field, columns[c]!.get(i))}`);
    rows.push(`{${parts.join(',')}}`);
  }
  return `[${rows.join(',')}]`;
}
