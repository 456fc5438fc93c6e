import { tableFromArrays } from 'apache-arrow';
import { afterEach, describe, expect, it } from 'vitest';
import { cellId } from '../../../src/notebook/document';
import { inlineEndpoints } from '../../../src/runtime/ts/inline-sandbox';
import { SandboxHost } from '../../../src/runtime/ts/sandbox-host';
import { cell, fakeDatabase, request, shown, table } from './support';

/**
 * The worker's rule, in Node: a sandbox runs only the code it was started with, so a cell with new
 * code starts the next sandbox, which takes the values it needs from the one it replaced.
 */
let sandbox: SandboxHost | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

function open(db = fakeDatabase()) {
  sandbox = new SandboxHost({ query: db.query }, inlineEndpoints({ fixedCode: true }));
  return { sandbox, db };
}

describe('sandboxes that only run the code they started with', () => {
  it('start a new sandbox for a cell with new code', async () => {
    const { sandbox } = open();
    await sandbox.run(request('a', 'return 1;'));
    const first = sandbox.generation;
    await sandbox.run(request('a', 'return 1;'));
    expect(sandbox.generation).toBe(first);
    await sandbox.run(request('a', 'return 2;'));
    expect(sandbox.generation).toBe(first + 1);
  });

  it('copy plain values and tables from the replaced sandbox instead of re-running their cells', async () => {
    const { sandbox, db } = open();
    const data = request('data', 'const t = await sql`SELECT 1`;\nreturn { n: t.numRows, tiers: ["A", "B"], at: new Date(0), m: new Map([["k", 1]]) };');
    const tbl = request('tbl', 'await sql`SELECT 2`;\nreturn Arrow.tableFromArrays({ x: new Float64Array([1, 2, 3]) });');
    await sandbox.run(data);
    await sandbox.run(tbl);
    const queries = db.log.length;
    const result = await sandbox.run(request('use', 'return `${data.n} ${data.tiers.join("")} ${data.at.getTime()} ${data.m.get("k")} ${tbl.numRows}`;', { data: cell('data', data.version), tbl: cell('tbl', tbl.version) }));
    expect(shown(result)).toBe('1 AB 0 1 3');
    expect(db.log).toHaveLength(queries);
  });

  it('re-run a cell whose value would not survive a copy (a class instance)', async () => {
    const { sandbox, db } = open();
    const made = request('made', 'await sql`SELECT 3`;\nclass Scale { constructor(readonly k: number) {} apply(v: number) { return v * this.k; } }\nreturn new Scale(3);');
    await sandbox.run(made);
    const queries = db.log.length;
    expect(shown(await sandbox.run(request('use2', 'return made.apply(2);', { made: cell('made', made.version) })))).toBe('6');
    expect(db.log).toHaveLength(queries + 1);
  });

  it('load every prepared cell\'s code in one sandbox', async () => {
    const { sandbox } = open();
    const a = request('pa', 'return 1;');
    const b = request('pb', 'return pa + 1;', { pa: cell('pa', a.version) });
    const c = request('pc', 'return pb + 1;', { pb: cell('pb', b.version) });
    sandbox.prepare([a, b, c].map((r) => ({ cell: r.cell, source: r.source })));
    await sandbox.run(a);
    const generation = sandbox.generation;
    await sandbox.run(b);
    expect(shown(await sandbox.run(c))).toBe('3');
    expect(sandbox.generation).toBe(generation);
  });

  it('load only the cells of the latest prepared list (a deleted cell\'s code is dropped)', async () => {
    const { sandbox } = open();
    const a = request('la', 'return 1;');
    const b = request('lb', 'return 2;');
    sandbox.prepare([a, b].map((r) => ({ cell: r.cell, source: r.source })));
    await sandbox.run(a);
    await sandbox.run(b);
    const generation = sandbox.generation;
    sandbox.prepare([{ cell: a.cell, source: 'return 10;' }]); // lb was deleted from the notebook...
    sandbox.forget('lb'); // ...and the runtime forgets its value
    await sandbox.run(request('la', 'return 10;'));
    expect(sandbox.generation).toBe(generation + 1);
    await sandbox.run(request('lb', 'return 2;')); // lb's code was dropped with it: another sandbox
    expect(sandbox.generation).toBe(generation + 2);
  });

  it('skip a prepared cell that does not compile', async () => {
    const { sandbox } = open();
    sandbox.prepare([{ cell: cellId('broken'), source: 'return (' }]);
    expect(shown(await sandbox.run(request('fine', 'return 1;')))).toBe('1');
  });

  it('fetch a table again in a new sandbox, once', async () => {
    const { sandbox, db } = open(fakeDatabase({ loans: tableFromArrays({ x: new Float64Array([1]) }) }));
    await sandbox.run(request('t1', 'return loans.numRows;', { loans: table('loans', 1) }));
    await sandbox.run(request('t2', 'return loans.numRows + 1;', { loans: table('loans', 1) }));
    expect(db.log.filter((q) => q.sql === 'SELECT * FROM "loans"')).toHaveLength(2);
  });

  it('after a reset, re-make values by re-running (the replaced sandbox is gone too)', async () => {
    const { sandbox, db } = open();
    const a = request('r1', 'await sql`SELECT 4`;\nreturn 20;');
    await sandbox.run(a);
    await sandbox.run(request('r2', 'return 0;'));
    await sandbox.reset();
    const queries = db.log.length;
    expect(shown(await sandbox.run(request('r3', 'return r1 + 1;', { r1: cell('r1', a.version) })))).toBe('21');
    expect(db.log).toHaveLength(queries + 1);
  });

  it('say so when a value at that version is gone for good', async () => {
    const { sandbox } = open();
    const v1 = request('gone', 'return 1;');
    await sandbox.run(v1);
    await sandbox.run(request('gone', 'return 2;'));
    expect(shown(await sandbox.run(request('old', 'return gone;', { gone: cell('gone', v1.version) })))).toBe('error: gone has no value in the sandbox: run gone first');
  });
});
