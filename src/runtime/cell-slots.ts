import type { DateValue, SqlValue } from '../engine/database';
import type { Cell, CellDigest, CellId, InputSpec, InputValue } from '../notebook/document';
import type { CellError, Display, SandboxInput } from './contracts';
import type { CompiledCell } from './compile-cell';
import { buildGraph, downstreamOf, type DependencyGraph } from './graph';

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

/** One cell's bookkeeping. */
export interface Slot {
  compiled: CompiledCell;
  state: CellState;
  /** aborts the run in flight */
  controller: AbortController | null;
  /** a SQL cell's digest, cached for the version it was computed on */
  digest: { version: number; digest: CellDigest } | null;
  /** a TypeScript cell's digest, as its last run returned it */
  tsDigest?: CellDigest;
}

export interface CellSlotsHooks {
  /** cells whose state changed (none: everything was forgotten) */
  readonly changed: (ids: Iterable<CellId>) => void;
  /** drops what a removed or renamed cell left outside the slots (its table, the sandbox's copy) */
  readonly release: (slot: Slot) => void;
}

/**
 * The runtime's bookkeeping of cells; nothing here runs one. A slot per cell (its compiled form,
 * state and run in flight), the page order, the dependency graph over the cells' names, the
 * inputs' current values and the version of the loaded tables.
 */
export class CellSlots {
  private slots = new Map<CellId, Slot>();
  private pageOrder: CellId[] = [];
  private dependencies: DependencyGraph = buildGraph([]);
  private values = new Map<string, InputValue>();
  /** bumps when loaded tables change, so cells reading them (and the sandbox's copies) refresh */
  private dataVersion = 1;

  constructor(private readonly hooks: CellSlotsHooks) {}

  /** A cell's slot. */
  get(id: CellId): Slot | undefined {
    return this.slots.get(id);
  }

  /** The cells in page order. */
  get order(): readonly CellId[] {
    return this.pageOrder;
  }

  get graph(): DependencyGraph {
    return this.dependencies;
  }

  /** The current value of every input, by name. */
  get inputs(): ReadonlyMap<string, InputValue> {
    return this.values;
  }

  /** Changes a cell's state and says so. */
  setState(id: CellId, state: Partial<CellState>): void {
    const slot = this.slots.get(id);
    if (!slot) return;
    slot.state = { ...slot.state, ...state };
    this.hooks.changed([id]);
  }

  /**
   * Takes the notebook's cells and returns those that must run again: new or changed text, a new
   * name or kind, an input whose value changed, a name that now resolves differently, a name that
   * stopped or started being defined twice. Removed or renamed cells are released; a superseded
   * SQL run is aborted.
   */
  replace(cells: readonly Cell[], compile: (cell: Cell) => CompiledCell): Set<CellId> {
    const previous = this.slots;
    const next = new Map<CellId, Slot>();
    const touched = new Set<CellId>();
    for (const cell of cells) {
      const compiled = compile(cell);
      const old = previous.get(cell.id);
      if (old && old.compiled.identity === compiled.identity) {
        old.compiled = compiled;
        next.set(cell.id, old);
        if (compiled.input && this.values.get(compiled.name!) !== undefined && !sameValue(this.values.get(compiled.name!)!, compiled.input.value)) {
          this.values.set(compiled.name!, compiled.input.value);
          touched.add(cell.id);
        }
        continue;
      }
      next.set(cell.id, { compiled, state: { status: 'stale', version: (old?.state.version ?? 0) + 1 }, controller: null, digest: null });
      if (compiled.input) this.values.set(compiled.name!, compiled.input.value);
      touched.add(cell.id);
    }
    const inputNames = new Set([...next.values()].filter((s) => s.compiled.input).map((s) => s.compiled.name!));
    for (const [id, old] of previous) {
      const now = next.get(id);
      // kept: the same kind, name and text (the identity says so), so nothing to drop or stop
      if (now === old) continue;
      // removed, renamed or of another kind: what it published under its old name goes
      if (!now || now.compiled.name !== old.compiled.name || now.compiled.kind !== old.compiled.kind) this.forget(old, inputNames);
      if (old.compiled.kind === 'sql') old.controller?.abort();
    }
    // a cell that took a name which now resolves differently, or whose name stopped (or started)
    // being defined twice, must re-run too
    const before = this.dependencies;
    this.slots = next;
    this.pageOrder = cells.map((c) => c.id);
    this.dependencies = buildGraph(cells.map((c) => {
      const compiled = next.get(c.id)!.compiled;
      return { id: c.id, ...(compiled.name ? { defines: compiled.name } : {}), references: compiled.references };
    }));
    for (const id of this.pageOrder) {
      const was = (before.upstream.get(id) ?? []).join(',');
      if (was !== (this.dependencies.upstream.get(id) ?? []).join(',')) touched.add(id);
      if (JSON.stringify(before.problems.get(id)) !== JSON.stringify(this.dependencies.problems.get(id))) touched.add(id);
    }
    return touched;
  }

  /** Forgets every cell: runs in flight are aborted, every slot released, every value dropped. */
  clear(): void {
    for (const slot of this.slots.values()) {
      slot.controller?.abort();
      this.forget(slot);
    }
    this.slots = new Map();
    this.pageOrder = [];
    this.dependencies = buildGraph([]);
    this.values = new Map();
    this.hooks.changed([]);
  }

  /** Sets an input's value; returns the cell defining it, or null when none does or the value is the same. */
  setInput(name: string, value: InputValue): CellId | null {
    const id = this.dependencies.definers.get(name);
    if (id === undefined || sameValue(this.values.get(name), value)) return null;
    this.values.set(name, value);
    return id;
  }

  /** Marks cells and everything downstream stale (a new version) and aborts their SQL in flight. */
  markStale(ids: Iterable<CellId>): void {
    const affected = downstreamOf(this.dependencies, ids);
    for (const id of affected) {
      const slot = this.slots.get(id);
      if (!slot) continue;
      if (slot.compiled.kind === 'sql') slot.controller?.abort();
      slot.digest = null;
      slot.state = { ...slot.state, status: 'stale', version: slot.state.version + 1 };
    }
    this.hooks.changed(affected);
  }

  /** Loaded tables changed: a new data version, and the cells reading any of `names` (a name no cell defines). */
  tablesChanged(names: ReadonlySet<string>): CellId[] {
    this.dataVersion++;
    const readers = [...this.slots.values()].filter((s) => s.compiled.references.some((r) => names.has(r) && !this.dependencies.definers.has(r)));
    return readers.map((s) => s.compiled.id);
  }

  /** A SQL cell's `$inputs` as DuckDB variables (a date input as a DATE), or the error naming one that is no value. */
  sqlVariables(cell: CompiledCell): { variables: Record<string, SqlValue | DateValue> } | { error: CellError } {
    const variables: Record<string, SqlValue | DateValue> = {};
    for (const param of cell.sql!.params) {
      const value = this.values.get(param);
      if (value === undefined || typeof value === 'object') return { error: { message: `$${param} must name a number, text or date input` } };
      // a date input reaches SQL as a DATE, so `start <= $as_of` compares dates
      variables[param] = this.inputSpec(param)?.type === 'date' ? { date: String(value) } : value;
    }
    return { variables };
  }

  /** What a TypeScript cell reads, as the sandbox takes it. */
  sandboxInputs(cell: CompiledCell, data: ReadonlySet<string>): Record<string, SandboxInput> {
    const inputs: Record<string, SandboxInput> = {};
    for (const name of cell.references) {
      const id = this.dependencies.definers.get(name);
      const source = id ? this.slots.get(id) : undefined;
      if (source?.compiled.kind === 'input') inputs[name] = { kind: 'value', value: this.values.get(name) };
      else if (source?.compiled.kind === 'sql') inputs[name] = { kind: 'table', table: name, version: source.state.version };
      else if (source?.compiled.kind === 'ts') inputs[name] = { kind: 'cell', name, version: source.state.version };
      else if (!source && data.has(name)) inputs[name] = { kind: 'table', table: name, version: this.dataVersion };
    }
    return inputs;
  }

  /** Whether a SQL cell reads this cell (so its result must be a table in DuckDB). */
  readBySql(id: CellId): boolean {
    return (this.dependencies.downstream.get(id) ?? []).some((d) => this.slots.get(d)?.compiled.kind === 'sql');
  }

  private inputSpec(name: string): InputSpec | undefined {
    const id = this.dependencies.definers.get(name);
    return id ? this.slots.get(id)?.compiled.input?.spec : undefined;
  }

  /**
   * Forgets what a removed or renamed cell left behind; an input's value stays when an input
   * still defines its name (two inputs swapped names). A table or sandbox value is dropped even
   * then: the cell that took the name is new to it and runs again.
   */
  private forget(slot: Slot, inputNames: ReadonlySet<string> = new Set()): void {
    const name = slot.compiled.name;
    if (!name) return;
    if (slot.compiled.kind !== 'input') this.hooks.release(slot);
    else if (!inputNames.has(name)) this.values.delete(name);
  }
}

function sameValue(a: InputValue | undefined, b: InputValue | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
