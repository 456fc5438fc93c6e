import {
  Bool, DateDay, DateMillisecond, Decimal, Float32, Int16, Int64, Int8, Table, TimestampMicrosecond, TimestampMillisecond,
  TimestampNanosecond, TimestampSecond, Uint16, Uint32, Uint64, Uint8, Utf8, makeData, makeVector, tableToIPC, vectorFromArray,
  type DataType, type Vector,
} from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/engine/database';
import { NativeDatabase } from '../../src/engine/native/native-database';
import { decimalWords } from '../fixtures/build-fixtures';
import { startNodeWasmDatabase } from '../support/wasm-node';

/**
 * The same Arrow IPC inserted through native DuckDB (append-plan.ts) and DuckDB-WASM's
 * insertArrowFromIPCStream must give the same table: column types, the Arrow a query returns
 * (BIGINT and DECIMAL as Float64 by design), and the exact text of every value, which doubles
 * would hide. 2,500 rows, so every column crosses a 2,048-row chunk and starts a chunk mid-buffer.
 */

const ROWS = 2500;
const isNull = (i: number) => i % 7 === 6;

/** A column cycling through `values`, null every seventh row, built from its raw Arrow buffer. */
function column<T extends DataType>(type: T, values: readonly bigint[] | readonly number[], stride = 1): Vector {
  const nullBitmap = new Uint8Array(Math.ceil(ROWS / 8)).fill(0xff);
  let nullCount = 0;
  for (let i = 0; i < ROWS; i++) if (isNull(i)) (nullBitmap[i >> 3]! &= ~(1 << (i & 7))), nullCount++;
  const Array_ = type.ArrayType as new (n: number) => { [k: number]: unknown; set(a: ArrayLike<unknown>, at: number): void };
  const data = new Array_(ROWS * stride);
  for (let i = 0; i < ROWS; i++) {
    const value = values[i % values.length]!;
    if (stride === 1) data[i] = value;
    else data.set(decimalWords(value as bigint, 128), i * stride);
  }
  return makeVector(makeData({ type, length: ROWS, nullCount, nullBitmap, data } as never));
}

const decimal = (precision: number, scale: number, unscaled: bigint[]) => column(new Decimal(scale, precision, 128), unscaled, 4);
const MAX_I64 = 2n ** 63n - 1n;

/** Columns both engines must store alike. */
function parityTable(): Table {
  const texts = ['甲公司', '', 'C001', '华信（深圳）"引号"', 'x'];
  return new Table({
    dec18_2: decimal(18, 2, [100_000_000n, -5n, 123_456_789_012_345_678n, -999_999_999_999_999_999n, 0n]),
    dec38_4: decimal(38, 4, [10n ** 37n, -1n, -(10n ** 38n - 1n), 123_456_789_012_345_678_901n, 0n]),
    dec9_3: decimal(9, 3, [123_456_789n, -1n, -999_999_999n, 1000n]),
    dec4_0: decimal(4, 0, [9999n, -9999n, 12n, -3n]),
    dec19_0: decimal(19, 0, [MAX_I64, -MAX_I64 - 1n, 10n ** 18n]),
    i64: column(new Int64(), [2n ** 53n - 1n, 2n ** 53n + 1n, -(2n ** 53n) - 1n, MAX_I64, -MAX_I64 - 1n, 0n]),
    u64: column(new Uint64(), [2n ** 53n + 1n, 2n ** 63n - 1n, 2n ** 63n, 2n ** 63n + 1n, 2n ** 64n - 1n, 0n]),
    u8: column(new Uint8(), [0, 255, 7]),
    u16: column(new Uint16(), [0, 65535, 7]),
    u32: column(new Uint32(), [0, 4_294_967_295, 7]),
    day: column(new DateDay(), [0, 19_787, -25_567, 2_932_896]),
    date64: column(new DateMillisecond(), [0n, 1_709_596_800_000n, -2_208_988_800_000n, 43_200_000n, -1n, -43_200_000n]),
    ts_s: column(new TimestampSecond(), [0n, 1_709_641_845n, -1n]),
    ts_us: column(new TimestampMicrosecond(), [0n, 1_709_641_845_123_456n, -1n, 1_001n]),
    ts_ns: column(new TimestampNanosecond(), [0n, 1_709_641_845_123_456_789n, -1n, 1_001n]),
    text: vectorFromArray(Array.from({ length: ROWS }, (_, i) => (isNull(i) ? null : texts[i % texts.length]!)), new Utf8()),
    flag: vectorFromArray(Array.from({ length: ROWS }, (_, i) => (isNull(i) ? null : i % 3 === 0)), new Bool()),
  });
}

/** Columns native DuckDB widens on purpose (append-plan.ts): same values, wider types. */
function widenedTable(): Table {
  return new Table({
    i8: column(new Int8(), [-128, 127, 0]),
    i16: column(new Int16(), [-32768, 32767, 0]),
    f32: column(new Float32(), [0.1, -1.5, 3.4e38]),
    ts_ms: column(new TimestampMillisecond(), [0n, 1_709_641_845_123n, -1n]),
  });
}

/** Rows as plain values, so results from two engines compare with toEqual. */
function rows(table: Table): unknown[][] {
  return Array.from({ length: table.numRows }, (_, i) =>
    table.schema.fields.map((_f, c) => {
      const v: unknown = table.getChildAt(c)!.get(i);
      return typeof v === 'bigint' ? Number(v) : v;
    }),
  );
}

/**
 * DuckDB-WASM's castDecimalToDouble is not always the nearest double (DECIMAL(4,4) 0.0006 comes
 * back as 0.0006000000000000001); native DuckDB's is. Exactness is checked through VARCHAR.
 */
function sameDouble(a: unknown, b: unknown): boolean {
  if (typeof a !== 'number' || typeof b !== 'number') return Object.is(a, b);
  return Math.abs(a - b) <= 4 * Number.EPSILON * Math.max(Math.abs(a), Math.abs(b));
}

const schema = (table: Table) => table.schema.fields.map((f) => `${f.name}:${String(f.type)}`);

async function columnTypes(db: Database, table: string): Promise<Record<string, string>> {
  const result = await db.query(`SELECT column_name AS c, data_type AS t FROM duckdb_columns() WHERE table_name = '${table}' ORDER BY column_index`);
  return Object.fromEntries(rows(result).map(([c, t]) => [c, t]));
}

/** Every value's DuckDB type and exact text, row by row. */
async function exactTexts(db: Database, table: string): Promise<unknown[][]> {
  const names = Object.keys(await columnTypes(db, table));
  const select = names.map((n) => `typeof("${n}") AS "${n}_type", "${n}"::VARCHAR AS "${n}"`).join(', ');
  return rows(await db.query(`SELECT ${select} FROM ${table}`));
}

describe('an Arrow table inserted into native DuckDB and DuckDB-WASM', () => {
  let wasm: Database;
  let native: Database;

  beforeAll(async () => {
    [wasm, native] = await Promise.all([startNodeWasmDatabase(), NativeDatabase.open({ threads: 1 })]);
    const parity = tableToIPC(parityTable(), 'stream');
    const widened = tableToIPC(widenedTable(), 'stream');
    for (const db of [wasm, native]) {
      await db.insertArrow('parity', parity.slice());
      await db.insertArrow('widened', widened.slice());
    }
  });

  afterAll(async () => {
    await Promise.all([wasm?.close(), native?.close()]);
  });

  it('gets the same column types', async () => {
    const [a, b] = await Promise.all([columnTypes(wasm, 'parity'), columnTypes(native, 'parity')]);
    expect(b).toEqual(a);
    expect(a).toMatchObject({ dec18_2: 'DECIMAL(18,2)', dec38_4: 'DECIMAL(38,4)', u64: 'UBIGINT', ts_ns: 'TIMESTAMP_NS' });
  });

  it('gives every value the same type and exact text', async () => {
    const [a, b] = await Promise.all([exactTexts(wasm, 'parity'), exactTexts(native, 'parity')]);
    expect(b.length).toBe(ROWS);
    const mismatches = b.flatMap((row, i) => (JSON.stringify(row) === JSON.stringify(a[i]) ? [] : [`row ${i}: ${JSON.stringify(row)} ≠ ${JSON.stringify(a[i])}`]));
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it('keeps decimals scaled and big integers exact', async () => {
    const sql = `SELECT dec18_2::VARCHAR AS d, dec38_4::VARCHAR AS d38, i64::VARCHAR AS i, u64::VARCHAR AS u, date64::VARCHAR AS dt, ts_us::VARCHAR AS ts
                 FROM parity WHERE rowid IN (0, 2, 3, 4) ORDER BY rowid`;
    const expected = [
      ['1000000.00', '1000000000000000000000000000000000.0000', '9007199254740991', '9007199254740993', '1970-01-01', '1970-01-01 00:00:00'],
      ['1234567890123456.78', '-9999999999999999999999999999999999.9999', '-9007199254740993', '9223372036854775808', '1900-01-01', '1969-12-31 23:59:59.999999'],
      ['-9999999999999999.99', '12345678901234567.8901', '9223372036854775807', '9223372036854775809', '1970-01-01', '1970-01-01 00:00:00.001001'],
      ['0.00', '0.0000', '-9223372036854775808', '18446744073709551615', '1970-01-01', '1970-01-01 00:00:00'],
    ];
    for (const db of [wasm, native]) expect(rows(await db.query(sql))).toEqual(expected);
  });

  it('returns the same Arrow for a query, BIGINT and DECIMAL as Float64', async () => {
    const [a, b] = await Promise.all([wasm.query('SELECT * FROM parity'), native.query('SELECT * FROM parity')]);
    expect(schema(b)).toEqual(schema(a));
    const decimal = a.schema.fields.map((f) => f.name.startsWith('dec'));
    const [expected, received] = [rows(a), rows(b)];
    const mismatches: string[] = [];
    received.forEach((row, i) => row.forEach((value, c) => {
      const other = expected[i]![c];
      const same = decimal[c] ? sameDouble(value, other) : Object.is(value, other);
      if (!same) mismatches.push(`row ${i} ${a.schema.fields[c]!.name}: ${String(value)} ≠ ${String(other)}`);
    }));
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(expected[0]!.slice(0, 2)).toEqual([1_000_000, 1e33]);
  });

  it('sums and compares alike, exactly', async () => {
    const sql = `SELECT sum(dec18_2)::VARCHAR AS a, min(dec38_4)::VARCHAR AS b, max(dec38_4)::VARCHAR AS b2, sum(u64::HUGEINT)::VARCHAR AS c, sum(i64::HUGEINT)::VARCHAR AS d,
                        count(*) FILTER (WHERE u64 > 9223372036854775807) AS e, count(*) FILTER (WHERE dec18_2 < 0) AS f, count(flag) AS g`;
    const [a, b] = await Promise.all([wasm.query(`${sql} FROM parity`), native.query(`${sql} FROM parity`)]);
    expect(rows(b)).toEqual(rows(a));
  });

  it('widens Int8, Int16, Float32 and Timestamp(ms) natively where DuckDB-WASM keeps the width; values agree', async () => {
    expect(await columnTypes(wasm, 'widened')).toEqual({ i8: 'TINYINT', i16: 'SMALLINT', f32: 'FLOAT', ts_ms: 'TIMESTAMP_MS' });
    expect(await columnTypes(native, 'widened')).toEqual({ i8: 'INTEGER', i16: 'INTEGER', f32: 'DOUBLE', ts_ms: 'TIMESTAMP' });
    const sql = 'SELECT i8, i16, f32::DOUBLE AS f32, epoch_us(ts_ms) AS ts, ts_ms::VARCHAR AS text FROM widened';
    const [a, b] = await Promise.all([wasm.query(sql), native.query(sql)]);
    expect(rows(b)).toEqual(rows(a));
  });

  it('refuse a Decimal256 alike', async () => {
    const words = new Uint32Array(8);
    words.set(decimalWords(5n, 128));
    const ipc = tableToIPC(new Table({ d: makeVector(makeData({ type: new Decimal(2, 20, 256), length: 1, data: words })) }), 'stream');
    for (const db of [wasm, native]) await expect(db.insertArrow('d256', ipc.slice())).rejects.toThrow(/Unsupported Internal Arrow Type for Decimal/);
  });
});
