import { DataType, type Table } from 'apache-arrow';
import type { ScreenData } from '../../scoring/screen';
import { isArrowTable, isNumericType, isTemporalType, numbersOf } from './arrow-values';

/** The column every indicator matrix is keyed by: one row per customer. */
export const KEY_COLUMN = 'customer_id';

/**
 * An indicator matrix (an Arrow table, one row per customer) as the screening works on it:
 * `customer_id` as text, numeric columns as Float64Array (NaN = missing; decimals and bigints
 * converted exactly as `numbersOf` does), dates as epoch milliseconds, text columns as strings
 * ('' = missing). Used by the screening view and by TypeScript cells (`scoring.screenDataOf`),
 * so both score the same numbers.
 */
export function screenDataOf(table: Table): ScreenData {
  if (!isArrowTable(table)) throw new TypeError('screenDataOf: the argument must be an Arrow table (the indicator matrix)');
  const key = table.getChild(KEY_COLUMN);
  if (!key) throw new TypeError(`screenDataOf: the matrix needs a ${KEY_COLUMN} column (columns: ${table.schema.fields.map((f) => f.name).join(', ')})`);
  const numbers = new Map<string, Float64Array>();
  const dates = new Map<string, Float64Array>();
  const text: Record<string, string[]> = {};
  for (const field of table.schema.fields) {
    if (field.name === KEY_COLUMN) continue;
    if (isTemporalType(field.type)) dates.set(field.name, numbersOf(table, field.name));
    else if (isNumericType(field.type)) numbers.set(field.name, numbersOf(table, field.name));
    else if (DataType.isUtf8(field.type) || DataType.isLargeUtf8(field.type) || DataType.isDictionary(field.type)) text[field.name] = textOf(table, field.name);
  }
  return { rows: table.numRows, ids: textOf(table, KEY_COLUMN), numbers, dates, text };
}

function textOf(table: Table, name: string): string[] {
  const vector = table.getChild(name)!;
  const out = new Array<string>(table.numRows);
  for (let i = 0; i < out.length; i++) {
    const v: unknown = vector.get(i);
    out[i] = v === null || v === undefined ? '' : String(v);
  }
  return out;
}
