import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/engine/database';
import { EngineDiedError, isEngineDeath } from '../../src/engine/engine-death';
import { RecoveringDatabase } from '../../src/engine/recovering-database';
import { killableNative, type KillableEngine } from './support/mortal-native';

/** Engines handed out in order; a factory may be told to fail. */
function factory(options: { failFrom?: number } = {}) {
  const started: KillableEngine[] = [];
  const start = async () => {
    if (options.failFrom !== undefined && started.length >= options.failFrom) throw new Error('no memory for a new worker');
    const engine = await killableNative();
    started.push(engine);
    return engine;
  };
  return { started, start };
}

/** The events a RecoveringDatabase sent, in order. */
function events(db: RecoveringDatabase): string[] {
  const seen: string[] = [];
  for (const type of ['died', 'recovered', 'recovery-failed']) db.addEventListener(type, (e) => seen.push(`${type}${(e as CustomEvent).detail ? `: ${(e as CustomEvent).detail}` : ''}`));
  return seen;
}

/** Resolves when the database has seen its engine die (death is noticed asynchronously). */
const deathOf = (db: RecoveringDatabase) => new Promise<void>((resolve) => db.addEventListener('died', () => resolve(), { once: true }));

const count = async (db: Database, sql: string) => Number((await db.query(sql)).getChildAt(0)!.get(0));

let open: RecoveringDatabase[] = [];
afterEach(async () => {
  for (const db of open) await db.close().catch(() => undefined);
  open = [];
});

async function recovering(start: () => Promise<KillableEngine>, restore?: (db: Database) => Promise<void>) {
  const db = await RecoveringDatabase.start(start);
  if (restore) db.restore = restore;
  open.push(db);
  return db;
}

describe('RecoveringDatabase', () => {
  it('rejects a call the dead engine will never answer, restores the tables into a new engine, and runs later calls there', async () => {
    const f = factory();
    // the restorer makes a table of 5 rows; the first engine's own table has 3, so the count tells which engine answered
    const db = await recovering(f.start, async (fresh) => fresh.exec('CREATE TABLE t AS SELECT range AS x FROM range(5)'));
    const seen = events(db);
    await db.exec('CREATE TABLE t AS SELECT range AS x FROM range(3)');
    expect(await count(db, 'SELECT count(*) FROM t')).toBe(3);

    f.started[0]!.vanish();
    const hanging = db.query('SELECT 1');
    f.started[0]!.confirm('the worker stopped answering');
    await expect(hanging).rejects.toBeInstanceOf(EngineDiedError);
    await db.settled();
    expect(f.started).toHaveLength(2);
    expect(f.started[0]!.disposed).toBe(true);
    expect(await count(db, 'SELECT count(*) FROM t')).toBe(5);
    expect(seen).toEqual(['died: the worker stopped answering', 'recovered']);
    expect(db.deaths).toBe(1);
    expect(db.status).toBe('ready');
  });

  it('holds calls made while it recovers and runs them on the new engine once its tables are back', async () => {
    const f = factory();
    let release: () => void = () => undefined;
    const restoring = new Promise<void>((r) => (release = r));
    const db = await recovering(f.start, async (fresh) => {
      await restoring;
      await fresh.exec('CREATE TABLE t AS SELECT 42 AS x');
    });
    f.started[0]!.vanish();
    f.started[0]!.confirm();
    await new Promise((r) => setTimeout(r, 20));
    expect(db.status).toBe('recovering');
    const waiting = db.query('SELECT x FROM t'); // t exists only after the restore
    release();
    expect(Number((await waiting).getChildAt(0)!.get(0))).toBe(42);
  });

  it('treats a WebAssembly trap in a reply as the engine’s death, but an ordinary SQL error as a failed query', async () => {
    const f = factory();
    const db = await recovering(f.start, async (fresh) => fresh.exec('CREATE TABLE t AS SELECT 7 AS x'));
    const seen = events(db);
    await expect(db.query('SELECT * FROM no_such_table')).rejects.toThrow(/no_such_table/);
    expect(seen).toEqual([]);
    expect(f.started).toHaveLength(1);

    f.started[0]!.trapNext();
    const trapped = await db.query('SELECT 1').catch((e: unknown) => e);
    expect(trapped).toBeInstanceOf(EngineDiedError);
    expect(isEngineDeath(trapped)).toBe(true);
    await db.settled();
    expect(seen).toEqual(['died: unreachable executed', 'recovered']);
    expect(await count(db, 'SELECT x FROM t')).toBe(7);
  });

  it('tries another engine when the new one dies while its tables are being restored', async () => {
    const f = factory();
    let restores = 0;
    const db = await recovering(f.start, async (fresh) => {
      restores++;
      if (restores === 1) f.started[1]!.trapNext();
      await fresh.exec('CREATE TABLE t AS SELECT 1 AS x');
    });
    const died = deathOf(db);
    f.started[0]!.vanish();
    f.started[0]!.confirm();
    await died;
    await db.settled();
    expect(f.started).toHaveLength(3);
    expect(restores).toBe(2);
    expect(f.started[1]!.disposed).toBe(true);
    expect(await count(db, 'SELECT x FROM t')).toBe(1);
  });

  it('says so when no new engine can be started, and calls then fail instead of waiting', async () => {
    const f = factory({ failFrom: 1 });
    const db = await recovering(f.start);
    const seen = events(db);
    const died = deathOf(db);
    f.started[0]!.vanish();
    f.started[0]!.confirm();
    await died;
    await expect(db.settled()).rejects.toBeInstanceOf(EngineDiedError);
    expect(db.status).toBe('failed');
    expect(seen).toEqual(['died: the worker stopped answering', 'recovery-failed: no memory for a new worker']);
    await expect(db.query('SELECT 1')).rejects.toBeInstanceOf(EngineDiedError);
  });

  it('prepares a statement again on the new engine', async () => {
    const f = factory();
    const db = await recovering(f.start, async (fresh) => fresh.exec('CREATE TABLE t AS SELECT range AS x FROM range(10)'));
    await db.exec('CREATE TABLE t AS SELECT range AS x FROM range(4)');
    const statement = await db.prepare('SELECT count(*) FROM t WHERE x < ?');
    expect(Number((await statement.query([2])).getChildAt(0)!.get(0))).toBe(2);
    const died = deathOf(db);
    f.started[0]!.vanish();
    f.started[0]!.confirm();
    await died;
    await db.settled();
    expect(Number((await statement.query([8])).getChildAt(0)!.get(0))).toBe(8);
    await statement.close();
  });

  it('does not restart after being closed', async () => {
    const f = factory();
    const db = await RecoveringDatabase.start(f.start);
    const seen = events(db);
    await db.close();
    f.started[0]!.confirm('closed by the test');
    await new Promise((r) => setTimeout(r, 20));
    expect(seen).toEqual([]);
    expect(f.started).toHaveLength(1);
  });
});
