import { DateDay, Float64, Int32, Table, Utf8, makeData, makeVector, type Data, type Vector } from 'apache-arrow';

/**
 * Growable typed columns. The generator writes straight into them (no row objects), and a
 * finished column becomes Arrow data without copying or per-value work.
 */

/** The four physical types the extract needs. */
export type ColumnType = 'string' | 'float64' | 'int32' | 'date';

/** A column being built. */
export interface Column {
  readonly type: ColumnType;
  readonly length: number;
  pushNull(): void;
  /** The Arrow data of what was pushed. Each column owns its buffers (see toArrowTable). */
  toArrow(): Data;
}

/** Bit-packed validity, allocated on the first null. */
class Validity {
  private bits: Uint8Array | null = null;
  nulls = 0;

  set(index: number, valid: boolean, capacity: number): void {
    if (valid && !this.bits) return;
    if (!this.bits) this.bits = new Uint8Array(Math.ceil(capacity / 8)).fill(0xff);
    if (this.bits.length * 8 < capacity) {
      const grown = new Uint8Array(Math.ceil(capacity / 8)).fill(0xff);
      grown.set(this.bits);
      this.bits = grown;
    }
    if (valid) this.bits[index >> 3]! |= 1 << (index & 7);
    else {
      this.bits[index >> 3]! &= ~(1 << (index & 7));
      this.nulls++;
    }
  }

  /** The bitmap for `length` rows; rows never marked are valid. */
  bitmap(length: number): Uint8Array | undefined {
    if (!this.bits) return undefined;
    if (this.bits.length * 8 < length) this.set(length - 1, true, length);
    return this.bits.subarray(0, Math.ceil(length / 8));
  }
}

/** Doubles (amounts, rates), whole numbers (Int32) or dates (Int32 days since 1970-01-01). */
export class NumberColumn<T extends Float64Array | Int32Array = Float64Array | Int32Array> implements Column {
  length = 0;
  private values: T;
  private readonly validity = new Validity();

  constructor(
    readonly type: 'float64' | 'int32' | 'date',
    capacity = 1024,
  ) {
    this.values = (type === 'float64' ? new Float64Array(capacity) : new Int32Array(capacity)) as T;
  }

  push(value: number): void {
    if (this.length === this.values.length) this.grow();
    this.values[this.length++] = value;
  }

  pushNull(): void {
    if (this.length === this.values.length) this.grow();
    this.validity.set(this.length, false, this.values.length);
    this.values[this.length++] = 0;
  }

  get(index: number): number {
    return this.values[index]!;
  }

  isNull(index: number): boolean {
    const bits = this.validity.bitmap(this.length);
    return bits !== undefined && (bits[index >> 3]! & (1 << (index & 7))) === 0;
  }

  toArrow(): Data {
    const type = this.type === 'float64' ? new Float64() : this.type === 'int32' ? new Int32() : new DateDay();
    return makeData({
      type,
      length: this.length,
      nullCount: this.validity.nulls,
      nullBitmap: this.validity.bitmap(this.length),
      data: this.values.subarray(0, this.length),
    } as Parameters<typeof makeData>[0]) as Data;
  }

  private grow(): void {
    const grown = new (this.values.constructor as new (n: number) => T)(this.values.length * 2);
    grown.set(this.values);
    this.values = grown;
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** UTF-8 text in one byte buffer with offsets, as Arrow's Utf8 layout. */
export class StringColumn implements Column {
  readonly type = 'string' as const;
  length = 0;
  private offsets: Int32Array;
  private bytes: Uint8Array;
  private readonly validity = new Validity();

  constructor(capacity = 1024) {
    this.offsets = new Int32Array(capacity + 1);
    this.bytes = new Uint8Array(capacity * 16);
  }

  push(text: string): void {
    if (this.length + 1 === this.offsets.length) this.growOffsets();
    let at = this.offsets[this.length]!;
    if (at + text.length * 3 > this.bytes.length) this.growBytes(at + text.length * 3);
    let ascii = true;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 128) {
        ascii = false;
        break;
      }
      this.bytes[at + i] = c;
    }
    if (ascii) at += text.length;
    else at += encoder.encodeInto(text, this.bytes.subarray(at)).written;
    this.offsets[++this.length] = at;
  }

  /** Pushes the previous value again (a loan id per installment, a customer id per month). */
  pushSameAsLast(): void {
    if (this.length === 0 || this.isNull(this.length - 1)) throw new Error('No previous value to repeat');
    if (this.length + 1 === this.offsets.length) this.growOffsets();
    const from = this.offsets[this.length - 1]!;
    const at = this.offsets[this.length]!;
    const size = at - from;
    if (at + size > this.bytes.length) this.growBytes(at + size);
    this.bytes.copyWithin(at, from, at);
    this.offsets[++this.length] = at + size;
  }

  pushNull(): void {
    if (this.length + 1 === this.offsets.length) this.growOffsets();
    this.validity.set(this.length, false, this.offsets.length);
    this.offsets[this.length + 1] = this.offsets[this.length]!;
    this.length++;
  }

  get(index: number): string | null {
    if (this.isNull(index)) return null;
    return decoder.decode(this.bytes.subarray(this.offsets[index]!, this.offsets[index + 1]!));
  }

  isNull(index: number): boolean {
    const bits = this.validity.bitmap(this.length);
    return bits !== undefined && (bits[index >> 3]! & (1 << (index & 7))) === 0;
  }

  toArrow(): Data {
    return makeData({
      type: new Utf8(),
      length: this.length,
      nullCount: this.validity.nulls,
      nullBitmap: this.validity.bitmap(this.length),
      valueOffsets: this.offsets.subarray(0, this.length + 1),
      data: this.bytes.subarray(0, this.offsets[this.length]!),
    });
  }

  private growOffsets(): void {
    const grown = new Int32Array(this.offsets.length * 2 - 1);
    grown.set(this.offsets);
    this.offsets = grown;
  }

  private growBytes(atLeast: number): void {
    const grown = new Uint8Array(Math.max(atLeast, this.bytes.length * 2));
    grown.set(this.bytes);
    this.bytes = grown;
  }
}

/** A table being built: named columns of equal length. */
export interface ColumnarTable {
  readonly names: readonly string[];
  readonly columns: readonly Column[];
}

/** Number of rows of a columnar table. */
export function rowCount(table: ColumnarTable): number {
  return table.columns[0]?.length ?? 0;
}

/**
 * An Arrow table over the columns' buffers. Every column owns distinct buffers: Arrow JS 17's IPC
 * writer emits a corrupt stream when two columns share one ArrayBuffer.
 */
export function toArrowTable(table: ColumnarTable): Table {
  const vectors: Record<string, Vector> = {};
  table.names.forEach((name, i) => {
    const column = table.columns[i]!;
    if (column.length !== rowCount(table)) throw new Error(`Column ${name} has ${column.length} rows, expected ${rowCount(table)}`);
    vectors[name] = makeVector(column.toArrow());
  });
  return new Table(vectors);
}
