import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/engine/database';
import { NativeDatabase } from '../../src/engine/native/native-database';
import { tableDigest } from '../../src/runtime/sql/sql-digest';
import { cellTableColumns, cellTableSql } from '../../src/runtime/sql/sql-cell';
import { startNodeWasmDatabase } from '../support/wasm-node';

/**
 * A replay on native DuckDB must reproduce digests saved in the browser (DuckDB-WASM). The one
 * difference found between the engines' canonical text: native DuckDB writes a TIMESTAMPTZ in
 * the session's time zone (ICU), DuckDB-WASM in UTC.
 */
const TABLE = `CREATE OR REPLACE TEMP TABLE t AS SELECT * FROM (VALUES
  (1, TIMESTAMPTZ '2024-01-01 00:00:00+00', TIMESTAMP '2024-01-01 00:00:00'),
  (2, TIMESTAMPTZ '2024-06-30 23:59:59.123456+08', TIMESTAMP '2024-06-30 23:59:59.123456'),
  (3, TIMESTAMPTZ '1969-12-31 23:59:59.5+00', NULL),
  (4, NULL, TIMESTAMP '2000-02-29 12:00:00'),
  (5, TIMESTAMPTZ 'infinity', NULL)) AS v(id, instant, local_at)`;

let native: Database;
let wasm: Database;
beforeAll(async () => {
  native = await NativeDatabase.open({ threads: 1 });
  await native.exec("SET TimeZone = 'Asia/Shanghai'"); // a reviewer's machine in China
  wasm = await startNodeWasmDatabase();
  for (const db of [native, wasm]) await db.exec(TABLE);
}, 60_000);
afterAll(async () => {
  await native?.close();
  await wasm?.close();
});

const digestOf = async (db: Database) => tableDigest(db, cellTableSql('t'), await cellTableColumns(db, 't'));

describe('digests of time-zoned timestamps on both engines', () => {
  it('the engines write a TIMESTAMPTZ differently (so a plain cast could not be the canonical text)', async () => {
    const text = async (db: Database) => String((await db.query('SELECT CAST(instant AS VARCHAR) AS s FROM t WHERE id = 1')).getChild('s')!.get(0));
    expect(await text(native)).toBe('2024-01-01 08:00:00+08');
    expect(await text(wasm)).toBe('2024-01-01 00:00:00+00');
  });

  it('the digest is the same on native DuckDB in Shanghai as on DuckDB-WASM', async () => {
    const [a, b] = [await digestOf(native), await digestOf(wasm)];
    expect(a.rows).toBe(5);
    expect(a).toEqual(b);
  });

  it('infinity is not taken for a missing value', async () => {
    const before = await digestOf(native);
    await native.exec('UPDATE t SET instant = NULL WHERE id = 5');
    expect((await digestOf(native)).hash).not.toBe(before.hash);
    await native.exec("UPDATE t SET instant = TIMESTAMPTZ 'infinity' WHERE id = 5");
  });

  it('and it still sees a changed instant', async () => {
    const before = await digestOf(native);
    await native.exec("UPDATE t SET instant = instant + INTERVAL 1 SECOND WHERE id = 2");
    expect((await digestOf(native)).hash).not.toBe(before.hash);
    await native.exec("UPDATE t SET instant = instant - INTERVAL 1 SECOND WHERE id = 2");
  });
});
