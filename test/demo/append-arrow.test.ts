import {
  Bool, DateDay, DateMillisecond, Dictionary, Float32, Float64, Int16, Int32, Int64, Int8, Table, TimestampMillisecond, Uint32,
  Utf8, makeVector, tableToIPC, vectorFromArray, type DataType,
} from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeDatabase } from '../../src/engine/native/native-database';

/**
 * The chunked Arrow → DuckDB append (src/engine/native/append-arrow.ts) across chunk boundaries
 * (2,048 rows), with nulls in every type and several record batches.
 */

const ROWS = 5000;
const isNull = (i: number) => i % 7 === 3;
const day = (i: number) => 19_000 + (i % 900);

function source(): Table {
  const values = <T>(make: (i: number) => T) => Array.from({ length: ROWS }, (_, i) => (isNull(i) ? null : make(i)));
  const column = (type: DataType, make: (i: number) => unknown) => vectorFromArray(values(make), type);
  return new Table({
    i8: column(new Int8(), (i) => (i % 200) - 100),
    i16: column(new Int16(), (i) => i - 2500),
    i32: column(new Int32(), (i) => i * 1000 - 7),
    i64: column(new Int64(), (i) => BigInt(i) * 10_000_000_000n),
    u32: column(new Uint32(), (i) => i * 3),
    f32: column(new Float32(), (i) => i / 4),
    f64: column(new Float64(), (i) => i / 3),
    bool: column(new Bool(), (i) => i % 3 === 0),
    day: column(new DateDay(), (i) => day(i) * 86_400_000),
    dayMs: column(new DateMillisecond(), (i) => day(i) * 86_400_000),
    ts: column(new TimestampMillisecond(), (i) => day(i) * 86_400_000 + i * 1000),
    text: column(new Utf8(), (i) => (i % 5 === 0 ? `华信（深圳）${i}` : `row ${i}`)),
    dict: makeVector(vectorFromArray(values((i) => ['正常', '关注', '次级'][i % 3]!), new Dictionary(new Utf8(), new Int32()))),
  });
}

describe('appending Arrow to native DuckDB', () => {
  let db: NativeDatabase;

  beforeAll(async () => {
    db = await NativeDatabase.open({ threads: 1 });
    const table = source();
    // two record batches, the second starting mid-chunk
    const split = new Table([...table.slice(0, 3001).batches, ...table.slice(3001).batches]);
    expect(split.batches.length).toBe(2);
    await db.insertArrow('t', tableToIPC(split, 'stream'));
  });

  afterAll(async () => {
    await db?.close();
  });

  it('creates the column types the demo tables rely on', async () => {
    // the full type mapping, against DuckDB-WASM, is test/engine's business; the demo writes these
    const columns = await db.query(`SELECT column_name AS c, data_type AS t FROM duckdb_columns() WHERE table_name = 't' ORDER BY column_index`);
    const types = Object.fromEntries(Array.from({ length: columns.numRows }, (_, i) => [columns.getChild('c')!.get(i), columns.getChild('t')!.get(i)]));
    expect(types).toMatchObject({ i32: 'INTEGER', i64: 'BIGINT', f64: 'DOUBLE', bool: 'BOOLEAN', day: 'DATE', text: 'VARCHAR', dict: 'VARCHAR' });
  });

  it('keeps every value and every null, in order, across chunks and batches', async () => {
    const result = await db.query(`
      SELECT i8, i16, i32, i64::VARCHAR AS i64, u32, f32, f64, bool, (day - DATE '1970-01-01') AS day,
             (dayMs - DATE '1970-01-01') AS dayMs, epoch_ms(ts) AS ts, text, dict FROM t`);
    expect(result.numRows).toBe(ROWS);
    const get = (name: string, i: number): unknown => {
      const v: unknown = result.getChild(name)!.get(i);
      return typeof v === 'bigint' ? Number(v) : v;
    };
    const mismatches: string[] = [];
    for (let i = 0; i < ROWS; i++) {
      const expected: Record<string, unknown> = isNull(i)
        ? Object.fromEntries(['i8', 'i16', 'i32', 'i64', 'u32', 'f32', 'f64', 'bool', 'day', 'dayMs', 'ts', 'text', 'dict'].map((k) => [k, null]))
        : {
            i8: (i % 200) - 100, i16: i - 2500, i32: i * 1000 - 7, i64: String(BigInt(i) * 10_000_000_000n), u32: i * 3, f32: i / 4,
            f64: i / 3, bool: i % 3 === 0, day: day(i), dayMs: day(i), ts: day(i) * 86_400_000 + i * 1000,
            text: i % 5 === 0 ? `华信（深圳）${i}` : `row ${i}`, dict: ['正常', '关注', '次级'][i % 3],
          };
      for (const [name, value] of Object.entries(expected)) {
        if (get(name, i) !== value) mismatches.push(`row ${i} ${name}: ${String(get(name, i))} ≠ ${String(value)}`);
      }
    }
    expect(mismatches.slice(0, 10)).toEqual([]);
  });
});
