import type { Database, DateValue, SqlValue } from '../engine/database';
import { isCancellation } from '../engine/database';
import type { Cell, CellDigest, CellId, InputSpec, InputValue } from '../notebook/document';
import type { CellError, Display, SandboxInput, TsSandbox } from './contracts';
import { compileCell, type CompiledCell, type InputParser, type TsReferences } from './compile-cell';
import { buildGraph, downstreamOf, type DependencyGraph } from './graph';
import { cellTableColumns, cellTableSql, dropCellTable, runSqlCell } from './sql/sql-cell';
import { tableDigest } from './sql/sql-digest';
import { registerTsTable } from './ts-table';

/** Where a cell is in its life. */
export type CellStatus = 'stale' | 'queued' | 'running' | 'done' | 'error';

/** What the page shows of a cell. */
export interface CellState {
  readonly status: CellStatus;
  readonly display?: Display;
  readonly error?: CellError;
  /** when the current run started (performance.now()), while running */
  readonly startedAt?: number;
  /** duration of the last completed run */
  readonly ms?: number;
  /** bumps whenever the cell must run again */
  readonly version: number;
}

export interface RuntimeDeps {
  readonly db: Database;
  readonly sandbox: TsSandbox;
  readonly compileTs: TsReferences;
  readonly parseInput: InputParser;
  /** names of the loaded data tables (cells may read them; a cell may not take their name) */
  readonly dataTables: () => ReadonlySet<string>;
  readonly now?: () => number;
}

interface Slot {
  compiled: CompiledCell;
  state: CellState;
  controller: AbortController | null;
  digest: { version: number; digest: CellDigest } | null;
  tsDigest?: CellDigest;
}

/**
 * The reactive runtime: cells as a graph of names, run in dependency order. A change (a cell's
 * text, an input's value) marks exactly the cells downstream of it stale; each runs once, after
 * what it reads. The latest change wins: a superseded SQL query is cancelled; a superseded
 * TypeScript run finishes in its sandbox and its result is dropped. Errors stay on their cell.
 */
export class NotebookRuntime extends EventTarget {
  private slots = new Map<CellId, Slot>();
  private order: CellId[] = [];
  private graph: DependencyGraph = buildGraph([]);
  private inputs = new Map<string, InputValue>();
  private pumping: Promise<void> | null = null;
  /** bumps when loaded tables change, so cells reading them (and the sandbox's copies) refresh */
  private dataVersion = 1;
  private readonly now: () => number;
  /** runs whatever is stale as soon as it can; false in review mode until the user chooses to run */
  autoRun = true;
  /** how many times each cell ran (tests check "exactly once") */
  readonly runs = new Map<CellId, number>();

  constructor(private readonly deps: RuntimeDeps) {
    super();
    this.now = deps.now ?? (() => performance.now());
  }

  /** The state of a cell. */
  state(id: CellId): CellState | undefined {
    return this.slots.get(id)?.state;
  }

  /** The current value of every input, by name. */
  inputValues(): ReadonlyMap<string, InputValue> {
    return this.inputs;
  }

  /** The compiled form of a cell (its references and problems), for the editor. */
  compiled(id: CellId): CompiledCell | undefined {
    return this.slots.get(id)?.compiled;
  }

  private changed(ids: Iterable<CellId>): void {
    this.dispatchEvent(new CustomEvent('change', { detail: [...ids] }));
  }

  private setState(id: CellId, state: Partial<CellState>): void {
    const slot = this.slots.get(id);
    if (!slot) return;
    slot.state = { ...slot.state, ...state };
    this.changed([id]);
  }

  /**
   * Takes the notebook's cells (after any edit). Cells whose text changed, and everything
   * downstream, become stale; removed or renamed cells lose their tables and values.
   */
  setCells(cells: readonly Cell[]): void {
    const previous = this.slots;
    const next = new Map<CellId, Slot>();
    const touched = new Set<CellId>();
    for (const cell of cells) {
      const compiled = compileCell(cell, this.deps.compileTs, this.deps.parseInput);
      const old = previous.get(cell.id);
      if (old && old.compiled.identity === compiled.identity) {
        old.compiled = compiled;
        next.set(cell.id, old);
        if (compiled.input && this.inputs.get(compiled.name!) !== undefined && !sameValue(this.inputs.get(compiled.name!)!, compiled.input.value)) {
          this.inputs.set(compiled.name!, compiled.input.value);
          touched.add(cell.id);
        }
        continue;
      }
      next.set(cell.id, { compiled, state: { status: 'stale', version: (old?.state.version ?? 0) + 1 }, controller: null, digest: null });
      if (compiled.input) this.inputs.set(compiled.name!, compiled.input.value);
      touched.add(cell.id);
    }
    for (const [id, old] of previous) {
      const now = next.get(id);
      if (!now || now.compiled.name !== old.compiled.name || now.compiled.kind !== old.compiled.kind) this.release(old);
      // a removed cell, or one whose text changed: its SQL in flight is superseded
      if (now !== old && old.compiled.kind === 'sql') old.controller?.abort();
    }
    // a cell that took a name which now resolves differently must re-run too
    const before = this.graph;
    this.slots = next;
    this.order = cells.map((c) => c.id);
    this.graph = buildGraph(cells.map((c) => {
      const compiled = next.get(c.id)!.compiled;
      return { id: c.id, ...(compiled.name ? { defines: compiled.name } : {}), references: compiled.references };
    }));
    for (const id of this.order) {
      const was = (before.upstream.get(id) ?? []).join(',');
      if (was !== (this.graph.upstream.get(id) ?? []).join(',')) touched.add(id);
    }
    // one worker with every TypeScript cell's code (the sandbox starts a worker per code set)
    this.deps.sandbox.prepare?.(cells.filter((c) => c.kind === 'ts').map((c) => ({ cell: c.id, source: c.source })));
    this.invalidate(touched);
  }

  /**
   * Forgets every cell (another notebook is opening): running work is stopped, cells' tables
   * dropped and their values forgotten, so nothing of the previous notebook shows in the next.
   */
  clear(): void {
    for (const slot of this.slots.values()) {
      slot.controller?.abort();
      this.release(slot);
    }
    this.slots = new Map();
    this.order = [];
    this.graph = buildGraph([]);
    this.inputs = new Map();
    this.changed([]);
  }

  /** Sets an input's value (a slider moved): what reads it re-runs, once. */
  setInput(name: string, value: InputValue): void {
    const id = this.graph.definers.get(name);
    if (id === undefined || sameValue(this.inputs.get(name), value)) return;
    this.inputs.set(name, value);
    this.invalidate([id]);
  }

  /** Marks cells and everything downstream stale, cancels their SQL in flight, and runs. */
  private invalidate(ids: Iterable<CellId>): void {
    const affected = downstreamOf(this.graph, ids);
    for (const id of affected) {
      const slot = this.slots.get(id);
      if (!slot) continue;
      if (slot.compiled.kind === 'sql') slot.controller?.abort();
      slot.digest = null;
      slot.state = { ...slot.state, status: 'stale', version: slot.state.version + 1 };
    }
    this.changed(affected);
    if (this.autoRun) void this.pump();
  }

  /** Runs every stale cell (review mode: the user chose to run). */
  runAll(): Promise<void> {
    this.autoRun = true;
    return this.pump();
  }

  /** Runs every cell again from scratch (replay): everything becomes stale, then runs. */
  rerunAll(): Promise<void> {
    this.autoRun = true;
    this.invalidate(this.order);
    return this.pump();
  }

  /** Runs one cell again (and what reads it). */
  rerun(id: CellId): Promise<void> {
    this.invalidate([id]);
    return this.pump();
  }

  /** Resolves when nothing is stale or running. */
  async idle(): Promise<void> {
    while (this.pumping) await this.pumping;
  }

  /** Stops a running cell: its SQL is cancelled; a TypeScript cell's sandbox restarts (the abort does it). */
  async cancel(id: CellId): Promise<void> {
    const slot = this.slots.get(id);
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
    this.dataVersion++;
    const readers = [...this.slots.values()].filter((s) => s.compiled.references.some((r) => changed.has(r) && !this.graph.definers.has(r)));
    this.invalidate(readers.map((s) => s.compiled.id));
  }

  private pump(): Promise<void> {
    this.pumping ??= this.loop();
    return this.pumping;
  }

  /**
   * Runs the first runnable stale cell in dependency order, until none is left. The loop lets go
   * of `pumping` in the same step as its last look for work, so a change arriving after that
   * look starts a new loop instead of joining one that is already over.
   */
  private async loop(): Promise<void> {
    // yield first, so pump() has stored this promise before the loop can end and clear it
    await null;
    try {
      for (;;) {
        const next = this.nextRunnable();
        if (!next) {
          this.pumping = null;
          return;
        }
        await this.runOne(next);
      }
    } catch (error) {
      this.pumping = null;
      throw error;
    }
  }

  private nextRunnable(): CellId | null {
    for (const id of this.graph.order) {
      const slot = this.slots.get(id)!;
      if (slot.state.status !== 'stale') continue;
      const blocked = this.blockedBy(id);
      if (blocked === 'wait') continue;
      if (blocked) {
        slot.state = { ...slot.state, status: 'error', error: blocked };
        this.changed([id]);
        continue;
      }
      return id;
    }
    return null;
  }

  /** Why a cell cannot run now: an error of its own or upstream, or 'wait' for upstream runs. */
  private blockedBy(id: CellId): CellError | 'wait' | null {
    const slot = this.slots.get(id)!;
    const problem = this.graph.problems.get(id);
    if (problem?.kind === 'duplicate') return { message: `The name ${problem.name} is defined by more than one cell` };
    if (problem?.kind === 'cycle') {
      const names = problem.cells.map((c) => this.slots.get(c)?.compiled.name ?? c);
      return { message: `These cells read each other in a circle: ${[...names, names[0]].join(' → ')}` };
    }
    if (slot.compiled.error) return slot.compiled.error;
    const name = slot.compiled.name;
    if (name && this.deps.dataTables().has(name)) return { message: `The name ${name} is taken by a loaded table; rename the cell` };
    for (const up of this.graph.upstream.get(id) ?? []) {
      const state = this.slots.get(up)!.state;
      if (state.status === 'error') return { message: `Waits for ${this.slots.get(up)!.compiled.name ?? up}, which has an error` };
      if (state.status !== 'done') return 'wait';
    }
    return null;
  }

  private async runOne(id: CellId): Promise<void> {
    const slot = this.slots.get(id)!;
    const version = slot.state.version;
    const controller = new AbortController();
    slot.controller = controller;
    const startedAt = this.now();
    this.setState(id, { status: 'running', startedAt });
    this.runs.set(id, (this.runs.get(id) ?? 0) + 1);
    let outcome: { display: Display; tsDigest?: CellDigest } | { error: CellError } | null;
    try {
      outcome = await this.execute(slot.compiled, version, controller.signal);
    } catch (error) {
      outcome = controller.signal.aborted || isCancellation(error) ? null : { error: { message: error instanceof Error ? error.message : String(error) } };
    }
    if (slot.controller === controller) slot.controller = null;
    const current = this.slots.get(id);
    // superseded while running: the newer version runs next; this result is dropped
    if (current !== slot || slot.state.version !== version) return;
    const ms = this.now() - startedAt;
    if (outcome === null) {
      this.setState(id, { status: 'error', error: { message: 'Stopped' }, ms });
    } else if ('error' in outcome) {
      this.setState(id, { status: 'error', error: outcome.error, ms });
    } else {
      if (outcome.tsDigest) slot.tsDigest = outcome.tsDigest;
      this.setState(id, { status: 'done', display: outcome.display, ms });
    }
  }

  private async execute(cell: CompiledCell, version: number, signal: AbortSignal): Promise<{ display: Display; tsDigest?: CellDigest } | { error: CellError }> {
    switch (cell.kind) {
      case 'markdown':
        return { display: { kind: 'none' } };
      case 'input':
        return { display: { kind: 'none' } };
      case 'sql': {
        const variables: Record<string, SqlValue | DateValue> = {};
        for (const param of cell.sql!.params) {
          const value = this.inputs.get(param);
          if (value === undefined || typeof value === 'object') return { error: { message: `$${param} must name a number, text or date input` } };
          // a date input reaches SQL as a DATE, so `start <= $as_of` compares dates
          variables[param] = this.inputSpec(param)?.type === 'date' ? { date: String(value) } : value;
        }
        const result = await runSqlCell(this.deps.db, cell.name!, cell.source, cell.sql!, variables, signal);
        return result.ok ? { display: result.display } : { error: result.error };
      }
      case 'ts': {
        const result = await this.deps.sandbox.run({ cell: cell.id, name: cell.name!, version, source: cell.source, inputs: this.sandboxInputs(cell) }, signal);
        if (!result.ok) return { error: result.error };
        // a copy: inserting hands the bytes to DuckDB's worker, and the display still needs them
        if (result.tableIpc && this.readBySql(cell.id)) await registerTsTable(this.deps.db, cell.name!, result.tableIpc.slice());
        return { display: result.display, tsDigest: result.digest };
      }
    }
  }

  /** What a TypeScript cell reads, as the sandbox takes it. */
  private sandboxInputs(cell: CompiledCell): Record<string, SandboxInput> {
    const inputs: Record<string, SandboxInput> = {};
    const data = this.deps.dataTables();
    for (const name of cell.references) {
      const id = this.graph.definers.get(name);
      const source = id ? this.slots.get(id) : undefined;
      if (source?.compiled.kind === 'input') inputs[name] = { kind: 'value', value: this.inputs.get(name) };
      else if (source?.compiled.kind === 'sql') inputs[name] = { kind: 'table', table: name, version: source.state.version };
      else if (source?.compiled.kind === 'ts') inputs[name] = { kind: 'cell', name, version: source.state.version };
      else if (!source && data.has(name)) inputs[name] = { kind: 'table', table: name, version: this.dataVersion };
    }
    return inputs;
  }

  private inputSpec(name: string): InputSpec | undefined {
    const id = this.graph.definers.get(name);
    return id ? this.slots.get(id)?.compiled.input?.spec : undefined;
  }

  private readBySql(id: CellId): boolean {
    return (this.graph.downstream.get(id) ?? []).some((d) => this.slots.get(d)?.compiled.kind === 'sql');
  }

  /** Forgets what a removed or renamed cell left behind. */
  private release(slot: Slot): void {
    const name = slot.compiled.name;
    if (!name) return;
    if (slot.compiled.kind === 'sql' || slot.compiled.kind === 'ts') void dropCellTable(this.deps.db, name);
    if (slot.compiled.kind === 'ts') this.deps.sandbox.forget(name);
    if (slot.compiled.kind === 'input') this.inputs.delete(name);
  }

  /**
   * The digests of every named cell's current result (computed on demand and cached per
   * version: hashing is not on the slider's path). Cells not done have no digest.
   */
  async digests(): Promise<Record<string, CellDigest>> {
    await this.idle();
    const out: Record<string, CellDigest> = {};
    for (const id of this.order) {
      const slot = this.slots.get(id)!;
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

function sameValue(a: InputValue | undefined, b: InputValue | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
