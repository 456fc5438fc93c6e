import type {
  DuckDBResultReader,
  DuckDBTimestampMillisecondsValue,
  DuckDBTimestampNanosecondsValue,
  DuckDBTimestampSecondsValue,
  DuckDBTimestampValue,
  DuckDBType,
  DuckDBValue,
  DuckDBValueConverter,
} from '@duckdb/node-api';
import { DuckDBTypeId, JSDuckDBValueConverter } from '@duckdb/node-api';
import {
  Bool,
  DateDay,
  Float32,
  Float64,
  Int16,
  Int32,
  Int8,
  Table,
  TimestampMicrosecond,
  TimestampMillisecond,
  TimestampNanosecond,
  TimestampSecond,
  Uint16,
  Uint32,
  Uint8,
  Utf8,
  makeData,
  makeVector,
  vectorFromArray,
  type DataType,
  type Timestamp,
  type Vector,
} from 'apache-arrow';

/**
 * The Arrow type DuckDB-WASM (opened with castBigIntToDouble and castDecimalToDouble) gives for a
 * DuckDB type, so both engines return the same Arrow schema. Types without a simple Arrow mirror
 * (lists, structs, intervals, blobs...) become text.
 */
function arrowTypeFor(type: DuckDBType): DataType {
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN: return new Bool();
    case DuckDBTypeId.TINYINT: return new Int8();
    case DuckDBTypeId.SMALLINT: return new Int16();
    case DuckDBTypeId.INTEGER: return new Int32();
    case DuckDBTypeId.UTINYINT: return new Uint8();
    case DuckDBTypeId.USMALLINT: return new Uint16();
    case DuckDBTypeId.UINTEGER: return new Uint32();
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
    case DuckDBTypeId.DECIMAL:
    case DuckDBTypeId.DOUBLE: return new Float64();
    case DuckDBTypeId.FLOAT: return new Float32();
    case DuckDBTypeId.DATE: return new DateDay();
    case DuckDBTypeId.TIMESTAMP_S: return new TimestampSecond();
    case DuckDBTypeId.TIMESTAMP_MS: return new TimestampMillisecond();
    case DuckDBTypeId.TIMESTAMP: return new TimestampMicrosecond();
    case DuckDBTypeId.TIMESTAMP_NS: return new TimestampNanosecond();
    default: return new Utf8();
  }
}

/** Ticks of each timestamp type in its own unit: a JS Date would cut them to milliseconds. */
const TICKS: Partial<Record<DuckDBTypeId, (value: DuckDBValue) => bigint>> = {
  [DuckDBTypeId.TIMESTAMP_S]: (v) => (v as DuckDBTimestampSecondsValue).seconds,
  [DuckDBTypeId.TIMESTAMP_MS]: (v) => (v as DuckDBTimestampMillisecondsValue).millis,
  [DuckDBTypeId.TIMESTAMP]: (v) => (v as DuckDBTimestampValue).micros,
  [DuckDBTypeId.TIMESTAMP_NS]: (v) => (v as DuckDBTimestampNanosecondsValue).nanos,
};

/** node-api's JS values, except timestamps as their ticks. */
const toJs: DuckDBValueConverter<unknown> = (value, type) => {
  const ticks = TICKS[type.typeId];
  if (ticks && value !== null) return ticks(value);
  return JSDuckDBValueConverter(value, type, JSDuckDBValueConverter);
};

/** A timestamp column built from its ticks, so it keeps DuckDB's precision. */
function ticksVector(type: Timestamp, values: readonly unknown[]): Vector {
  const data = new BigInt64Array(values.length);
  const nullBitmap = new Uint8Array(Math.ceil(values.length / 8));
  let nullCount = 0;
  values.forEach((v, i) => {
    if (typeof v === 'bigint') {
      data[i] = v;
      nullBitmap[i >> 3]! |= 1 << (i & 7);
    } else nullCount++;
  });
  return makeVector(makeData({ type, length: values.length, nullCount, nullBitmap, data }));
}

/** Converts one JS value from node-api into what an Arrow builder of `type` accepts. */
function toArrowValue(value: unknown, type: DataType): unknown {
  if (value === null || value === undefined) return null;
  if (type instanceof Float64 || type instanceof Float32) return Number(value);
  if (type instanceof DateDay) {
    return value instanceof Date ? value.getTime() : Number(value);
  }
  if (type instanceof Utf8) return typeof value === 'string' ? value : stringify(value);
  if (typeof value === 'bigint') return Number(value);
  return value;
}

function stringify(value: unknown): string {
  if (typeof value === 'object') {
    return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v));
  }
  return String(value);
}

/** Builds an Arrow table (the app's Arrow) from a fully read node-api result. */
export function readerToArrow(reader: DuckDBResultReader): Table {
  const names = reader.columnNames();
  const types = reader.columnTypes().map(arrowTypeFor);
  const columns = reader.convertColumns(toJs);
  const vectors: Record<string, Vector> = {};
  names.forEach((name, i) => {
    const type = types[i]!;
    const column = columns[i] ?? [];
    vectors[uniqueName(name, vectors)] = TICKS[reader.columnTypeId(i)]
      ? ticksVector(type as Timestamp, column)
      : vectorFromArray(column.map((v) => toArrowValue(v, type)), type);
  });
  return new Table(vectors);
}

function uniqueName(name: string, taken: Record<string, unknown>): string {
  if (!(name in taken)) return name;
  let k = 1;
  while (`${name}_${k}` in taken) k++;
  return `${name}_${k}`;
}
