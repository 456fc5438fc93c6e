import {
  Decimal,
  Float64,
  makeData,
  Timestamp,
  util,
  type Data,
  type DataType,
  type Float16,
  type Utf8,
} from 'apache-arrow';
import { utf8Data } from './text-table';
import type { OffsetAt } from './time-zone';

/**
 * Conversions of Arrow columns DuckDB-WASM cannot take (or takes wrongly) into ones it takes
 * exactly. Each works on one chunk (Data) and keeps nulls where they were.
 */

const UNITS_PER_SECOND = [1n, 1_000n, 1_000_000n, 1_000_000_000n] as const;

function validity(data: Data): { nullBitmap: Uint8Array | null; nullCount: number } {
  if (data.nullCount === 0) return { nullBitmap: null, nullCount: 0 };
  const bitmap = new Uint8Array((data.length + 7) >> 3);
  let nullCount = 0;
  for (let i = 0; i < data.length; i++) {
    if (data.getValid(i)) bitmap[i >> 3]! |= 1 << (i & 7);
    else nullCount++;
  }
  return { nullBitmap: bitmap, nullCount };
}

/** Text of each valid value (by index), null where the value is null. */
export function toText(data: Data, text: (index: number) => string): Data<Utf8> {
  const values: (string | null)[] = new Array<string | null>(data.length);
  for (let i = 0; i < data.length; i++) values[i] = data.getValid(i) ? text(i) : null;
  return utf8Data(values);
}

/** A Null column (all values missing) as an all-null text column. */
export function nullToText(data: Data): Data<Utf8> {
  return utf8Data(new Array<null>(data.length).fill(null));
}

/** Half floats widened to doubles: every half-float value is exactly a double. */
export function float16ToFloat64(data: Data<Float16>): Data<Float64> {
  const halves = data.values;
  const out = new Float64Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = util.uint16ToFloat64(halves[i]!);
  return makeData({ type: new Float64(), length: data.length, ...validity(data), data: out });
}

/** The unscaled integer of decimal value `index` (little-endian two's complement words). */
export function decimalInteger(data: Data<Decimal>, index: number): bigint {
  const stride = data.type.bitWidth / 32;
  const words = data.values.subarray(index * stride, (index + 1) * stride);
  let value = 0n;
  for (let k = stride - 1; k >= 0; k--) value = (value << 32n) | BigInt(words[k]!);
  return words[stride - 1]! & 0x80000000 ? value - (1n << BigInt(32 * stride)) : value;
}

/** Exact decimal text of an unscaled integer: `123456`, scale 2 → `1234.56`. */
export function decimalText(unscaled: bigint, scale: number): string {
  const negative = unscaled < 0n;
  let digits = (negative ? -unscaled : unscaled).toString();
  if (scale > 0) {
    digits = digits.padStart(scale + 1, '0');
    digits = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  } else if (scale < 0) digits += '0'.repeat(-scale);
  return negative ? `-${digits}` : digits;
}

/** True when every value of a 256-bit decimal column fits 128 bits (precision ≤ 38 promises it). */
export function fitsDecimal128(chunks: readonly Data<Decimal>[]): boolean {
  return chunks.every((data) => {
    const words = data.values;
    for (let i = 0; i < data.length; i++) {
      const sign = words[i * 8 + 3]! & 0x80000000 ? 0xffffffff : 0;
      for (let k = 4; k < 8; k++) if (words[i * 8 + k] !== sign) return false;
    }
    return true;
  });
}

/** A 256-bit decimal column as 128-bit decimals of the same precision and scale. */
export function decimal256To128(data: Data<Decimal>): Data<Decimal> {
  const out = new Uint32Array(data.length * 4);
  for (let i = 0; i < data.length; i++) out.set(data.values.subarray(i * 8, i * 8 + 4), i * 4);
  const type = new Decimal(data.type.scale, data.type.precision, 128);
  return makeData({ type, length: data.length, ...validity(data), data: out });
}

/** True when every nanosecond value is a whole microsecond, so µs keeps them exactly. */
export function wholeMicros(chunks: readonly Data[]): boolean {
  return chunks.every((data) => {
    const values = data.values as BigInt64Array;
    for (let i = 0; i < data.length; i++) if (data.getValid(i) && values[i]! % 1000n !== 0n) return false;
    return true;
  });
}

/** Nanosecond values (time or duration) as microseconds of `type`; callers check wholeMicros. */
export function nanosToMicros<T extends DataType>(data: Data, type: T): Data<T> {
  const values = data.values as BigInt64Array;
  const out = new BigInt64Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = values[i]! / 1000n;
  return makeData({ type, length: data.length, ...validity(data), data: out } as never) as unknown as Data<T>;
}

/** `HH:MM:SS.nnnnnnnnn` of nanoseconds since midnight. */
export function timeNanosText(nanos: bigint): string {
  const seconds = Number(nanos / 1_000_000_000n);
  const fraction = String(nanos % 1_000_000_000n).padStart(9, '0');
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}.${fraction}`;
}

/** `S.nnnnnnnnn seconds` of a nanosecond duration (a text DuckDB reads as an INTERVAL). */
export function durationNanosText(nanos: bigint): string {
  const negative = nanos < 0n;
  const abs = negative ? -nanos : nanos;
  const text = `${abs / 1_000_000_000n}.${String(abs % 1_000_000_000n).padStart(9, '0')} seconds`;
  return negative ? `-${text}` : text;
}

/**
 * Timestamps with a zone as the wall-clock time in that zone, same unit, no zone: what the file's
 * writer saw, and a TIMESTAMP DuckDB can turn into dates without ICU.
 */
export function toWallClock(data: Data<Timestamp>, offsetAt: OffsetAt): Data<Timestamp> {
  const perSecond = UNITS_PER_SECOND[data.type.unit];
  const values = data.values as unknown as BigInt64Array;
  const out = new BigInt64Array(data.length);
  for (let i = 0; i < data.length; i++) {
    if (!data.getValid(i)) continue;
    const value = values[i]!;
    const ms = Number((value * 1000n) / perSecond);
    out[i] = value + BigInt(offsetAt(ms)) * perSecond;
  }
  return makeData({ type: new Timestamp(data.type.unit, null), length: data.length, ...validity(data), data: out });
}
