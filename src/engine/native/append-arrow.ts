import bindings from '@duckdb/node-bindings';
import { DuckDBDataChunk, type DuckDBAppender, type DuckDBConnection, type DuckDBType } from '@duckdb/node-api';
import { DataType, type Data, type Table, type Vector } from 'apache-arrow';
import { quoteIdent } from '../database';

/**
 * Arrow → native DuckDB, one data chunk (2,048 rows) at a time. Fixed-width columns whose Arrow
 * layout already is DuckDB's (Int32, Float64, DateDay...) are copied as whole buffers, strings are
 * handed over as UTF-8 bytes without decoding them to JS strings, and only unusual types go value
 * by value. A row-by-row appender moved ~0.6 M rows/s; this moves several million, which the demo
 * generator needs for tens of millions of rows.
 */

type RawVector = ReturnType<typeof bindings.data_chunk_get_vector>;

/** Writes rows [from, from + count) of one Arrow column into a DuckDB chunk vector. */
type WriteSlice = (target: RawVector, data: Data, vector: Vector, from: number, count: number) => void;

interface ColumnPlan {
  sqlType: string;
  write: WriteSlice;
}

const CHUNK_ROWS = 2048;
const MS_PER_DAY = 86_400_000;

/** Copies a typed array's bytes into the vector's data. */
function copyInto(target: RawVector, values: ArrayBufferView): void {
  bindings.copy_data_to_vector(target, 0, values.buffer as ArrayBuffer, values.byteOffset, values.byteLength);
}

/** Values whose Arrow buffer has DuckDB's physical layout are copied as they are. */
function sameLayout(): WriteSlice {
  return (target, data, _vector, from, count) => {
    const values = data.values as Int32Array | Float64Array | BigInt64Array | Uint32Array;
    copyInto(target, values.subarray(from, from + count));
  };
}

/** Values that need converting go one by one through Arrow's `get`, into a typed buffer. */
function converted<T extends Int32Array | Uint32Array | Float64Array | BigInt64Array | Uint8Array>(
  make: (n: number) => T,
  convert: (value: unknown) => T[number],
): WriteSlice {
  return (target, _data, vector, from, count) => {
    const out = make(count);
    for (let i = 0; i < count; i++) {
      const value: unknown = vector.get(from + i);
      if (value !== null && value !== undefined) out[i] = convert(value);
    }
    copyInto(target, out);
  };
}

const utf8Encoder = new TextEncoder();

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

/** Anything else becomes text, as DuckDB-WASM's Arrow insert would show it. */
const writeText: WriteSlice = (target, _data, vector, from, count) => {
  for (let i = 0; i < count; i++) {
    const value: unknown = vector.get(from + i);
    if (value === null || value === undefined) continue;
    bindings.vector_assign_string_element_len(target, i, utf8Encoder.encode(typeof value === 'string' ? value : String(value)));
  }
};

/** How an Arrow column becomes a DuckDB column, mirroring what DuckDB-WASM's Arrow insert does. */
function planColumn(type: DataType): ColumnPlan {
  if (DataType.isBool(type)) return { sqlType: 'BOOLEAN', write: converted((n) => new Uint8Array(n), (v) => (v ? 1 : 0)) };
  if (DataType.isInt(type)) {
    if (type.bitWidth === 64) {
      return { sqlType: 'BIGINT', write: type.isSigned ? sameLayout() : converted((n) => new BigInt64Array(n), (v) => BigInt(v as number | bigint)) };
    }
    if (type.bitWidth === 32 && !type.isSigned) return { sqlType: 'UINTEGER', write: sameLayout() };
    if (type.bitWidth === 32) return { sqlType: 'INTEGER', write: sameLayout() };
    return { sqlType: 'INTEGER', write: converted((n) => new Int32Array(n), (v) => Number(v)) };
  }
  if (DataType.isFloat(type)) {
    const isDouble = type.precision === 2;
    return { sqlType: 'DOUBLE', write: isDouble ? sameLayout() : converted((n) => new Float64Array(n), (v) => Number(v)) };
  }
  if (DataType.isDecimal(type)) return { sqlType: 'DOUBLE', write: converted((n) => new Float64Array(n), (v) => Number(v)) };
  if (DataType.isDate(type)) {
    const isDays = type.unit === 0;
    return {
      sqlType: 'DATE',
      write: isDays ? sameLayout() : converted((n) => new Int32Array(n), (v) => Math.round(Number(v) / MS_PER_DAY)),
    };
  }
  if (DataType.isTimestamp(type)) {
    return { sqlType: 'TIMESTAMP', write: converted((n) => new BigInt64Array(n), (v) => BigInt(Math.round(Number(v))) * 1000n) };
  }
  if (DataType.isUtf8(type)) return { sqlType: 'VARCHAR', write: writeUtf8 };
  return { sqlType: 'VARCHAR', write: writeText };
}

function bitSet(bitmap: Uint8Array, bit: number): boolean {
  return (bitmap[bit >> 3]! & (1 << (bit & 7))) !== 0;
}

/** Marks the nulls of rows [from, from + count) in the vector's validity mask. */
function writeValidity(target: RawVector, data: Data, from: number, count: number): void {
  if (data.nullCount === 0 || !data.nullBitmap || data.nullBitmap.length === 0) return;
  const mask = new BigUint64Array(Math.ceil(count / 64)).fill(0xffff_ffff_ffff_ffffn);
  const bytes = new Uint8Array(mask.buffer);
  for (let i = 0; i < count; i++) {
    if (!bitSet(data.nullBitmap, data.offset + from + i)) bytes[i >> 3]! &= ~(1 << (i & 7));
  }
  bindings.vector_ensure_validity_writable(target);
  bindings.copy_data_to_vector_validity(target, 0, mask.buffer, 0, mask.byteLength);
}

/** Creates (or replaces) table `name` and appends every row of `table` to it. */
export async function appendArrowTable(conn: DuckDBConnection, name: string, table: Table): Promise<void> {
  const fields = table.schema.fields;
  const plans = fields.map((f) => planColumn(f.type));
  const columns = fields.map((f, i) => `${quoteIdent(f.name)} ${plans[i]!.sqlType}`).join(', ');
  await conn.run(`CREATE OR REPLACE TABLE ${quoteIdent(name)} (${columns})`);
  const appender = await conn.createAppender(name);
  try {
    const types: DuckDBType[] = fields.map((_f, i) => appender.columnType(i));
    for (const batch of table.batches) {
      const vectors = fields.map((_f, i) => batch.getChildAt(i)!);
      for (let from = 0; from < batch.numRows; from += CHUNK_ROWS) {
        appendSlice(appender, types, plans, vectors, from, Math.min(CHUNK_ROWS, batch.numRows - from));
      }
    }
  } finally {
    appender.closeSync();
  }
}

function appendSlice(
  appender: DuckDBAppender,
  types: readonly DuckDBType[],
  plans: readonly ColumnPlan[],
  vectors: readonly Vector[],
  from: number,
  count: number,
): void {
  const chunk = DuckDBDataChunk.create(types, count);
  vectors.forEach((vector, c) => {
    const data = vector.data[0]!;
    const target = bindings.data_chunk_get_vector(chunk.chunk, c);
    plans[c]!.write(target, data, vector, from, count);
    writeValidity(target, data, from, count);
  });
  appender.appendDataChunk(chunk);
}
