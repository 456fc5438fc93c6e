/**
 * What DuckDB-WASM's Arrow insert does with awkward Arrow types, measured, and what the Parquet
 * reader stages instead. The "raw" expectations document DuckDB-WASM 1.32 (DuckDB 1.4.3): if an
 * upgrade changes one, this test fails and the conversion in arrow-column-plan.ts can be revisited.
 */
import {
  Decimal,
  Dictionary,
  Field,
  Float16,
  Int32,
  IntervalDayTime,
  LargeUtf8,
  List,
  makeData,
  makeVector,
  Null,
  Struct,
  Table,
  tableToIPC,
  TimeNanosecond,
  TimestampMillisecond,
  TimestampMicrosecond,
  DurationNanosecond,
  Uint64,
  Int64,
  Utf8,
  Binary,
  DateMillisecond,
  util,
  vectorFromArray,
  type DataType,
  type Vector,
} from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WasmDatabase } from '../../../src/engine/wasm/wasm-database';
import type { LoadIssue } from '../../../src/extract/issues';
import { stageParquet } from '../../../src/extract/readers/parquet-reader';
import { decimalWords, writeParquetTable } from '../../fixtures/build-fixtures';
import { startNodeWasmDatabase } from '../../support/wasm-node';
import { columnTypes, sourceOf, stagedRows } from './support';

const vec = <T extends DataType>(type: T, length: number, data: ArrayLike<number | bigint> | Uint32Array, nulls?: number[]): Vector => {
  let nullBitmap: Uint8Array | null = null;
  if (nulls?.length) {
    nullBitmap = new Uint8Array(Math.ceil(length / 8)).fill(0xff);
    for (const i of nulls) nullBitmap[i >> 3]! &= ~(1 << (i & 7));
  }
  return makeVector(makeData({ type, length, nullCount: nulls?.length ?? 0, nullBitmap, data } as never));
};
const decimals = (values: bigint[], precision: number, scale: number, bitWidth: 128 | 256) => {
  const stride = bitWidth / 32;
  const data = new Uint32Array(values.length * stride);
  values.forEach((v, i) => data.set(decimalWords(v, bitWidth), i * stride));
  return vec(new Decimal(scale, precision, bitWidth), values.length, data);
};

interface Case {
  name: string;
  vector: () => Vector;
  /** DuckDB-WASM's own insert: an error pattern, or the text of each value */
  raw: RegExp | Array<string | null>;
  staged: { type: string; values: Array<string | null> } | 'dropped';
  issue?: Partial<LoadIssue>;
}

const ms = (y: number, m: number, d: number, h = 0, mi = 0) => BigInt(Date.UTC(y, m - 1, d, h, mi));

const CASES: Case[] = [
  {
    name: 'Float16 is refused; widened to DOUBLE',
    vector: () => vec(new Float16(), 3, Uint16Array.from([1.5, 0.1, 0].map(util.float64ToUint16)), [2]),
    raw: /Unsupported Internal Arrow Type/,
    staged: { type: 'DOUBLE', values: ['1.5', '0.0999755859375', null] },
    issue: { code: 'converted-column-type', detail: { from: 'Float16', to: 'DOUBLE' } },
  },
  {
    name: 'Decimal256 beyond 38 digits is refused; staged as its exact text',
    vector: () => decimals([10n ** 39n + 1n, -5n], 40, 2, 256),
    raw: /Unsupported Internal Arrow Type for Decimal/,
    staged: { type: 'VARCHAR', values: ['10000000000000000000000000000000000000.01', '-0.05'] },
    issue: { code: 'converted-column-type', detail: { from: 'Decimal[40e+2]', to: 'VARCHAR' } },
  },
  {
    name: 'Decimal256 of 38 digits or fewer is refused; narrowed to DECIMAL',
    vector: () => decimals([123456n, -5n], 20, 2, 256),
    raw: /Unsupported Internal Arrow Type for Decimal/,
    staged: { type: 'DECIMAL(20,2)', values: ['1234.56', '-0.05'] },
    issue: { code: 'converted-column-type', detail: { from: 'Decimal[20e+2]', to: 'DECIMAL(20,2)' } },
  },
  {
    name: 'Interval(DAY_TIME) is read wrongly; left out',
    vector: () => vec(new IntervalDayTime(), 1, Int32Array.from([3, 5000])),
    raw: ['5965232:21:20.003'],
    staged: 'dropped',
    issue: { code: 'unsupported-column-type', severity: 'error', detail: { type: 'Interval<DAY_TIME>', reason: 'interval-not-year-month' } },
  },
  {
    name: 'Time in nanoseconds is cut to microseconds; staged as text',
    vector: () => vec(new TimeNanosecond(), 2, BigInt64Array.from([3_600_000_000_001n, 1_000n])),
    raw: ['01:00:00', '00:00:00.000001'],
    staged: { type: 'VARCHAR', values: ['01:00:00.000000001', '00:00:00.000001000'] },
    issue: { code: 'converted-column-type', detail: { from: 'Time64<NANOSECOND>', to: 'VARCHAR' } },
  },
  {
    name: 'Time in whole microseconds written as nanoseconds becomes TIME',
    vector: () => vec(new TimeNanosecond(), 1, BigInt64Array.from([3_600_000_001_000n])),
    raw: ['01:00:00.000001'],
    staged: { type: 'TIME', values: ['01:00:00.000001'] },
    issue: { code: 'converted-column-type', detail: { from: 'Time64<NANOSECOND>', to: 'TIME' } },
  },
  {
    name: 'Timestamp with a zone cannot become a DATE without ICU; staged as the wall clock there',
    vector: () => vec(new TimestampMillisecond('Asia/Shanghai'), 2, BigInt64Array.from([ms(2024, 3, 4, 16, 30), ms(2024, 3, 5, 1)])),
    raw: ['2024-03-04 16:30:00+00', '2024-03-05 01:00:00+00'],
    staged: { type: 'TIMESTAMP_MS', values: ['2024-03-05 00:30:00', '2024-03-05 09:00:00'] },
    issue: { code: 'converted-column-type', detail: { from: 'Timestamp<MILLISECOND, Asia/Shanghai>', to: 'TIMESTAMP_MS', timeZone: 'Asia/Shanghai' } },
  },
  {
    name: 'Timestamp in a zone with daylight saving follows the offset of each instant',
    vector: () => vec(new TimestampMicrosecond('America/New_York'), 2, BigInt64Array.from([ms(2024, 3, 10, 6, 30) * 1000n, ms(2024, 3, 10, 7, 30) * 1000n])),
    raw: ['2024-03-10 06:30:00+00', '2024-03-10 07:30:00+00'],
    staged: { type: 'TIMESTAMP', values: ['2024-03-10 01:30:00', '2024-03-10 03:30:00'] },
    issue: { code: 'converted-column-type', detail: { from: 'Timestamp<MICROSECOND, America/New_York>', to: 'TIMESTAMP', timeZone: 'America/New_York' } },
  },
  {
    name: 'Timestamp with a fixed offset',
    vector: () => vec(new TimestampMillisecond('+08:00'), 1, BigInt64Array.from([ms(2024, 3, 4, 16, 30)])),
    raw: ['2024-03-04 16:30:00+00'],
    staged: { type: 'TIMESTAMP_MS', values: ['2024-03-05 00:30:00'] },
    issue: { code: 'converted-column-type', detail: { from: 'Timestamp<MILLISECOND, +08:00>', to: 'TIMESTAMP_MS', timeZone: '+08:00' } },
  },
  {
    name: 'Timestamp in an unknown zone keeps the UTC clock and says so',
    vector: () => vec(new TimestampMillisecond('Mars/Olympus_Mons'), 1, BigInt64Array.from([ms(2024, 3, 4, 16, 30)])),
    raw: ['2024-03-04 16:30:00+00'],
    staged: { type: 'TIMESTAMP_MS', values: ['2024-03-04 16:30:00'] },
    issue: { code: 'converted-column-type', detail: { from: 'Timestamp<MILLISECOND, Mars/Olympus_Mons>', to: 'TIMESTAMP_MS', timeZone: 'UTC', unknownTimeZone: 'Mars/Olympus_Mons' } },
  },
  {
    name: 'a list of Float16 is refused; left out',
    vector: () => vectorFromArray([[1.5], [], null], new List(new Field('item', new Float16(), true))),
    raw: /Unsupported Internal Arrow Type/,
    staged: 'dropped',
    issue: { code: 'unsupported-column-type', severity: 'error', detail: { type: 'List<Float16>', reason: 'contains Float16' } },
  },
  {
    name: 'UInt64 beyond 2^63 is kept exactly',
    vector: () => vec(new Uint64(), 2, BigUint64Array.from([18446744073709551615n, 9007199254740993n])),
    raw: ['18446744073709551615', '9007199254740993'],
    staged: { type: 'UBIGINT', values: ['18446744073709551615', '9007199254740993'] },
  },
  {
    name: 'Int64 beyond 2^53 is kept exactly',
    vector: () => vec(new Int64(), 1, BigInt64Array.from([-9007199254740993n])),
    raw: ['-9007199254740993'],
    staged: { type: 'BIGINT', values: ['-9007199254740993'] },
  },
  {
    name: 'Decimal128 is kept',
    vector: () => decimals([-123456n, 10n ** 37n], 38, 2, 128),
    raw: ['-1234.56', '100000000000000000000000000000000000.00'],
    staged: { type: 'DECIMAL(38,2)', values: ['-1234.56', '100000000000000000000000000000000000.00'] },
  },
  {
    name: 'LargeUtf8 is kept as VARCHAR',
    vector: () => vectorFromArray(['甲', null, '乙'], new LargeUtf8()),
    raw: ['甲', null, '乙'],
    staged: { type: 'VARCHAR', values: ['甲', null, '乙'] },
  },
  {
    name: 'Binary is kept as BLOB',
    vector: () => vectorFromArray([Uint8Array.from([0, 255, 65])], new Binary()),
    raw: ['\\x00\\xFFA'],
    staged: { type: 'BLOB', values: ['\\x00\\xFFA'] },
  },
  {
    name: 'Date64 is kept as DATE',
    vector: () => vectorFromArray([new Date(Date.UTC(1900, 0, 1))], new DateMillisecond()),
    raw: ['1900-01-01'],
    staged: { type: 'DATE', values: ['1900-01-01'] },
  },
  {
    name: 'a dictionary of text is kept as VARCHAR',
    vector: () => vectorFromArray(['正常', '关注', '正常'], new Dictionary(new Utf8(), new Int32())),
    raw: ['正常', '关注', '正常'],
    staged: { type: 'VARCHAR', values: ['正常', '关注', '正常'] },
  },
];

describe('Arrow types in DuckDB-WASM and in the Parquet reader', () => {
  let db: WasmDatabase;
  beforeAll(async () => {
    db = await startNodeWasmDatabase();
  });
  afterAll(async () => db?.close());

  async function raw(vector: Vector): Promise<Array<string | null> | Error> {
    try {
      await db.insertArrow('raw', tableToIPC(new Table({ c: vector }), 'stream'));
      const result = await db.query('SELECT c::VARCHAR AS v FROM raw');
      return Array.from({ length: result.numRows }, (_, i) => result.getChild('v')!.get(i) as string | null);
    } catch (error) {
      return error as Error;
    }
  }

  it.each(CASES)('$name', async ({ vector, raw: expectedRaw, staged: expected, issue }) => {
    const measured = await raw(vector());
    if (expectedRaw instanceof RegExp) expect(String(measured)).toMatch(expectedRaw);
    else expect(measured).toEqual(expectedRaw);

    const column = vector();
    const ids = Array.from({ length: column.length }, (_v, i) => `C${i}`);
    const bytes = await writeParquetTable({ 客户号: vectorFromArray(ids, new Utf8()), c: column });
    const staged = await stageParquet(db, bytes, sourceOf('t.parquet', 'parquet', bytes), {});
    const rows = await stagedRows(db, staged.table);
    if (expected === 'dropped') {
      expect(staged.columns.map((c) => c.name)).toEqual(['客户号']);
    } else {
      expect(staged.columns.find((c) => c.name === 'c')?.type).toBe(expected.type);
      expect((await columnTypes(db, staged.table))['c']).toBe(expected.type);
      expect(rows.map((r) => r['c'])).toEqual(expected.values);
    }
    expect(rows.map((r) => r['__row'])).toEqual(rows.map((_r, i) => i + 1));
    if (issue) expect(staged.issues).toEqual([{ severity: 'warning', file: 't.parquet', column: 'c', ...issue }]);
    else expect(staged.issues).toEqual([]);
  });

  it('a TIMESTAMP WITH TIME ZONE column, as DuckDB-WASM would stage it, cannot give a date', async () => {
    await db.insertArrow('tz', tableToIPC(new Table({ c: vec(new TimestampMillisecond('Asia/Shanghai'), 1, BigInt64Array.from([0n])) }), 'stream'));
    expect((await columnTypes(db, 'tz'))['c']).toBe('TIMESTAMP WITH TIME ZONE');
    await expect(db.query('SELECT c::DATE FROM tz')).rejects.toThrow(/TIMESTAMP WITH TIME ZONE -> DATE/);
  });

  it('a Null column is staged as text rather than the INTEGER DuckDB-WASM would make of it', async () => {
    expect(await raw(vec(new Null(), 2, new Uint8Array(0)))).toEqual([null, null]);
    expect((await columnTypes(db, 'raw'))['c']).toBe('INTEGER');
  });

  it('a struct with two fields of the same name is refused by DuckDB-WASM', async () => {
    const type = new Struct([new Field('a', new Int32(), true), new Field('a', new Utf8(), true)]);
    expect(String(await raw(vectorFromArray([{ a: 1 }], type)))).toMatch(/duplicate name "a"/);
  });

  it('durations in nanoseconds are cut by DuckDB-WASM', async () => {
    expect(await raw(vec(new DurationNanosecond(), 2, BigInt64Array.from([1n, 60_000_000_000n])))).toEqual(['00:00:00', '00:01:00']);
  });
});
