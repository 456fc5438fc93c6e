import {
  DataType,
  DurationMicrosecond,
  IntervalUnit,
  Precision,
  TimeMicrosecond,
  TimeUnit,
  type Data,
  type Decimal,
  type Float16,
  type Timestamp,
  type Vector,
} from 'apache-arrow';
import {
  decimal256To128,
  decimalInteger,
  decimalText,
  durationNanosText,
  fitsDecimal128,
  float16ToFloat64,
  nanosToMicros,
  nullToText,
  timeNanosText,
  toText,
  toWallClock,
  wholeMicros,
} from './arrow-convert';
import { zoneOffsets } from './time-zone';

/**
 * What happens to an Arrow column before DuckDB-WASM's Arrow insert, as measured with DuckDB-WASM
 * 1.32 (DuckDB 1.4.3; test/extract/readers/parquet-types.test.ts):
 * - refused, the whole insert fails: Float16, Decimal256, anything nested holding them, a struct
 *   with two fields of the same name;
 * - taken wrongly, without an error: Interval(DAY_TIME) (3 days 5 s read as 5965232 hours);
 *   Time and Duration in nanoseconds (cut to microseconds); a Null column becomes INTEGER;
 * - taken, but unusable without ICU: Timestamp with a time zone (TIMESTAMPTZ cannot become a DATE).
 * Everything else (integers up to UInt64, Decimal128, dates, times, timestamps, durations in
 * s/ms/µs, YearMonth intervals, Utf8/LargeUtf8, binaries, dictionaries, lists, structs, maps) is
 * kept as it is.
 */
export type ColumnPlan =
  | { readonly action: 'keep' }
  | { readonly action: 'convert'; readonly to: string; readonly convert: (data: Data) => Data; readonly detail?: Readonly<Record<string, string>> }
  | { readonly action: 'drop'; readonly reason: string };

const KEEP: ColumnPlan = { action: 'keep' };
type Verdict = 'keep' | 'convert' | 'drop';

/** What a type needs, regardless of its values; nested types can only be kept or dropped. */
function verdict(type: DataType): Verdict {
  if (DataType.isNull(type)) return 'convert';
  if (DataType.isFloat(type)) return type.precision === Precision.HALF ? 'convert' : 'keep';
  if (DataType.isDecimal(type)) return type.bitWidth === 128 && type.scale >= 0 && type.scale <= type.precision ? 'keep' : 'convert';
  if (DataType.isTime(type) || DataType.isDuration(type)) return type.unit === TimeUnit.NANOSECOND ? 'convert' : 'keep';
  if (DataType.isTimestamp(type)) return type.timezone ? 'convert' : 'keep';
  if (DataType.isInterval(type)) return type.unit === IntervalUnit.YEAR_MONTH ? 'keep' : 'drop';
  if (DataType.isUnion(type)) return 'drop';
  if (DataType.isDictionary(type)) return verdict(type.dictionary) === 'keep' ? 'keep' : 'drop';
  if (hasDuplicateFields(type)) return 'drop';
  const children = type.children ?? [];
  return children.every((c) => verdict(c.type) === 'keep') ? 'keep' : 'drop';
}

/** The first type inside `type` that DuckDB-WASM cannot take. */
function culprit(type: DataType): string {
  if (DataType.isDictionary(type)) return culprit(type.dictionary);
  for (const child of type.children ?? []) if (verdict(child.type) !== 'keep') return culprit(child.type);
  return String(type);
}

function hasDuplicateFields(type: DataType): boolean {
  const names = DataType.isStruct(type) ? type.children.map((c) => c.name) : [];
  return new Set(names).size !== names.length;
}

/** Why a column cannot be staged, for its 'unsupported-column-type' issue. */
function dropReason(type: DataType): string {
  if (DataType.isInterval(type)) return 'interval-not-year-month';
  if (DataType.isUnion(type)) return 'union';
  if (hasDuplicateFields(type)) return 'duplicate-field-names';
  return `contains ${culprit(type)}`;
}

/** How to stage a column so DuckDB-WASM takes every value exactly (see ColumnPlan). */
export function planColumn(vector: Vector): ColumnPlan {
  const type = vector.type as DataType;
  const v = verdict(type);
  if (v === 'keep') return KEEP;
  if (v === 'drop') return { action: 'drop', reason: dropReason(type) };
  return convertPlan(type, vector.data);
}

function convertPlan(type: DataType, chunks: readonly Data[]): ColumnPlan {
  if (DataType.isNull(type)) return { action: 'convert', to: 'VARCHAR', convert: nullToText };
  if (DataType.isFloat(type)) return { action: 'convert', to: 'DOUBLE', convert: (d) => float16ToFloat64(d as Data<Float16>) };
  if (DataType.isDecimal(type)) {
    const decimals = chunks as readonly Data<Decimal>[];
    if (type.bitWidth === 256 && type.precision <= 38 && type.scale >= 0 && type.scale <= type.precision && fitsDecimal128(decimals)) {
      return { action: 'convert', to: `DECIMAL(${type.precision},${type.scale})`, convert: (d) => decimal256To128(d as Data<Decimal>) };
    }
    const scale = type.scale;
    return { action: 'convert', to: 'VARCHAR', convert: (d) => toText(d, (i) => decimalText(decimalInteger(d as Data<Decimal>, i), scale)) };
  }
  if (DataType.isTime(type)) {
    if (wholeMicros(chunks)) return { action: 'convert', to: 'TIME', convert: (d) => nanosToMicros(d, new TimeMicrosecond()) };
    return { action: 'convert', to: 'VARCHAR', convert: (d) => toText(d, (i) => timeNanosText((d.values as BigInt64Array)[i]!)) };
  }
  if (DataType.isDuration(type)) {
    if (wholeMicros(chunks)) return { action: 'convert', to: 'INTERVAL', convert: (d) => nanosToMicros(d, new DurationMicrosecond()) };
    return { action: 'convert', to: 'VARCHAR', convert: (d) => toText(d, (i) => durationNanosText((d.values as BigInt64Array)[i]!)) };
  }
  if (DataType.isTimestamp(type)) {
    const zone = type.timezone ?? 'UTC';
    const offsets = zoneOffsets(zone);
    const to = ['TIMESTAMP_S', 'TIMESTAMP_MS', 'TIMESTAMP', 'TIMESTAMP_NS'][type.unit]!;
    // An unknown zone name: keep the UTC clock time, and say so rather than guess an offset.
    return {
      action: 'convert',
      to,
      convert: (d) => toWallClock(d as Data<Timestamp>, offsets ?? (() => 0)),
      detail: { timeZone: offsets ? zone : 'UTC', ...(offsets ? {} : { unknownTimeZone: zone }) },
    };
  }
  return { action: 'drop', reason: `contains ${String(type)}` };
}
