import type { Table } from 'apache-arrow';
import type { CellDigest } from '../../notebook/document';
import { isNumericType, numberAt } from './arrow-values';
import { canonicalCell, canonicalText } from './canonical';

/**
 * A result's fingerprint (CellDigest): its row count, a SHA-256 of its canonical text
 * (canonical.ts), and per numeric column the sum, min and max, so a replay can say not only that a
 * result changed but by how much. Web Crypto does the hashing: the same in workers, pages and Node.
 *
 * A table is hashed as
 *   SHA-256( header "\n" h1 "\n" h2 ... )   where header = canonical JSON array of the sorted column names
 *   and hK = SHA-256 hex of block K: rows [4096(K-1), 4096K), each as "[v1,v2,...]\n" with values in
 *   sorted-column order.
 * So column order does not matter, ROW ORDER DOES (a table's order is part of what a cell says;
 * a cell whose order is arbitrary should sort), and memory stays bounded for millions of rows
 * (Web Crypto has no streaming hash).
 */

/** Rows per hashed block of a table. Part of the digest's definition: changing it changes every hash. */
export const ROWS_PER_BLOCK = 4096;

type Stats = { sum: number; min: number; max: number };

/** SHA-256 of a string's UTF-8 bytes, as lowercase hex. */
export async function sha256Hex(text: string): Promise<string> {
  const hash = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(hash), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The digest of a value that is not a table: one row (none for undefined). */
export async function digestValue(value: unknown): Promise<CellDigest> {
  const hash = await sha256Hex(canonicalText(value));
  const stats = numericStats(value);
  return { rows: value === undefined ? 0 : 1, hash, ...(stats ? { columns: { value: stats } } : {}) };
}

/** The digest of a table (see the module comment for how it is hashed). */
export async function digestTable(table: Table): Promise<CellDigest> {
  const fields = [...table.schema.fields].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const numeric = fields.filter((field) => isNumericType(field.type));
  const accumulators = new Map(numeric.map((field) => [field.name, new Accumulator()]));
  const blockHashes: string[] = [];
  for (let start = 0; start < table.numRows; start += ROWS_PER_BLOCK) {
    const block = table.slice(start, Math.min(table.numRows, start + ROWS_PER_BLOCK));
    const columns = fields.map((field) => [...block.getChild(field.name)!] as unknown[]);
    let text = '';
    for (let i = 0; i < block.numRows; i++) {
      text += `[${fields.map((field, c) => canonicalCell(field, columns[c]![i])).join(',')}]\n`;
    }
    blockHashes.push(await sha256Hex(text));
    fields.forEach((field, c) => {
      const accumulator = accumulators.get(field.name);
      if (accumulator) for (const value of columns[c]!) accumulator.add(numberAt(field, value));
    });
  }
  const header = canonicalText(fields.map((field) => field.name));
  const hash = await sha256Hex([header, ...blockHashes].join('\n'));
  const columns: Record<string, Stats> = {};
  for (const [name, accumulator] of accumulators) {
    const stats = accumulator.result();
    if (stats) columns[name] = stats;
  }
  return { rows: table.numRows, hash, ...(Object.keys(columns).length > 0 ? { columns } : {}) };
}

/** Sum, min and max over finite values, in order; rounded to 12 significant digits like the hash. */
class Accumulator {
  private sum = 0;
  private min = Infinity;
  private max = -Infinity;
  private count = 0;

  add(value: number | null): void {
    if (value === null || !Number.isFinite(value)) return; // nulls, NaN and infinities are not summed
    this.sum += value;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    this.count++;
  }

  /** Undefined when nothing finite was seen (the column is then left out of the digest). */
  result(): Stats | undefined {
    if (this.count === 0) return undefined;
    return { sum: round12(this.sum), min: round12(this.min), max: round12(this.max) };
  }
}

function round12(n: number): number {
  const rounded = Number(n.toPrecision(12));
  return rounded === 0 ? 0 : rounded; // no -0 in a saved file
}

/** A number, or an array of numbers (typed or not): its stats under "value". */
function numericStats(value: unknown): Stats | undefined {
  const accumulator = new Accumulator();
  if (typeof value === 'number') accumulator.add(value);
  else if (ArrayBuffer.isView(value) && !(value instanceof DataView) && !(value instanceof BigInt64Array) && !(value instanceof BigUint64Array)) {
    for (const n of value as unknown as Iterable<number>) accumulator.add(n);
  } else if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'number')) {
    for (const n of value as number[]) accumulator.add(n);
  }
  return accumulator.result();
}
