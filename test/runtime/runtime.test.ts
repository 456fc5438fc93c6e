import { describe, expect, it } from 'vitest';
import { cellId } from '../../src/notebook/document';
import { md, runsOf, slider, sql, text, ts, useRuntimeDatabase } from './runtime-support';

const { db, runtime } = useRuntimeDatabase();

describe('the notebook runtime', () => {
  it('runs cells in dependency order, whatever the page order, each once', async () => {
    const { rt } = runtime();
    rt.setCells([ts('c3', 'total', 'big * 2'), sql('c2', 'big', 'SELECT * FROM loans WHERE balance > $min'), slider('c1', 'min', 40), md('m', '# Title')]);
    await rt.idle();
    expect(rt.state(cellId('c2'))).toMatchObject({ status: 'done', display: { kind: 'relation', rows: 5 } });
    expect(text(rt, 'c3')).toBe('null');
    expect(runsOf(rt)).toEqual({ c1: 1, c2: 1, c3: 1, m: 1 });
  });

  it('re-runs exactly the cells downstream of a moved input, once each', async () => {
    const { rt } = runtime();
    rt.setCells([slider('w', 'w', 10), ts('a', 'a', 'w * 2'), ts('b', 'b', 'a + w'), ts('other', 'other', '42'), sql('s', 'rows', 'SELECT count(*) AS n FROM loans')]);
    await rt.idle();
    rt.runs.clear();
    rt.setInput('w', 20);
    await rt.idle();
    expect(runsOf(rt)).toEqual({ w: 1, a: 1, b: 1 });
    expect(text(rt, 'b')).toBe('60');
  });

  it('lets the latest input win: a superseded TypeScript run is dropped, the cell runs again with the new value', async () => {
    const { rt, sandbox } = runtime();
    rt.setCells([slider('w', 'w', 1), ts('a', 'a', 'w * 100')]);
    await rt.idle();
    let release!: () => void;
    sandbox.hold = new Promise((r) => (release = r));
    rt.setInput('w', 2);
    await new Promise((r) => setTimeout(r, 10));
    expect(rt.state(cellId('a'))?.status).toBe('running');
    rt.setInput('w', 3);
    sandbox.hold = null;
    release();
    await rt.idle();
    expect(text(rt, 'a')).toBe('300');
    expect(rt.state(cellId('a'))?.status).toBe('done');
  });

  it('cancels a superseded SQL query in DuckDB and runs the new one', async () => {
    const { rt } = runtime();
    rt.setCells([slider('n', 'n', 1), sql('q', 'slow', 'SELECT count(*) AS c FROM range(3000000000) t(x) WHERE x * 7 % 1000003 = $n')]);
    await new Promise((r) => setTimeout(r, 300));
    expect(rt.state(cellId('q'))?.status).toBe('running');
    const started = Date.now();
    rt.setCells([slider('n', 'n', 1), sql('q', 'slow', 'SELECT 7 AS c WHERE $n = 1')]);
    await rt.idle();
    expect(Date.now() - started).toBeLessThan(5000);
    expect(rt.state(cellId('q'))).toMatchObject({ status: 'done', display: { rows: 1 } });
  });

  it('shows errors on their cell with line and column, blocks only what reads it, and keeps the rest working', async () => {
    const { rt } = runtime();
    rt.setCells([
      sql('bad', 'bad', 'SELECT *\nFROM loans\nWHERE nosuch > 1'),
      ts('reader', 'reader', 'bad'),
      sql('good', 'good', 'SELECT sum(balance) AS s FROM loans'),
    ]);
    await rt.idle();
    expect(rt.state(cellId('bad'))).toMatchObject({ status: 'error', error: { line: 3, column: 7, message: expect.stringMatching(/nosuch/) } });
    expect(rt.state(cellId('reader'))).toMatchObject({ status: 'error', error: { message: expect.stringMatching(/Waits for bad/) } });
    expect(rt.state(cellId('good'))).toMatchObject({ status: 'done' });
  });

  it('reports a cycle and a name defined twice on the cells involved only', async () => {
    const { rt } = runtime();
    rt.setCells([ts('a', 'a', 'b + 1'), ts('b', 'b', 'a + 1'), ts('x1', 'x', '1'), ts('x2', 'x', '2'), ts('ok', 'ok', '5')]);
    await rt.idle();
    expect(rt.state(cellId('a'))?.error?.message).toMatch(/circle: (a → b → a|b → a → b)/);
    expect(rt.state(cellId('b'))?.status).toBe('error');
    expect(rt.state(cellId('x1'))?.error?.message).toMatch(/x is defined by more than one cell/);
    expect(rt.state(cellId('x2'))?.status).toBe('error');
    expect(text(rt, 'ok')).toBe('5');
  });

  it('re-runs a cell whose text changed and what reads it, and drops a deleted cell’s table', async () => {
    const { rt } = runtime();
    rt.setCells([sql('s', 'top', 'SELECT * FROM loans WHERE id < 3'), ts('t', 't', 'top'), ts('u', 'u', '1')]);
    await rt.idle();
    rt.runs.clear();
    rt.setCells([sql('s', 'top', 'SELECT * FROM loans WHERE id < 5'), ts('t', 't', 'top'), ts('u', 'u', '1')]);
    await rt.idle();
    expect(runsOf(rt)).toEqual({ s: 1, t: 1 });
    expect(rt.state(cellId('s'))).toMatchObject({ display: { rows: 5 } });
    rt.setCells([ts('u', 'u', '1')]);
    await rt.idle();
    await expect(db().query('SELECT * FROM temp.main.top')).rejects.toThrow(/top/);
  });

  it('refuses a cell named like a loaded table, and $inputs that are not inputs', async () => {
    const { rt } = runtime();
    rt.setCells([sql('s', 'loans', 'SELECT 1'), ts('t', 't', '3'), sql('q', 'q', 'SELECT $t AS x')]);
    await rt.idle();
    expect(rt.state(cellId('s'))?.error?.message).toMatch(/taken by a loaded table/);
    expect(rt.state(cellId('q'))?.error?.message).toMatch(/\$t must name/);
  });

  it('runs nothing in review mode until asked', async () => {
    const { rt } = runtime();
    rt.autoRun = false;
    rt.setCells([ts('a', 'a', '1'), sql('s', 's', 'SELECT 1 AS x')]);
    await rt.idle();
    expect(rt.runs.size).toBe(0);
    expect(rt.state(cellId('s'))?.status).toBe('stale');
    await rt.runAll();
    expect(runsOf(rt)).toEqual({ a: 1, s: 1 });
  });

  it('digests SQL results independently of row order and notices a changed value', async () => {
    const { rt } = runtime();
    rt.setCells([sql('a', 'asc', 'SELECT * FROM loans ORDER BY id'), sql('d', 'desc', 'SELECT * FROM loans ORDER BY id DESC')]);
    await rt.idle();
    const first = await rt.digests();
    expect(first['asc']).toEqual(first['desc']);
    expect(first['asc']).toMatchObject({ rows: 10, columns: { balance: { sum: 450, min: 0, max: 90 } } });
    rt.setCells([sql('a', 'asc', 'SELECT id, CASE WHEN id = 3 THEN 31 ELSE balance END AS balance FROM loans'), sql('d', 'desc', 'SELECT * FROM loans ORDER BY id DESC')]);
    const second = await rt.digests();
    expect(second['asc']!.hash).not.toBe(first['asc']!.hash);
    expect(second['asc']!.columns!['balance']!.sum).toBe(451);
  });
});

describe('the runtime and loaded data', () => {
  it('re-runs the cells reading a table when that table is loaded again, and only those', async () => {
    const { rt } = runtime();
    rt.setCells([sql('s', 'n', 'SELECT count(*) AS c FROM loans'), ts('t', 't', 'n'), ts('u', 'u', '7')]);
    await rt.idle();
    rt.runs.clear();
    await db().exec('INSERT INTO loans VALUES (10, 100.0)');
    rt.dataChanged(['loans']);
    await rt.idle();
    expect(runsOf(rt)).toEqual({ s: 1, t: 1 });
    rt.dataChanged(['customers']);
    await rt.idle();
    expect(runsOf(rt)).toEqual({ s: 1, t: 1 });
  });
});
