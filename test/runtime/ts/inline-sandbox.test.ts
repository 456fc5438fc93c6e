import { tableFromArrays, tableFromIPC } from 'apache-arrow';
import { afterEach, describe, expect, it } from 'vitest';
import { InlineSandbox } from '../../../src/runtime/ts/inline-sandbox';
import { cell, fakeDatabase, request, shown, table, value } from './support';

let sandbox: InlineSandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

function open(db = fakeDatabase(), timeLimitMs?: number) {
  sandbox = new InlineSandbox({ query: db.query, ...(timeLimitMs ? { timeLimitMs } : {}) });
  return { sandbox, db };
}

describe('running a cell', () => {
  it('returns its value\'s display, digest and time', async () => {
    const { sandbox } = open();
    const result = await sandbox.run(request('answer', 'const x: number = 6;\nreturn x * 7;'));
    expect(result).toMatchObject({ ok: true, display: { kind: 'value', text: '42', type: 'number' }, digest: { rows: 1, columns: { value: { sum: 42, min: 42, max: 42 } } } });
    expect(result.ms).toBeGreaterThanOrEqual(0);
  });

  it('sees inputs by name', async () => {
    const { sandbox } = open();
    const result = await sandbox.run(request('score', 'const w = weights as Record<string, number>;\nreturn w.a * 10 + cutoff;', { weights: value({ a: 0.4 }), cutoff: value(1) }));
    expect(shown(result)).toBe('5');
  });

  it('queries with bound parameters and gets an Arrow table', async () => {
    const { sandbox, db } = open();
    const result = await sandbox.run(request('q', 'const t = await sql`SELECT * FROM loans WHERE region = ${region} AND id IN (${ids})`;\nreturn t.getChild("params")!.get(0) + " | " + t.numRows;', { region: value("east'--"), ids: value([1, 2]) }));
    expect(db.log).toEqual([{ sql: 'SELECT * FROM loans WHERE region = ? AND id IN (?, ?)', params: ["east'--", 1, 2] }]);
    expect(shown(result)).toBe('["east\'--",1,2] | 1');
  });

  it('accepts sql(text, params) too', async () => {
    const { sandbox, db } = open();
    await sandbox.run(request('q2', 'return await sql("SELECT ? AS x", [5]);'));
    expect(db.log[0]).toEqual({ sql: 'SELECT ? AS x', params: [5] });
  });

  it('gives a table result as IPC, for SQL cells to query', async () => {
    const { sandbox } = open();
    const result = await sandbox.run(request('t', 'return [{ tier: "A", n: 2 }, { tier: "B", n: 5 }];'));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.display).toMatchObject({ kind: 'table', rows: 2 });
    expect(tableFromIPC(result.tableIpc!).toArray().map((r) => r.toJSON())).toEqual([{ tier: 'A', n: 2 }, { tier: 'B', n: 5 }]);
  });

  it('keeps going after a cell fails', async () => {
    const { sandbox } = open();
    expect(shown(await sandbox.run(request('bad', 'throw new Error("no");')))).toBe('error: no');
    expect(shown(await sandbox.run(request('good', 'return 1;')))).toBe('1');
  });
});

describe('inputs and values in the sandbox', () => {
  it('fetches a table input once per version, then reuses it', async () => {
    const { sandbox, db } = open(fakeDatabase({ loans: tableFromArrays({ amount: new Float64Array([1, 2, 3]) }) }));
    const sum = 'let s = 0;\nfor (const v of numbersOf(loans, "amount")) s += v;\nreturn s;';
    expect(shown(await sandbox.run(request('a', sum, { loans: table('loans', 1) })))).toBe('6');
    expect(shown(await sandbox.run(request('b', 'return loans.numRows;', { loans: table('loans', 1) })))).toBe('3');
    expect(db.log.map((q) => q.sql)).toEqual(['SELECT * FROM "loans"']);
    await sandbox.run(request('b', 'return loans.numRows;', { loans: table('loans', 2) }));
    expect(db.log).toHaveLength(2);
  });

  it('quotes a table input\'s name when it fetches it', async () => {
    const { sandbox, db } = open(fakeDatabase({ 'we"ird': tableFromArrays({ x: new Float64Array([1]) }) }));
    expect(shown(await sandbox.run(request('w', 'return t.numRows;', { t: table('we"ird', 1) })))).toBe('1');
    expect(db.log[0]!.sql).toBe('SELECT * FROM "we""ird"');
  });

  it('passes a TypeScript cell\'s value to another as the same object, never through the page', async () => {
    const { sandbox } = open();
    const a = request('lookup', 'return new Map([["A", 1]]);');
    await sandbox.run(a);
    const result = await sandbox.run(request('use', 'return lookup instanceof Map && lookup.get("A") === 1;', { lookup: cell('lookup', a.version) }));
    expect(shown(result)).toBe('true');
  });

  it('keeps the newest version when an older run finishes last', async () => {
    const { sandbox, db } = open();
    const oldRun = sandbox.run(request('x', 'await sql`SELECT gate`;\nreturn "old";', {}, 2));
    expect(shown(await sandbox.run(request('x', 'return "new";', {}, 3)))).toBe('new');
    db.openGate();
    expect(shown(await oldRun)).toBe('old');
    expect(shown(await sandbox.run(request('y', 'return x;', { x: cell('x', 3) })))).toBe('new');
  });

  it('forgets a value on request', async () => {
    const { sandbox } = open();
    const a = request('gone', 'return 1;');
    await sandbox.run(a);
    sandbox.forget('gone');
    expect(shown(await sandbox.run(request('after', 'return gone;', { gone: cell('gone', a.version) })))).toBe('error: gone has no value in the sandbox: run gone first');
  });

  it('re-makes values after a reset by re-running their last good runs', async () => {
    const { sandbox, db } = open();
    const a = request('base', 'const t = await sql`SELECT 1`;\nreturn t.numRows * 21;');
    await sandbox.run(a);
    await sandbox.reset();
    const before = sandbox.generation;
    expect(shown(await sandbox.run(request('double', 'return base * 2;', { base: cell('base', a.version) })))).toBe('42');
    expect(db.log).toHaveLength(2); // base ran again in the new sandbox
    expect(sandbox.generation).toBe(before);
  });
});

describe('errors on the cell', () => {
  it('a syntax error, at its line and column', async () => {
    const { sandbox } = open();
    expect(await sandbox.run(request('s', 'const a = 1;\nconst b: number = ;'))).toMatchObject({ ok: false, error: { message: 'Unexpected token', line: 2, column: 19 } });
  });

  it('a name no cell defines, at its first use', async () => {
    const { sandbox } = open();
    expect(await sandbox.run(request('u', 'const a = 1;\nreturn a + missing;'))).toMatchObject({ ok: false, error: { message: 'missing is not defined (no cell or input has that name)', line: 2, column: 12 } });
    expect(await sandbox.run(request('f', 'return fetch("https://example.com");'))).toMatchObject({ ok: false, error: { message: 'fetch is not available in TypeScript cells', line: 1, column: 8 } });
  });

  it('a run-time error, at the line and column in the cell (types and all)', async () => {
    const { sandbox } = open();
    const result = await sandbox.run(request('r', 'const rows: { v: number }[] = [];\n\n  const first = (rows[0] as { v: number }).v;\nreturn first;'));
    expect(result).toMatchObject({ ok: false, error: { message: "TypeError: Cannot read properties of undefined (reading 'v')", line: 3, column: 44 } });
  });

  it('an error thrown in a function the cell defines, at the throw', async () => {
    const { sandbox } = open();
    const result = await sandbox.run(request('g', 'function check(x: number) {\n  if (x < 0) throw new RangeError("negative weight");\n  return x;\n}\nreturn check(-1);'));
    expect(result).toMatchObject({ ok: false, error: { message: 'RangeError: negative weight', line: 2, column: 20 } }); // V8 points at `new`
  });

  it('an error after an await, inside a callback, at the callback\'s line', async () => {
    const { sandbox } = open();
    const result = await sandbox.run(request('cb', 'const t = await sql`SELECT 1`;\nconst rows: { v?: { w: number } }[] = [{}];\nreturn rows.map((r) =>\n  r.v!.w);'));
    expect(result).toMatchObject({ ok: false, error: { message: "TypeError: Cannot read properties of undefined (reading 'w')", line: 4, column: 8 } });
  });

  it('a failed query, at the sql call', async () => {
    const { sandbox } = open();
    const result = await sandbox.run(request('e', 'const ok = 1;\nconst t = await sql`SELECT fail`;\nreturn t;'));
    expect(result).toMatchObject({ ok: false, error: { message: 'Parser Error: syntax error at or near "fail"', line: 2 } });
  });

  it('a function in a chart\'s options, at the mark', async () => {
    const { sandbox } = open();
    const result = await sandbox.run(request('c', 'const rows = [{ a: 1 }];\nreturn Plot.plot({ marks: [Plot.dot(rows, { x: (d: { a: number }) => d.a })] });'));
    expect(result).toMatchObject({ ok: false, error: { message: 'charts take column names, not functions, in TypeScript cells (dot options.x)', line: 2, column: 33 } }); // at `dot`
  });

  it('a thrown non-Error', async () => {
    const { sandbox } = open();
    expect(shown(await sandbox.run(request('t', 'throw "plain text";')))).toBe('error: Uncaught plain text');
  });
});

describe('stopping', () => {
  it('an aborted run ends as stopped, cancels its query and starts a fresh sandbox', async () => {
    const { sandbox, db } = open();
    await sandbox.run(request('kept', 'return 1;'));
    const generation = sandbox.generation;
    const controller = new AbortController();
    const running = sandbox.run(request('h', 'await sql`SELECT hang`;\nreturn 1;'), controller.signal);
    await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    expect(await running).toMatchObject({ ok: false, error: { message: 'Stopped.' } });
    expect(db.aborted).toEqual(['SELECT hang']);
    expect(sandbox.generation).toBe(generation + 1);
  });

  it('a run already aborted does not start', async () => {
    const { sandbox, db } = open();
    const controller = new AbortController();
    controller.abort();
    expect(await sandbox.run(request('n', 'await sql`SELECT 1`;'), controller.signal)).toMatchObject({ ok: false, error: { message: 'Stopped.' }, ms: 0 });
    expect(db.log).toEqual([]);
  });

  it('the time limit stops a run that takes too long', async () => {
    const { sandbox } = open(fakeDatabase(), 50);
    expect(await sandbox.run(request('slow', 'await sql`SELECT hang`;'))).toMatchObject({ ok: false, error: { message: 'Stopped after 0.05 s (the time limit).' } });
    expect(shown(await sandbox.run(request('next', 'return 2;')))).toBe('2');
  });

  it('a closed sandbox runs nothing', async () => {
    const { sandbox } = open();
    await sandbox.close();
    expect(shown(await sandbox.run(request('z', 'return 1;')))).toBe('error: The sandbox is closed.');
  });
});
