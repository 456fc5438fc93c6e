import { describe, expect, it } from 'vitest';
import { cellId, type Cell } from '../../src/notebook/document';
import { CellSlots } from '../../src/runtime/cell-slots';
import { compileCell, type CompiledCell } from '../../src/runtime/compile-cell';
import { Scheduler, type RunOutcome } from '../../src/runtime/scheduler';

const words = (source: string) => ({ references: [...new Set(source.match(/[A-Za-z_]\w*/g) ?? [])] });
const compile = (cell: Cell) => compileCell(cell, words, () => ({ error: { message: 'no inputs here' } }));
const ts = (id: string, name: string, source: string): Cell => ({ id: cellId(id), kind: 'ts', name, source });

/** A scheduler over real slots whose cells "run" by a function of their name, logged in run order. */
function scheduler(run: (cell: CompiledCell) => Promise<RunOutcome> | RunOutcome = () => ({ display: { kind: 'none' } })) {
  const cells = new CellSlots({ changed: () => {}, release: () => {} });
  const order: string[] = [];
  const scheduler = new Scheduler({
    cells,
    execute: async (cell) => {
      order.push(cell.name!);
      return run(cell);
    },
    dataTables: () => new Set(['loans']),
    now: () => 0,
  });
  const start = (list: Cell[]) => {
    cells.markStale(cells.replace(list, compile));
    return scheduler.pump();
  };
  return { cells, scheduler, order, start };
}

describe('the runtime’s scheduler', () => {
  it('runs stale cells after what they read, whatever the page order, each once', async () => {
    const { scheduler: s, order, start, cells } = scheduler();
    await start([ts('c', 'c', 'b'), ts('b', 'b', 'a'), ts('a', 'a', '1')]);
    expect(order).toEqual(['a', 'b', 'c']);
    expect(Object.fromEntries([...s.runs].map(([id, n]) => [String(id), n]))).toEqual({ a: 1, b: 1, c: 1 });
    expect(cells.get(cellId('c'))!.state.status).toBe('done');
  });

  it('puts an error upstream, a loaded table’s name and a cycle on their cells without running them', async () => {
    const { order, start, cells } = scheduler((cell) => (cell.name === 'bad' ? { error: { message: 'broken' } } : { display: { kind: 'none' } }));
    await start([ts('bad', 'bad', '1'), ts('r', 'reader', 'bad'), ts('l', 'loans', '1'), ts('x', 'x', 'y'), ts('y', 'y', 'x'), ts('ok', 'ok', '1')]);
    expect(order.sort()).toEqual(['bad', 'ok']);
    expect(cells.get(cellId('r'))!.state.error?.message).toBe('Waits for bad, which has an error');
    expect(cells.get(cellId('l'))!.state.error?.message).toMatch(/taken by a loaded table/);
    expect(cells.get(cellId('x'))!.state.error?.message).toMatch(/read each other in a circle/);
  });

  it('drops a run superseded while in flight, runs the newer version, and idle waits for it', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let calls = 0;
    const { scheduler: s, cells, start } = scheduler(async () => {
      calls++;
      if (calls === 1) await held;
      return { display: { kind: 'value', text: String(calls), type: 'number' } };
    });
    void start([ts('a', 'a', '1')]);
    await new Promise((r) => setTimeout(r, 0));
    expect(cells.get(cellId('a'))!.state.status).toBe('running');
    cells.markStale([cellId('a')]);
    release();
    await s.idle();
    expect(calls).toBe(2);
    expect(cells.get(cellId('a'))!.state).toMatchObject({ status: 'done', display: { text: '2' }, version: 3 });
  });

  it('marks a cancelled run Stopped', async () => {
    const { scheduler: s, cells, start } = scheduler(() => {
      const controller = cells.get(cellId('a'))!.controller!;
      controller.abort();
      throw new Error('aborted');
    });
    void start([ts('a', 'a', '1')]);
    await s.idle();
    expect(cells.get(cellId('a'))!.state).toMatchObject({ status: 'error', error: { message: 'Stopped' } });
  });
});
