import { isLosslessNumber } from 'lossless-json';
import type { TextTable } from './text-table';
import { jsonText, type JsonObject, type JsonValue } from './json-parse';

/** A JSON value as staged text: strings as-is, numbers as written, nested values as JSON text. */
export function jsonValueText(value: JsonValue): string | null {
  if (value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (isLosslessNumber(value)) return value.toString();
  return jsonText(value);
}

/**
 * Records gathered into text columns: the union of their keys in first-seen order (keys as the
 * parsed object lists them: see json-parse.ts), a missing key staged as NULL.
 */
export class RecordColumns {
  private readonly index = new Map<string, number>();
  private readonly headers: string[] = [];
  private readonly values: (string | null)[][] = [];
  private readonly rows: number[] = [];

  get size(): number {
    return this.rows.length;
  }

  /** Adds one record; its values are turned into text first, so a failure leaves nothing half-added. */
  add(row: number, record: JsonObject): void {
    const texts = Object.entries(record).map(([key, value]) => [key, jsonValueText(value)] as const);
    const at = this.rows.length;
    this.rows.push(row);
    for (const [key, text] of texts) {
      let column = this.index.get(key);
      if (column === undefined) {
        column = this.headers.length;
        this.index.set(key, column);
        this.headers.push(key);
        this.values.push(new Array<string | null>(at).fill(null));
      }
      const values = this.values[column]!;
      while (values.length < at) values.push(null);
      values.push(text);
    }
  }

  toTextTable(): TextTable {
    const length = this.rows.length;
    for (const values of this.values) while (values.length < length) values.push(null);
    return {
      rowNumbers: Int32Array.from(this.rows),
      columns: this.headers.map((header, i) => ({ header, values: this.values[i]! })),
    };
  }
}
