import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableToIPC, tableFromArrays, type Table } from 'apache-arrow';
import type { Database } from '../../src/engine/database';
import { isCancellation } from '../../src/engine/database';
import { NativeDatabase } from '../../src/engine/native/native-database';
import { startNodeWasmDatabase } from '../support/wasm-node';

/** Rows as plain values, so results from two engines compare with toEqual. */
function rows(table: Table): unknown[][] {
  const out: unknown[][] = [];
  for (let i = 0; i < table.numRows; i++) {
    out.push(table.schema.fields.map((_f, c) => {
      const v: unknown = table.getChildAt(c)!.get(i);
      return typeof v === 'bigint' ? Number(v) : v;
    }));
  }
  return out;
}

function schema(table: Table): string[] {
  return table.schema.fields.map((f) => `${f.name}:${String(f.type)}`);
}

const CSV = [
  '客户号,客户名称,贷款余额,贷款日期',
  'C001,甲公司,1200.5,2024-03-05',
  'C002,"乙公司, 有限",300,2024-01-31',
  'C003,丙公司,,2023-12-01',
].join('\n');

const QUERIES = [
  `SELECT 42 AS i, 7::BIGINT AS big, 12.5::DECIMAL(10,2) AS dec, 3::TINYINT AS tiny, 1.5::FLOAT AS f,
          'x' AS s, true AS b, DATE '2024-03-05' AS d, NULL::VARCHAR AS n`,
  `SELECT sum(x) AS s, avg(x) AS a, count(*) AS c FROM range(1000) t(x)`,
  `SELECT * FROM read_csv('files/loans.csv', header = true) ORDER BY 1`,
  `SELECT x % 3 AS g, count(*) AS n, sum(x)::DOUBLE AS s FROM range(100) t(x) GROUP BY g ORDER BY g`,
  `SELECT * FROM imported ORDER BY id`,
];

describe('the WASM and native engines', () => {
  let wasm: Database;
  let native: Database;

  beforeAll(async () => {
    [wasm, native] = await Promise.all([startNodeWasmDatabase(), NativeDatabase.open({ threads: 1 })]);
    const ipc = tableToIPC(tableFromArrays({ id: Int32Array.from([2, 1]), name: ['b', 'a'], v: Float64Array.from([0.5, 1.5]) }), 'stream');
    for (const db of [wasm, native]) {
      await db.registerFile('files/loans.csv', new TextEncoder().encode(CSV));
      await db.insertArrow('imported', ipc.slice());
    }
  });

  afterAll(async () => {
    await Promise.all([wasm?.close(), native?.close()]);
  });

  it.each(QUERIES)('return the same schema and rows for %s', async (sql) => {
    const [a, b] = await Promise.all([wasm.query(sql), native.query(sql)]);
    expect(schema(b)).toEqual(schema(a));
    expect(rows(b)).toEqual(rows(a));
    expect(a.numRows).toBeGreaterThan(0);
  });

  it('bind prepared parameters the same way', async () => {
    const sql = 'SELECT ?::VARCHAR AS a, ? + 1 AS b, ? AS c';
    for (const db of [wasm, native]) {
      const statement = await db.prepare(sql);
      const first = rows(await statement.query(['x', 41, true]));
      const second = rows(await statement.query(["it's", 1.5, false]));
      await statement.close();
      expect(first).toEqual([['x', 42, true]]);
      expect(second).toEqual([["it's", 2.5, false]]);
    }
  });

  it('list the same tables and columns', async () => {
    const [a, b] = await Promise.all([wasm.tables(), native.tables()]);
    expect(b).toEqual(a);
    expect(a.map((t) => t.name)).toContain('imported');
  });

  it('report SQL errors with DuckDB message', async () => {
    for (const db of [wasm, native]) {
      await expect(db.query('SELECT * FROM no_such_table')).rejects.toThrow(/no_such_table/);
    }
  });

  it('fail at once, without a download, when a query needs an extension', async () => {
    for (const db of [wasm, native]) {
      await expect(db.query("SELECT * FROM read_parquet('nothing.parquet')")).rejects.toThrow();
    }
    await expect(wasm.query('LOAD httpfs')).rejects.toThrow(/disabled/);
    await expect(wasm.query("SELECT * FROM read_csv('http://127.0.0.1:9/x.csv')")).rejects.toThrow(/disabled/);
    await expect(wasm.query('SET enable_external_access = true')).rejects.toThrow(/locked/);
  });

  it('cancel a running query and keep the connection and its tables', async () => {
    for (const db of [wasm, native]) {
      const controller = new AbortController();
      const started = Date.now();
      const running = db.query(
        'SELECT count(*) FROM range(2000000000) a WHERE a.range * 7 % 1000003 = -1',
        [],
        { signal: controller.signal },
      );
      setTimeout(() => controller.abort(), 200);
      const error: unknown = await running.catch((e: unknown) => e);
      expect(isCancellation(error)).toBe(true);
      expect(Date.now() - started).toBeLessThan(5_000);
      const after = await db.query('SELECT count(*) AS n FROM imported');
      expect(Number(after.getChild('n')!.get(0))).toBe(2);
    }
  });
});

describe('variables bound with a query', () => {
  it('reach getvariable() in both engines, typed, in the same turn as the query', async () => {
    for (const db of [await startNodeWasmDatabase(), await NativeDatabase.open({ threads: 1 })]) {
      const t = await db.query(
        "SELECT getvariable('w') * 2 AS x, getvariable('label') AS s, typeof(getvariable('w')) AS ty, typeof(getvariable('d')) AS dt, getvariable('d') + 1 AS next",
        [],
        { variables: { w: 2.5, label: "战略级 'x'", d: { date: '2025-12-31' } } },
      );
      expect(rows(t)).toEqual([[5, "战略级 'x'", 'DOUBLE', 'DATE', Date.UTC(2026, 0, 1)]]);
      await db.close();
    }
  });
});
