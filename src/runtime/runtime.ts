import type { Database } from '../engine/database';
import type { Cell, CellDigest, CellId, InputValue } from '../notebook/document';
import type { TsSandbox } from './contracts';
import { CellSlots, type CellState, type Slot } from './cell-slots';
import { compileCell, type CompiledCell, type InputParser, type TsReferences } from './compile-cell';
import { Scheduler, type RunOutcome } from './scheduler';
import { cellTableColumns, cellTableSql, dropCellTable, runSqlCell } from './sql/sql-cell';
import { tableDigest } from './sql/sql-digest';
import { registerTsTable } from './ts-table';

export type { CellState, CellStatus } from './cell-slots';

export interface RuntimeDeps {
  readonly db: Database;
  readonly sandbox: TsSandbox;
  readonly compileTs: TsReferences;
  readonly parseInput: InputParser;
  /** names of the loaded data tables (cells may read them; a cell may not take their name) */
  readonly dataTables: () => ReadonlySet<string>;
  readonly now?: () => number;
}

/**
 * The reactive runtime: cells as a graph of names, run in dependency order. A change (a cell's
 * text, an input's value) marks exactly the cells downstream of it stale; each runs once, after
 * what it reads. The latest change wins: a superseded SQL query is cancelled; a superseded
 * TypeScript run finishes in its sandbox and its result is dropped. Errors stay on their cell.
 * The cells' bookkeeping is in CellSlots, the order they run in is the Scheduler's; this class
 * ties them to DuckDB and the sandbox.
 */
export class NotebookRuntime extends EventTarget {
  private readonly cells: CellSlots;
  private readonly scheduler: Scheduler;
  /** runs whatever is stale as soon as it can; false in review mode until the user chooses to run */
  autoRun = true;
  /** how many times each cell ran (tests check "exactly once") */
  readonly runs: Map<CellId, number>;

  constructor(private readonly deps: RuntimeDeps) {
    super();
    this.cells = new CellSlots({
      changed: (ids) => this.dispatchEvent(new CustomEvent('change', { detail: [...ids] })),
      release: (slot) => this.release(slot),
    });
    this.scheduler = new Scheduler({
      cells: this.cells,
      execute: (cell, version, signal) => this.execute(cell, version, signal),
      dataTables: () => this.deps.dataTables(),
      now: deps.now ?? (() => performance.now()),
    });
    this.runs = this.scheduler.runs;
  }

  /** The state of a cell. */
  state(id: CellId): CellState | undefined {
    return this.cells.get(id)?.state;
  }

  /** The current value of every input, by name. */
  inputValues(): ReadonlyMap<string, InputValue> {
    return this.cells.inputs;
  }

  /** The compiled form of a cell (its references and problems), for the editor. */
  compiled(id: CellId): CompiledCell | undefined {
    return this.cells.get(id)?.compiled;
  }

  /**
   * Takes the notebook's cells (after any edit). Cells whose text changed, and everything
   * downstream, become stale; removed or renamed cells lose their tables and values.
   */
  setCells(cells: readonly Cell[]): void {
    const touched = this.cells.replace(cells, (cell) => compileCell(cell, this.deps.compileTs, this.deps.parseInput));
    // one worker with every TypeScript cell's code (the sandbox starts a worker per code set)
    this.deps.sandbox.prepare?.(cells.filter((c) => c.kind === 'ts').map((c) => ({ cell: c.id, source: c.source })));
    this.invalidate(touched);
  }

  /**
   * Forgets every cell (another notebook is opening): running work is stopped, cells' tables
   * dropped and their values forgotten, so nothing of the previous notebook shows in the next.
   */
  clear(): void {
    this.cells.clear();
  }

  /** Sets an input's value (a slider moved): what reads it re-runs, once. */
  setInput(name: string, value: InputValue): void {
    const id = this.cells.setInput(name, value);
    if (id !== null) this.invalidate([id]);
  }

  /** Marks cells and everything downstream stale, cancels their SQL in flight, and runs. */
  private invalidate(ids: Iterable<CellId>): void {
    this.cells.markStale(ids);
    if (this.autoRun) void this.scheduler.pump();
  }

  /** Runs every stale cell (review mode: the user chose to run). */
  runAll(): Promise<void> {
    this.autoRun = true;
    return this.scheduler.pump();
  }

  /** Runs every cell again from scratch (replay): everything becomes stale, then runs. */
  rerunAll(): Promise<void> {
    this.autoRun = true;
    this.invalidate(this.cells.order);
    return this.scheduler.pump();
  }

  /** Runs one cell again (and what reads it). */
  rerun(id: CellId): Promise<void> {
    this.invalidate([id]);
    return this.scheduler.pump();
  }

  /** Resolves when nothing is stale or running. */
  idle(): Promise<void> {
    return this.scheduler.idle();
  }

  /** Stops a running cell: its SQL is cancelled; a TypeScript cell's sandbox restarts (the abort does it). */
  async cancel(id: CellId): Promise<void> {
    const slot = this.cells.get(id);
    if (!slot || slot.state.status !== 'running') return;
    slot.controller?.abort();
  }

  /**
   * Loaded tables changed (a file loaded, replaced or dropped): cells reading any of `names`
   * run again, and TypeScript cells get the new rows, not a copy kept from before.
   */
  dataChanged(names: Iterable<string>): void {
    const changed = new Set(names);
    if (changed.size === 0) return;
    this.invalidate(this.cells.tablesChanged(changed));
  }

  /** Runs one cell's code: its SQL into its table in DuckDB, or its TypeScript in the sandbox. */
  private async execute(cell: CompiledCell, version: number, signal: AbortSignal): Promise<RunOutcome> {
    switch (cell.kind) {
      case 'markdown':
        return { display: { kind: 'none' } };
      case 'input':
        return { display: { kind: 'none' } };
      case 'sql': {
        const bound = this.cells.sqlVariables(cell);
        if ('error' in bound) return bound;
        const result = await runSqlCell(this.deps.db, cell.name!, cell.source, cell.sql!, bound.variables, signal);
        return result.ok ? { display: result.display } : { error: result.error };
      }
      case 'ts': {
        const inputs = this.cells.sandboxInputs(cell, this.deps.dataTables());
        const result = await this.deps.sandbox.run({ cell: cell.id, name: cell.name!, version, source: cell.source, inputs }, signal);
        if (this.cells.get(cell.id)?.compiled.name !== cell.name) {
          // renamed or removed while it ran: the value it kept under the old name goes too (the
          // scheduler drops this outcome; no cell has run under that name since, runs being serial)
          this.deps.sandbox.forget(cell.name!);
          return { error: { message: `${cell.name} was renamed or removed while it ran` } };
        }
        if (!result.ok) return { error: result.error };
        // a copy: inserting hands the bytes to DuckDB's worker, and the display still needs them
        if (result.tableIpc && this.cells.readBySql(cell.id)) await registerTsTable(this.deps.db, cell.name!, result.tableIpc.slice());
        return { display: result.display, tsDigest: result.digest };
      }
    }
  }

  /** Drops what a removed or renamed cell left outside the runtime: its table, the sandbox's copy. */
  private release(slot: Slot): void {
    const name = slot.compiled.name;
    if (!name) return;
    if (slot.compiled.kind === 'sql' || slot.compiled.kind === 'ts') void dropCellTable(this.deps.db, name);
    if (slot.compiled.kind === 'ts') this.deps.sandbox.forget(name);
  }

  /**
   * The digests of every named cell's current result (computed on demand and cached per
   * version: hashing is not on the slider's path). Cells not done have no digest.
   */
  async digests(): Promise<Record<string, CellDigest>> {
    await this.idle();
    const out: Record<string, CellDigest> = {};
    for (const id of this.cells.order) {
      const slot = this.cells.get(id)!;
      const name = slot.compiled.name;
      if (!name || slot.state.status !== 'done') continue;
      if (slot.compiled.kind === 'ts' && slot.tsDigest) out[name] = slot.tsDigest;
      if (slot.compiled.kind === 'sql') {
        if (slot.digest?.version !== slot.state.version) {
          const columns = await cellTableColumns(this.deps.db, name);
          slot.digest = { version: slot.state.version, digest: await tableDigest(this.deps.db, cellTableSql(name), columns) };
        }
        out[name] = slot.digest.digest;
      }
    }
    return out;
  }
}
