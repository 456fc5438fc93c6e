import type { CellId } from '../../notebook/document';
import type { SandboxQuery, TsRunRequest, TsRunResult, TsSandbox } from '../contracts';
import { cellPositionOf, compileTsCell, isCompileError, type CompiledTsCell, type CompileResult } from './compile';
import { undefinedNameMessage } from './globals';
import type { CoreMessage, HostMessage, NeedMessage, Portable, QueryMessage, RunOutcome, Supply } from './protocol';
import { messageOf } from './sandbox-core';

/**
 * The page's side of a TypeScript sandbox, shared by WorkerSandbox and InlineSandbox: compiles
 * cells, keeps the code and each cell's last good run, answers the sandbox's queries and needs
 * (protocol.ts), and owns the sandbox's lifetime. A "generation" is one sandbox instance; stopping
 * a run ends its generation (a worker is terminated: the only way to stop a busy loop) and starts
 * the next, which refills itself on demand: tables are fetched again, cells' values re-made by
 * re-running their last good run.
 */

/** A compiled cell's code as a sandbox receives it. */
export interface CodeEntry {
  readonly js: string;
  readonly cell: CellId;
}

/** One running sandbox, as the host sees it. */
export interface SandboxEndpoint {
  /** resolves when the sandbox can run cells; rejects when it could not start */
  readonly ready: Promise<void>;
  /** whether this sandbox can run that code (a worker only has the code it was started with) */
  hasCode(key: string): boolean;
  post(message: HostMessage, transfer?: Transferable[]): void;
  terminate(): void;
}

export interface EndpointEvents {
  message(message: CoreMessage): void;
  /** the sandbox died (a crash, or it could not start) */
  failed(reason: string): void;
}

/** Starts a sandbox holding (at least) the given code. */
export type EndpointFactory = (code: ReadonlyMap<string, CodeEntry>, events: EndpointEvents) => SandboxEndpoint;

export interface SandboxOptions {
  /** how the sandbox reaches DuckDB */
  readonly query: SandboxQuery;
  /** stop any run that takes longer (restarting the sandbox); none by default */
  readonly timeLimitMs?: number;
}

export const STOPPED = 'Stopped.';
/** How long a replaced sandbox stays alive to hand its values to the next one. */
const DONOR_LIFETIME_MS = 60_000;
/** How long to wait for a replaced sandbox's copy before re-running the cell instead. */
const EXPORT_WAIT_MS = 1_000;
const STOPPED_OTHER = 'Stopped: the sandbox restarted because another cell was stopped. Run again.';
const MAX_COMPILED = 500;

interface PendingRun {
  finish(outcome: RunOutcome): void;
  /** the cells being re-made for this run, to refuse a loop */
  readonly chain: readonly string[];
}

class Generation {
  readonly runs = new Map<number, PendingRun>();
  readonly exports = new Map<number, (value: Portable | undefined) => void>();
  readonly queries = new AbortController();
  endpoint!: SandboxEndpoint;
  started = false;
  retired = false;
  dead = false;

  constructor(readonly id: number) {}
}

interface GoodRun {
  readonly request: TsRunRequest;
  readonly compiled: CompiledTsCell;
  readonly key: string;
}

export class SandboxHost implements TsSandbox {
  private readonly compiled = new Map<string, CompileResult>();
  private readonly book = new Map<string, CodeEntry>();
  private readonly keys = new Map<string, string>();
  private readonly latest = new Map<CellId, string>();
  private readonly good = new Map<string, GoodRun>();
  private readonly live = new Set<Generation>();
  private current: Generation | null = null;
  /** the sandbox the current one replaced, kept for a while to copy values from */
  private donor: Generation | null = null;
  private donorTimer: ReturnType<typeof setTimeout> | undefined;
  private generations = 0;
  private runs = 0;
  private closed = false;

  constructor(
    private readonly options: SandboxOptions,
    private readonly endpoints: EndpointFactory,
  ) {}

  /** How many sandboxes have been started (a restart starts one). */
  get generation(): number {
    return this.generations;
  }

  async run(request: TsRunRequest, signal?: AbortSignal): Promise<TsRunResult> {
    const started = performance.now();
    const ms = () => Math.round(performance.now() - started);
    if (this.closed) return { ok: false, error: { message: 'The sandbox is closed.' }, ms: 0 };
    if (signal?.aborted) return { ok: false, error: { message: STOPPED }, ms: 0 };
    const compiled = this.compile(request.source);
    if (isCompileError(compiled)) return { ok: false, error: compiled.error, ms: ms() };
    const missing = compiled.references.find((name) => !Object.hasOwn(request.inputs, name));
    if (missing) return { ok: false, error: { message: undefinedNameMessage(missing), ...compiled.firstUse[missing] }, ms: ms() };
    const key = this.keyFor(request.cell, compiled.js);
    this.latest.set(request.cell, key);
    let generation: Generation;
    try {
      generation = await this.generationWith(key);
    } catch (error) {
      return { ok: false, error: { message: `The sandbox could not start: ${messageOf(error)}` }, ms: ms() };
    }
    const outcome = await this.dispatch(generation, { request, compiled, key }, [request.name], signal);
    if (outcome.ok && (this.good.get(request.name)?.request.version ?? -Infinity) <= request.version) {
      this.good.set(request.name, { request, compiled, key });
    }
    if (outcome.ok) {
      const { display, digest, tableIpc } = outcome;
      return { ok: true, display, digest, ...(tableIpc ? { tableIpc } : {}), ms: ms() };
    }
    const at = outcome.at && cellPositionOf(compiled.js, request.source, outcome.at.line, outcome.at.column);
    return { ok: false, error: { message: outcome.message, ...at }, ms: ms() };
  }

  /**
   * Registers the TypeScript cells that may run next (e.g. all of a notebook's, when it opens or
   * a cell is edited), so the next sandbox starts with all their code: a worker cannot take code
   * later, and without this each new cell would start a worker of its own. Cells that do not
   * compile are skipped (their run reports the error).
   */
  prepare(cells: readonly { readonly cell: CellId; readonly source: string }[]): void {
    for (const { cell, source } of cells) {
      const compiled = this.compile(source);
      if (!isCompileError(compiled)) this.latest.set(cell, this.keyFor(cell, compiled.js));
    }
  }

  forget(name: string): void {
    this.good.delete(name);
    for (const generation of this.live) if (!generation.dead) generation.endpoint.post({ type: 'forget', name });
  }

  async reset(): Promise<void> {
    if (this.donor) this.kill(this.donor, () => 'Stopped: the sandbox was reset.');
    if (this.current) this.stop(this.current, () => 'Stopped: the sandbox was reset.');
    else this.current = this.start();
    await this.ready();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.donorTimer);
    for (const generation of [...this.live]) this.kill(generation, () => 'The sandbox was closed.');
    this.current = null;
  }

  /** Resolves when a sandbox is up, starting one if none is: how a restart is measured. */
  async ready(): Promise<void> {
    if (this.closed) throw new Error('The sandbox is closed.');
    this.current ??= this.start();
    await this.current.endpoint.ready;
  }

  private compile(source: string): CompileResult {
    let result = this.compiled.get(source);
    if (!result) {
      if (this.compiled.size >= MAX_COMPILED) this.compiled.clear();
      result = compileTsCell(source);
      this.compiled.set(source, result);
    }
    return result;
  }

  private keyFor(cell: CellId, js: string): string {
    const identity = `${cell}\u0000${js}`;
    let key = this.keys.get(identity);
    if (!key) {
      key = `${cell}#${this.keys.size + 1}`;
      this.keys.set(identity, key);
    }
    if (!this.book.has(key)) this.book.set(key, { js, cell });
    return key;
  }

  /** The current sandbox if it has the code, else a new one that has (the old one retires). */
  private async generationWith(key: string): Promise<Generation> {
    if (!this.current || !this.current.endpoint.hasCode(key)) {
      if (this.current) this.retire(this.current);
      this.current = this.start();
    }
    const generation = this.current;
    await generation.endpoint.ready;
    return generation;
  }

  /** Starts a sandbox with the code that may run next: each cell's latest, and every good run's. */
  private start(): Generation {
    const keep = new Set([...this.latest.values(), ...[...this.good.values()].map((g) => g.key)]);
    for (const key of this.book.keys()) if (!keep.has(key)) this.book.delete(key);
    const generation = new Generation(++this.generations);
    generation.endpoint = this.endpoints(this.book, {
      message: (message) => this.receive(generation, message),
      failed: (reason) => this.failed(generation, reason),
    });
    this.live.add(generation);
    generation.endpoint.ready.then(() => (generation.started = true), () => this.failed(generation, 'it could not start'));
    return generation;
  }

  private dispatch(generation: Generation, run: GoodRun, chain: readonly string[], signal?: AbortSignal): Promise<RunOutcome> {
    if (generation.dead) return Promise.resolve({ ok: false, message: STOPPED_OTHER });
    const runId = ++this.runs;
    const { request, compiled, key } = run;
    return new Promise<RunOutcome>((resolve) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const onAbort = () => this.stop(generation, (id) => (id === runId ? STOPPED : STOPPED_OTHER));
      const finish = (outcome: RunOutcome) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        generation.runs.delete(runId);
        resolve(outcome);
        if (generation.retired && generation !== this.donor && generation.runs.size === 0) this.kill(generation, () => STOPPED_OTHER);
      };
      generation.runs.set(runId, { finish, chain });
      signal?.addEventListener('abort', onAbort, { once: true });
      const limit = this.options.timeLimitMs;
      if (limit !== undefined && chain.length === 1) {
        timer = setTimeout(() => this.stop(generation, (id) => (id === runId ? `Stopped after ${limit / 1000} s (the time limit).` : STOPPED_OTHER)), limit);
      }
      const inputs = Object.fromEntries(compiled.references.map((name) => [name, request.inputs[name]!]));
      try {
        generation.endpoint.post({ type: 'run', runId, code: key, name: request.name, version: request.version, params: compiled.references, inputs });
      } catch (error) {
        finish({ ok: false, message: `The inputs could not be sent to the sandbox: ${messageOf(error)}` });
      }
    });
  }

  private receive(generation: Generation, message: CoreMessage): void {
    if (generation.dead) return;
    switch (message.type) {
      case 'done':
        generation.runs.get(message.runId)?.finish(message.outcome);
        return;
      case 'query':
        void this.answer(generation, message);
        return;
      case 'need':
        void this.supply(generation, message);
        return;
      case 'exported':
        generation.exports.get(message.exportId)?.(message.value);
        generation.exports.delete(message.exportId);
        return;
      case 'ready':
        return;
    }
  }

  /** A copy of a cell's value from the replaced sandbox, if it has it and answers in time. */
  private copyFromDonor(name: string, version: number): Promise<Portable | undefined> {
    const donor = this.donor;
    if (!donor || donor.dead || !donor.started) return Promise.resolve(undefined);
    const exportId = ++this.runs;
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(undefined), EXPORT_WAIT_MS);
      const done = (value: Portable | undefined) => {
        clearTimeout(timer);
        donor.exports.delete(exportId);
        resolve(value);
      };
      donor.exports.set(exportId, done);
      donor.endpoint.post({ type: 'export', exportId, name, version });
    });
  }

  private async answer(generation: Generation, message: QueryMessage): Promise<void> {
    try {
      const ipc = await this.options.query(message.sql, message.params, generation.queries.signal);
      if (!generation.dead) generation.endpoint.post({ type: 'answer', queryId: message.queryId, ipc });
    } catch (error) {
      if (!generation.dead) generation.endpoint.post({ type: 'answer', queryId: message.queryId, error: messageOf(error) });
    }
  }

  private async supply(generation: Generation, message: NeedMessage): Promise<void> {
    const { input } = message;
    let supply: Supply;
    if (input.kind === 'table') {
      try {
        const ipc = await this.options.query(`SELECT * FROM ${quoteIdentifier(input.table)}`, [], generation.queries.signal);
        supply = { kind: 'table', ipc };
      } catch (error) {
        supply = { kind: 'missing', message: `The table ${input.table} could not be read: ${messageOf(error)}` };
      }
    } else {
      supply = await this.remake(generation, message.runId, input.name, input.version);
    }
    if (!generation.dead) generation.endpoint.post({ type: 'supply', needId: message.needId, supply });
  }

  /** Re-runs a cell's last good run in this sandbox, so its value is there again. */
  private async remake(generation: Generation, runId: number, name: string, version: number): Promise<Supply> {
    const missing = (text: string): Supply => ({ kind: 'missing', message: text });
    const good = this.good.get(name);
    const chain = generation.runs.get(runId)?.chain ?? [];
    if (!good || good.request.version !== version) return missing(`${name} has no value in the sandbox: run ${name} first`);
    if (chain.includes(name)) return missing(`${name} depends on itself`);
    const copy = generation === this.current ? await this.copyFromDonor(name, version) : undefined;
    if (copy) return { kind: 'value', value: copy };
    if (!generation.endpoint.hasCode(good.key)) return missing(`${name}'s value was lost when the sandbox restarted: run ${name} again`);
    const outcome = await this.dispatch(generation, good, [...chain, name]);
    return outcome.ok ? { kind: 'cell' } : missing(`${name} failed when it was re-run for this cell: ${outcome.message}`);
  }

  /** Ends a sandbox and, if it was the current one, starts the next at once. */
  private stop(generation: Generation, message: (runId: number) => string): void {
    this.kill(generation, message);
    if (generation === this.current && !this.closed) {
      this.current = this.start();
      this.current.endpoint.ready.catch(() => undefined);
    }
  }

  /** The replaced sandbox becomes the donor (the one before it ends once idle) for a while. */
  private retire(generation: Generation): void {
    const previous = this.donor;
    if (previous && previous.runs.size === 0) this.kill(previous, () => STOPPED_OTHER);
    generation.retired = true;
    this.donor = generation;
    clearTimeout(this.donorTimer);
    this.donorTimer = setTimeout(() => {
      if (this.donor !== generation) return;
      this.donor = null;
      if (generation.runs.size === 0) this.kill(generation, () => STOPPED_OTHER);
    }, DONOR_LIFETIME_MS);
  }

  private kill(generation: Generation, message: (runId: number) => string): void {
    if (generation.dead) return;
    generation.dead = true;
    this.live.delete(generation);
    generation.queries.abort();
    generation.endpoint.terminate();
    if (generation === this.donor) this.donor = null;
    for (const done of [...generation.exports.values()]) done(undefined);
    for (const [runId, run] of [...generation.runs]) run.finish({ ok: false, message: message(runId) });
  }

  private failed(generation: Generation, reason: string): void {
    if (generation.dead) return;
    const text = `The sandbox stopped: ${reason}`;
    if (generation.started) this.stop(generation, () => text);
    else {
      this.kill(generation, () => text);
      if (generation === this.current) this.current = null; // the next run tries again
    }
  }
}

/** A DuckDB identifier, quoted. */
function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
