import { describe, expect, it } from 'vitest';
import { cellId, type Cell, type CellId } from '../../src/notebook/document';
import { CellSlots, type Slot } from '../../src/runtime/cell-slots';
import { compileCell } from '../../src/runtime/compile-cell';
import { input, parseInput, sql, ts, words } from './runtime-support';

const compile = (cell: Cell) => compileCell(cell, words, parseInput);

function slots() {
  const changes: string[][] = [];
  const released: string[] = [];
  const cells = new CellSlots({
    changed: (ids) => changes.push([...ids].map(String)),
    release: (slot: Slot) => released.push(String(slot.compiled.id)),
  });
  return { cells, changes, released };
}
const ids = (set: Iterable<CellId>) => [...set].map(String).sort();

describe('the runtime’s cell slots', () => {
  it('names every cell as touched the first time, then only an edited cell and the cells whose name now resolves elsewhere', () => {
    const { cells } = slots();
    expect(ids(cells.replace([ts('a', 'a', '1'), ts('b', 'b', 'a + 1'), ts('c', 'c', '2')], compile))).toEqual(['a', 'b', 'c']);
    expect(ids(cells.replace([ts('a', 'a', '1'), ts('b', 'b', 'a + 1'), ts('c', 'c', '2')], compile))).toEqual([]);
    // c's text changed and it now defines `a`, a's text changed and it defines `x`: b reads another cell
    expect(ids(cells.replace([ts('a', 'x', '3'), ts('b', 'b', 'a + 1'), ts('c', 'a', '4')], compile))).toEqual(['a', 'b', 'c']);
    expect(ids(cells.replace([ts('a', 'x', '3'), ts('b', 'b', 'a + 1'), ts('c', 'a', '5')], compile))).toEqual(['c']); // its readers follow by markStale
  });

  it('releases a removed or renamed cell, drops a removed input’s value, and aborts a replaced SQL run', () => {
    const { cells, released } = slots();
    cells.replace([sql('s', 's', 'SELECT 1'), ts('t', 't', '1'), input('w', 'w', { type: 'slider', min: 0, max: 9, value: 3 })], compile);
    const run = new AbortController();
    cells.get(cellId('s'))!.controller = run;
    cells.replace([sql('s', 's', 'SELECT 2'), ts('t', 'renamed', '2')], compile);
    expect(run.signal.aborted).toBe(true);
    expect(released).toEqual(['t']);
    expect(cells.inputs.has('w')).toBe(false);
  });

  it('touches and releases a cell renamed without a change to its text, and the cells its old and new names reach', () => {
    const { cells, released } = slots();
    cells.replace([sql('s', 'before', 'SELECT 1'), ts('t', 't', 'after'), ts('u', 'u', 'before')], compile);
    const released0 = released.length;
    expect(ids(cells.replace([sql('s', 'after', 'SELECT 1'), ts('t', 't', 'after'), ts('u', 'u', 'before')], compile))).toEqual(['s', 't', 'u']);
    expect(released.slice(released0)).toEqual(['s']);
    expect(cells.get(cellId('s'))!.compiled.name).toBe('after');
  });

  it('touches an input cell when only its value changes, and setInput answers the defining cell only for a new value', () => {
    const { cells } = slots();
    cells.replace([input('w', 'w', { type: 'slider', min: 0, max: 9, value: 3 })], compile);
    expect(ids(cells.replace([input('w', 'w', { type: 'slider', min: 0, max: 9, value: 4 })], compile))).toEqual(['w']);
    expect(cells.inputs.get('w')).toBe(4);
    expect(cells.setInput('w', 4)).toBeNull();
    expect(cells.setInput('nosuch', 1)).toBeNull();
    expect(String(cells.setInput('w', 5))).toBe('w');
    expect(cells.inputs.get('w')).toBe(5);
  });

  it('marks a cell and everything downstream stale with a new version, forgets their digests and says which changed', () => {
    const { cells, changes } = slots();
    cells.replace([ts('a', 'a', '1'), ts('b', 'b', 'a'), ts('c', 'c', '2')], compile);
    for (const id of ['a', 'b', 'c']) cells.setState(cellId(id), { status: 'done' });
    cells.get(cellId('b'))!.digest = { version: 1, digest: { rows: 1, hash: 'x' } };
    changes.length = 0;
    cells.markStale([cellId('a')]);
    expect(changes.map((c) => c.sort())).toEqual([['a', 'b']]);
    expect(cells.get(cellId('b'))).toMatchObject({ state: { status: 'stale', version: 2 }, digest: null });
    expect(cells.get(cellId('c'))!.state).toMatchObject({ status: 'done', version: 1 });
  });

  it('binds a date input as a DATE and refuses a $param that names no value', () => {
    const { cells } = slots();
    cells.replace([input('d', 'as_of', { type: 'date', value: '2024-06-30' }), input('n', 'n', { type: 'number', value: 7 }), ts('t', 't', '1')], compile);
    expect(cells.sqlVariables(compile(sql('q', 'q', 'SELECT $as_of, $n')))).toEqual({ variables: { as_of: { date: '2024-06-30' }, n: 7 } });
    expect(cells.sqlVariables(compile(sql('q', 'q', 'SELECT $t')))).toEqual({ error: { message: '$t must name a number, text or date input' } });
  });

  it('gives the sandbox a new version of a loaded table once it changed, and names only the cells reading it', () => {
    const { cells } = slots();
    cells.replace([ts('t', 't', 'loans'), ts('u', 'u', 'customers'), sql('s', 'loans_cell', 'SELECT 1')], compile);
    const before = cells.sandboxInputs(cells.get(cellId('t'))!.compiled, new Set(['loans']));
    expect(ids(cells.tablesChanged(new Set(['loans'])))).toEqual(['t']);
    const after = cells.sandboxInputs(cells.get(cellId('t'))!.compiled, new Set(['loans']));
    expect(before['loans']).toEqual({ kind: 'table', table: 'loans', version: 1 });
    expect(after['loans']).toEqual({ kind: 'table', table: 'loans', version: 2 });
  });
});
