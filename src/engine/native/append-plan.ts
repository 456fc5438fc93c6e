import bindings from '@duckdb/node-bindings';
import { DataType, DateUnit, TimeUnit, type Data, type Decimal, type Vector } from 'apache-arrow';

/**
 * How each Arrow column becomes a DuckDB column when native DuckDB appends an Arrow table: the
 * column type DuckDB-WASM's `insertArrowFromIPCStream` creates for the same Arrow type, holding
 * values that read back the same (test/engine/append-parity.test.ts). Fixed-width values whose
 * Arrow layout already is DuckDB's (Int32, UInt64, Float64, DateDay, Timestamp(s, µs, ns),
 * Decimal128 of more than 18 digits...) are copied as whole buffers.
 *
 * Where this still differs from DuckDB-WASM:
 * - Int8 and Int16 become INTEGER, Float32 DOUBLE and Timestamp(ms) TIMESTAMP, where DuckDB-WASM
 *   keeps TINYINT, SMALLINT, FLOAT and TIMESTAMP_MS (test/demo/append-arrow.test.ts expects the
 *   wider types). The values are the same; a Float32 reads back as the double it is.
 * - a Timestamp's time zone is dropped (the UTC clock is kept) where DuckDB-WASM makes TIMESTAMPTZ;
 * - Float16 becomes DOUBLE where DuckDB-WASM refuses it (the Parquet reader converts it first);
 * - times, durations, intervals, blobs and nested types become text, where DuckDB-WASM keeps
 *   TIME, INTERVAL, BLOB, LIST, STRUCT...; the Parquet reader passes some of these through, so
 *   a headless run stages such a column as text where the browser keeps its type.
 */

type RawVector = ReturnType<typeof bindings.data_chunk_get_vector>;

/** Writes rows [from, from + count) of one Arrow column into a DuckDB chunk vector. */
export type WriteSlice = (target: RawVector, data: Data, vector: Vector, from: number, count: number) => void;

export interface ColumnPlan {
  readonly sqlType: string;
  readonly write: WriteSlice;
}

type Values = Int16Array | Int32Array | Uint32Array | Float64Array | BigInt64Array | BigUint64Array | Uint8Array | Uint16Array;

/** Copies a typed array's bytes into the vector's data. */
function copyInto(target: RawVector, values: ArrayBufferView): void {
  bindings.copy_data_to_vector(target, 0, values.buffer as ArrayBuffer, values.byteOffset, values.byteLength);
}

/** Values whose Arrow buffer has DuckDB's physical layout are copied as they are. */
function sameLayout(): WriteSlice {
  return (target, data, _vector, from, count) => {
    copyInto(target, (data.values as Values).subarray(from, from + count));
  };
}

/** Numbers widened to a larger typed array (Int8 → INTEGER, Float32 → DOUBLE). */
function widened(make: (values: Int8Array | Int16Array | Float32Array) => Int32Array | Float64Array): WriteSlice {
  return (target, data, _vector, from, count) => {
    copyInto(target, make((data.values as Int8Array | Int16Array | Float32Array).subarray(from, from + count)));
  };
}

/** 64-bit integers multiplied by `factor` (milliseconds → microseconds). Null slots may wrap: they stay null. */
function scaled(factor: bigint): WriteSlice {
  return (target, data, _vector, from, count) => {
    const values = (data.values as BigInt64Array).subarray(from, from + count);
    const out = new BigInt64Array(count);
    for (let i = 0; i < count; i++) out[i] = values[i]! * factor;
    copyInto(target, out);
  };
}

const MS_PER_DAY = 86_400_000n;

/** Date64 (milliseconds) → DATE (days), truncating toward zero as DuckDB's Arrow scan does. */
const writeDate64: WriteSlice = (target, data, _vector, from, count) => {
  const values = (data.values as BigInt64Array).subarray(from, from + count);
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) out[i] = Number(values[i]! / MS_PER_DAY);
  copyInto(target, out);
};

/** Arrow Decimal128 words: four little-endian 32-bit words per value, two's complement. */
const WORDS = 4;

/**
 * Decimal128 → DECIMAL(p,s): the unscaled integers go over exactly, in the width DuckDB stores
 * that precision in (16, 32, 64 or 128 bits). A 128-bit Arrow value is a hugeint's bytes already.
 */
function writeDecimal(precision: number): WriteSlice {
  return (target, data, _vector, from, count) => {
    const words = (data.values as Uint32Array).subarray(from * WORDS, (from + count) * WORDS);
    if (precision > 18) return copyInto(target, words);
    if (precision > 9) {
      const out = new BigInt64Array(count);
      for (let i = 0; i < count; i++) out[i] = BigInt.asIntN(64, (BigInt(words[i * WORDS + 1]!) << 32n) | BigInt(words[i * WORDS]!));
      return copyInto(target, out);
    }
    // up to 9 digits fit the low word; the typed array keeps its low bits as two's complement
    const out = precision > 4 ? new Int32Array(count) : new Int16Array(count);
    for (let i = 0; i < count; i++) out[i] = words[i * WORDS]!;
    return copyInto(target, out);
  };
}

/** True when bit `bit` of an Arrow bitmap is set (the value is valid). */
export function bitSet(bitmap: Uint8Array, bit: number): boolean {
  return (bitmap[bit >> 3]! & (1 << (bit & 7))) !== 0;
}

/** UTF-8 bytes go straight from the Arrow buffer into DuckDB strings. */
const writeUtf8: WriteSlice = (target, data, _vector, from, count) => {
  const offsets = data.valueOffsets as Int32Array;
  const bytes = data.values as Uint8Array;
  const nulls = data.nullCount > 0 ? data.nullBitmap : undefined;
  for (let i = 0; i < count; i++) {
    const row = from + i;
    if (nulls && !bitSet(nulls, data.offset + row)) continue;
    bindings.vector_assign_string_element_len(target, i, bytes.subarray(offsets[row]!, offsets[row + 1]!));
  }
};

const utf8Encoder = new TextEncoder();

/** Anything else becomes text, value by value through Arrow's `get`. */
const writeText: WriteSlice = (target, _data, vector, from, count) => {
  for (let i = 0; i < count; i++) {
    const value: unknown = vector.get(from + i);
    if (value === null || value === undefined) continue;
    bindings.vector_assign_string_element_len(target, i, utf8Encoder.encode(typeof value === 'string' ? value : String(value)));
  }
};

/** Booleans are bits in Arrow and bytes in DuckDB. */
const writeBool: WriteSlice = (target, _data, vector, from, count) => {
  const out = new Uint8Array(count);
  for (let i = 0; i < count; i++) out[i] = vector.get(from + i) ? 1 : 0;
  copyInto(target, out);
};

/** Float16 through Arrow's `get`, which decodes the half floats. */
const writeFloat16: WriteSlice = (target, _data, vector, from, count) => {
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = Number(vector.get(from + i) ?? 0);
  copyInto(target, out);
};

const float64 = (values: Int8Array | Int16Array | Float32Array) => Float64Array.from(values);
const int32 = (values: Int8Array | Int16Array | Float32Array) => Int32Array.from(values);

function planInt(type: DataType & { bitWidth: number; isSigned: boolean }): ColumnPlan {
  const { bitWidth, isSigned } = type;
  if (bitWidth === 64) return { sqlType: isSigned ? 'BIGINT' : 'UBIGINT', write: sameLayout() };
  if (bitWidth === 32) return { sqlType: isSigned ? 'INTEGER' : 'UINTEGER', write: sameLayout() };
  if (!isSigned) return { sqlType: bitWidth === 16 ? 'USMALLINT' : 'UTINYINT', write: sameLayout() };
  return { sqlType: 'INTEGER', write: widened(int32) };
}

function planDecimal(type: Decimal): ColumnPlan {
  // DuckDB-WASM refuses Decimal256 whatever its precision; so does this, with its words
  if (type.bitWidth !== 128) throw new Error(`Unsupported Internal Arrow Type for Decimal ${String(type)}`);
  return { sqlType: `DECIMAL(${type.precision},${type.scale})`, write: writeDecimal(type.precision) };
}

const TIMESTAMP_TYPES: Readonly<Record<TimeUnit, string>> = {
  [TimeUnit.SECOND]: 'TIMESTAMP_S',
  [TimeUnit.MILLISECOND]: 'TIMESTAMP', // DuckDB-WASM: TIMESTAMP_MS (see above)
  [TimeUnit.MICROSECOND]: 'TIMESTAMP',
  [TimeUnit.NANOSECOND]: 'TIMESTAMP_NS',
};

/** How an Arrow column becomes a DuckDB column. */
export function planColumn(type: DataType): ColumnPlan {
  if (DataType.isBool(type)) return { sqlType: 'BOOLEAN', write: writeBool };
  if (DataType.isInt(type)) return planInt(type);
  if (DataType.isFloat(type)) {
    if (type.precision === 2) return { sqlType: 'DOUBLE', write: sameLayout() };
    if (type.precision === 1) return { sqlType: 'DOUBLE', write: widened(float64) };
    return { sqlType: 'DOUBLE', write: writeFloat16 };
  }
  if (DataType.isDecimal(type)) return planDecimal(type);
  if (DataType.isDate(type)) return { sqlType: 'DATE', write: type.unit === DateUnit.DAY ? sameLayout() : writeDate64 };
  if (DataType.isTimestamp(type)) {
    const write = type.unit === TimeUnit.MILLISECOND ? scaled(1000n) : sameLayout();
    return { sqlType: TIMESTAMP_TYPES[type.unit], write };
  }
  if (DataType.isUtf8(type)) return { sqlType: 'VARCHAR', write: writeUtf8 };
  return { sqlType: 'VARCHAR', write: writeText };
}
