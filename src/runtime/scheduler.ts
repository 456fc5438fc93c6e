import { isCancellation } from '../engine/database';
import type { CellDigest, CellId } from '../notebook/document';
import type { CellSlots } from './cell-slots';
import type { CompiledCell } from './compile-cell';
import type { CellError, Display } from './contracts';

/** What one run of a cell gave: what to show (and a TypeScript cell's digest), or its error. */
export type RunOutcome = { display: Display; tsDigest?: CellDigest } | { error: CellError };

export interface SchedulerDeps {
  readonly cells: CellSlots;
  /** runs one cell's code, for the given version of the cell */
  readonly execute: (cell: CompiledCell, version: number, signal: AbortSignal) => Promise<RunOutcome>;
  /** names of the loaded data tables (a cell may not take their name) */
  readonly dataTables: () => ReadonlySet<string>;
  readonly now: () => number;
}

/**
 * Runs stale cells one at a time, in dependency order, each after what it reads is done. A cell
 * that cannot run (a duplicate name, a cycle, its own error, an error upstream) gets that error
 * without running; a run superseded while in flight is dropped, and the newer version runs next.
 */
export class Scheduler {
  private pumping: Promise<void> | null = null;
  /** how many times each cell ran (tests check "exactly once") */
  readonly runs = new Map<CellId, number>();

  constructor(private readonly deps: SchedulerDeps) {}

  /** Starts the run loop unless it is running; resolves when it has nothing left to run. */
  pump(): Promise<void> {
    this.pumping ??= this.loop();
    return this.pumping;
  }

  /** Resolves when nothing is stale or running. */
  async idle(): Promise<void> {
    while (this.pumping) await this.pumping;
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
    const { cells } = this.deps;
    for (const id of cells.graph.order) {
      if (cells.get(id)!.state.status !== 'stale') continue;
      const blocked = this.blockedBy(id);
      if (blocked === 'wait') continue;
      if (blocked) {
        cells.setState(id, { status: 'error', error: blocked });
        continue;
      }
      return id;
    }
    return null;
  }

  /** Why a cell cannot run now: an error of its own or upstream, or 'wait' for upstream runs. */
  private blockedBy(id: CellId): CellError | 'wait' | null {
    const { cells } = this.deps;
    const slot = cells.get(id)!;
    const problem = cells.graph.problems.get(id);
    if (problem?.kind === 'duplicate') return { message: `The name ${problem.name} is defined by more than one cell` };
    if (problem?.kind === 'cycle') {
      const names = problem.cells.map((c) => cells.get(c)?.compiled.name ?? c);
      return { message: `These cells read each other in a circle: ${[...names, names[0]].join(' → ')}` };
    }
    if (slot.compiled.error) return slot.compiled.error;
    const name = slot.compiled.name;
    if (name && this.deps.dataTables().has(name)) return { message: `The name ${name} is taken by a loaded table; rename the cell` };
    for (const up of cells.graph.upstream.get(id) ?? []) {
      const state = cells.get(up)!.state;
      if (state.status === 'error') return { message: `Waits for ${cells.get(up)!.compiled.name ?? up}, which has an error` };
      if (state.status !== 'done') return 'wait';
    }
    return null;
  }

  private async runOne(id: CellId): Promise<void> {
    const { cells } = this.deps;
    const slot = cells.get(id)!;
    const version = slot.state.version;
    const controller = new AbortController();
    slot.controller = controller;
    const startedAt = this.deps.now();
    cells.setState(id, { status: 'running', startedAt });
    this.runs.set(id, (this.runs.get(id) ?? 0) + 1);
    let outcome: RunOutcome | null;
    try {
      outcome = await this.deps.execute(slot.compiled, version, controller.signal);
    } catch (error) {
      outcome = controller.signal.aborted || isCancellation(error) ? null : { error: { message: error instanceof Error ? error.message : String(error) } };
    }
    if (slot.controller === controller) slot.controller = null;
    // superseded while running: the newer version runs next; this result is dropped
    if (cells.get(id) !== slot || slot.state.version !== version) return;
    const ms = this.deps.now() - startedAt;
    if (outcome === null) {
      cells.setState(id, { status: 'error', error: { message: 'Stopped' }, ms });
    } else if ('error' in outcome) {
      cells.setState(id, { status: 'error', error: outcome.error, ms });
    } else {
      if (outcome.tsDigest) slot.tsDigest = outcome.tsDigest;
      cells.setState(id, { status: 'done', display: outcome.display, ms });
    }
  }
}
