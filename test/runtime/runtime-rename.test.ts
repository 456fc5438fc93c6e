import { tableToIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { cellId } from '../../src/notebook/document';
import { compileTsCell, isCompileError } from '../../src/runtime/ts/compile';
import { InlineSandbox } from '../../src/runtime/ts/inline-sandbox';
import { runsOf, slider, sql, text, ts, useRuntimeDatabase } from './runtime-support';

const { db, runtime } = useRuntimeDatabase();

/** Whether DuckDB holds a cell's temporary table under `name`. */
async function hasCellTable(name: string): Promise<boolean> {
  const found = await db().query("SELECT count(*) AS n FROM duckdb_tables() WHERE database_name = 'temp' AND table_name = ?", [name]);
  return Number(found.getChild('n')!.get(0)) > 0;
}

const errorOf = (rt: ReturnType<typeof runtime>['rt'], id: string) => rt.state(cellId(id))?.error?.message;

describe('renaming a cell', () => {
  it('re-runs a SQL cell under its new name, drops the old table, and runs the readers of either name against what now exists', async () => {
    const { rt } = runtime();
    const readers = [sql('new-reader', 'new_reader', 'SELECT count(*) AS n FROM fresh'), sql('old-reader', 'old_reader', 'SELECT count(*) AS n FROM stale_name'), ts('ts-reader', 'ts_reader', 'fresh')];
    rt.setCells([sql('s', 'stale_name', 'SELECT * FROM loans WHERE id < 3'), ...readers]);
    await rt.idle();
    expect(errorOf(rt, 'new-reader')).toMatch(/fresh does not exist/);
    expect(text(rt, 'old-reader')).toBe('1 rows');
    rt.runs.clear();
    rt.setCells([sql('s', 'fresh', 'SELECT * FROM loans WHERE id < 3'), ...readers]);
    await rt.idle();
    expect(runsOf(rt)).toEqual({ s: 1, 'new-reader': 1, 'old-reader': 1, 'ts-reader': 1 });
    expect(rt.state(cellId('s'))).toMatchObject({ status: 'done', display: { kind: 'relation', table: 'fresh', rows: 3 } });
    expect(await hasCellTable('fresh')).toBe(true);
    expect(await hasCellTable('stale_name')).toBe(false);
    expect(rt.state(cellId('new-reader'))).toMatchObject({ status: 'done', display: { rows: 1 } });
    expect(Number((await db().query('SELECT n FROM temp.main.new_reader')).getChild('n')!.get(0))).toBe(3);
    expect(errorOf(rt, 'old-reader')).toMatch(/stale_name does not exist/);
    expect(text(rt, 'ts-reader')).toBe('"table:fresh"');
  });

  it('keeps a TypeScript cell’s value only under its new name', async () => {
    const { rt, sandbox } = runtime();
    const readers = [ts('new-reader', 'doubled', 'fresh_value * 2'), ts('old-reader', 'old_reader', 'old_value')];
    rt.setCells([ts('v', 'old_value', '21'), ...readers]);
    await rt.idle();
    rt.runs.clear();
    rt.setCells([ts('v', 'fresh_value', '21'), ...readers]);
    await rt.idle();
    expect(runsOf(rt)).toEqual({ v: 1, 'new-reader': 1, 'old-reader': 1 });
    expect(sandbox.values.get('fresh_value')).toBe(21);
    expect(sandbox.values.has('old_value')).toBe(false);
    expect(text(rt, 'new-reader')).toBe('42');
    expect(errorOf(rt, 'old-reader')).toMatch(/old_value is not defined/);
  });

  it('drops what a TypeScript cell renamed while running left under its old name', async () => {
    const { rt, sandbox } = runtime();
    rt.setCells([ts('v', 'before_value', '5')]);
    await rt.idle();
    let release!: () => void;
    sandbox.hold = new Promise((r) => (release = r));
    rt.setCells([ts('v', 'before_value', '6')]);
    await new Promise((r) => setTimeout(r, 10));
    expect(rt.state(cellId('v'))?.status).toBe('running');
    rt.setCells([ts('v', 'after_value', '6'), ts('reader', 'reader', 'after_value + 1')]);
    sandbox.hold = null;
    release();
    await rt.idle();
    expect(sandbox.values.has('before_value')).toBe(false);
    expect(sandbox.values.get('after_value')).toBe(6);
    expect(text(rt, 'reader')).toBe('7');
  });

  it('publishes a TypeScript table under its new name for SQL cells, and drops the old one', async () => {
    const sandbox = new InlineSandbox({ query: async (q, params) => tableToIPC(await db().query(q, params), 'stream') });
    const compileTs = (source: string) => {
      const compiled = compileTsCell(source);
      return isCompileError(compiled) ? compiled : { references: compiled.references };
    };
    const { rt } = runtime(sandbox, compileTs);
    const readers = [sql('new-reader', 'ts_new_reader', 'SELECT count(*) AS n FROM ts_fresh'), sql('old-reader', 'ts_old_reader', 'SELECT count(*) AS n FROM ts_before')];
    const body = 'return sql`SELECT id FROM loans WHERE id < 4`;';
    rt.setCells([ts('t', 'ts_before', body), ...readers]);
    await rt.idle();
    expect(await hasCellTable('ts_before')).toBe(true);
    rt.setCells([ts('t', 'ts_fresh', body), ...readers]);
    await rt.idle();
    expect(rt.state(cellId('t'))?.status).toBe('done');
    expect(await hasCellTable('ts_before')).toBe(false);
    expect(Number((await db().query('SELECT n FROM temp.main.ts_new_reader')).getChild('n')!.get(0))).toBe(4);
    expect(errorOf(rt, 'old-reader')).toMatch(/ts_before does not exist/);
    await sandbox.close();
  });

  it('gives an input’s value to the readers of its new name only', async () => {
    const { rt } = runtime();
    const readers = [sql('q', 'above', 'SELECT count(*) AS n FROM loans WHERE balance > $limit_new'), ts('old-reader', 'old_reader', 'limit_old')];
    rt.setCells([slider('w', 'limit_old', 40), ...readers]);
    await rt.idle();
    rt.setCells([slider('w', 'limit_new', 40), ...readers]);
    await rt.idle();
    expect([...rt.inputValues()]).toEqual([['limit_new', 40]]);
    expect(Number((await db().query('SELECT n FROM temp.main.above')).getChild('n')!.get(0))).toBe(5);
    expect(errorOf(rt, 'old-reader')).toMatch(/limit_old is not defined/);
  });

  it('swaps two SQL cells’ names: each table holds the other cell’s result and their readers follow', async () => {
    const { rt } = runtime();
    const reader = ts('r', 'r', 'swap_p');
    rt.setCells([sql('a', 'swap_p', 'SELECT 1 AS v'), sql('b', 'swap_q', 'SELECT 2 AS v'), sql('pr', 'pr', 'SELECT v FROM swap_p')]);
    await rt.idle();
    rt.setCells([sql('a', 'swap_q', 'SELECT 1 AS v'), sql('b', 'swap_p', 'SELECT 2 AS v'), sql('pr', 'pr', 'SELECT v FROM swap_p'), reader]);
    await rt.idle();
    const value = async (table: string) => Number((await db().query(`SELECT v FROM temp.main.${table}`)).getChild('v')!.get(0));
    expect([await value('swap_p'), await value('swap_q'), await value('pr')]).toEqual([2, 1, 2]);
  });

  it('swaps two inputs’ names without losing either value', async () => {
    const { rt } = runtime();
    rt.setCells([slider('a', 'in_x', 1), slider('b', 'in_y', 2), ts('r', 'r', '[in_x, in_y]')]);
    await rt.idle();
    rt.setCells([slider('a', 'in_y', 1), slider('b', 'in_x', 2), ts('r', 'r', '[in_x, in_y]')]);
    await rt.idle();
    expect(Object.fromEntries(rt.inputValues())).toEqual({ in_x: 2, in_y: 1 });
    expect(text(rt, 'r')).toBe('[2,1]');
  });

  it('lets the other cell of a name defined twice run once one of them is renamed', async () => {
    const { rt } = runtime();
    rt.setCells([ts('x1', 'dup', '1'), ts('x2', 'dup', '2'), ts('r', 'r', 'dup + 10')]);
    await rt.idle();
    expect(errorOf(rt, 'x1')).toMatch(/more than one cell/);
    rt.setCells([ts('x1', 'dup', '1'), ts('x2', 'other', '2'), ts('r', 'r', 'dup + 10')]);
    await rt.idle();
    expect([text(rt, 'x1'), text(rt, 'x2'), text(rt, 'r')]).toEqual(['1', '2', '11']);
    // and back: renaming into a taken name makes both cells errors again
    rt.setCells([ts('x1', 'dup', '1'), ts('x2', 'dup', '2'), ts('r', 'r', 'dup + 10')]);
    await rt.idle();
    expect(errorOf(rt, 'x1')).toMatch(/more than one cell/);
    expect(errorOf(rt, 'x2')).toMatch(/more than one cell/);
    // and the reader does not go on with what x1's earlier run left under the name
    expect(errorOf(rt, 'r')).toMatch(/Waits for dup, which has an error/);
  });
});
