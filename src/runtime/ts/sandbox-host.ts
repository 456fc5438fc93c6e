import type { CellId } from '../../notebook/document';
import type { SandboxQuery, TsRunRequest, TsRunResult, TsSandbox } from '../contracts';
import { cellPositionOf, compileTsCell, isCompileError, type CompileResult } from './compile';
import { Generation, type CodeEntry, type EndpointFactory } from './generation';
import { undefinedNameMessage } from './globals';
import { adoptValues, answerQuery, supplyNeed, type GoodRun, type SupplyContext } from './host-supply';
import type { CoreMessage, RunOutcome } from './protocol';
import { messageOf } from './sandbox-core';

export type { CodeEntry, EndpointEvents, EndpointFactory, SandboxEndpoint } from './generation';

/**
 * The page's side of a TypeScript sandbox, shared by WorkerSandbox and InlineSandbox: compiles
 * cells, keeps their code and each cell's last good run, answers the sandbox (host-supply.ts), and
 * owns its lifetime. Stopping a run ends its generation (a worker is terminated: the only way to
 * stop a busy loop) and starts the next at once, which refills itself on demand. A cell whose code
 * the current sandbox lacks (a worker cannot take code later) starts a new generation that first
 * adopts the old one's values.
 */

export interface SandboxOptions {
  /** how the sandbox reaches DuckDB */
  readonly query: SandboxQuery;
  /** stop any run that takes longer (restarting the sandbox); none by default */
  readonly timeLimitMs?: number;
}

export const STOPPED = 'Stopped.';
const STOPPED_OTHER = 'Stopped: the sandbox restarted because another cell was stopped. Run again.';
const MAX_COMPILED = 500;

export class SandboxHost implements TsSandbox {
  private readonly compiled = new Map<string, CompileResult>();
  private readonly book = new Map<string, CodeEntry>();
  private readonly keys = new Map<string, string>();
  private readonly latest = new Map<CellId, string>();
  private readonly good = new Map<string, GoodRun>();
  private readonly live = new Set<Generation>();
  private readonly donors = new Map<Generation, Generation>();
  private readonly supplier: SupplyContext;
  private current: Generation | null = null;
  private generations = 0;
  private runs = 0;
  private codes = 0;
  private closed = false;

  constructor(
    private readonly options: SandboxOptions,
    private readonly endpoints: EndpointFactory,
  ) {
    this.supplier = {
      query: options.query,
      good: (name) => this.good.get(name),
      goodRuns: () => this.good.values(),
      donorOf: (generation) => this.donors.get(generation),
      dispatch: (generation, run, chain) => this.dispatch(generation, run, chain),
    };
  }

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
    if (!outcome.ok) {
      const at = outcome.at && cellPositionOf(compiled.js, request.source, outcome.at.line, outcome.at.column);
      return { ok: false, error: { message: outcome.message, ...at }, ms: ms() };
    }
    if ((this.good.get(request.name)?.request.version ?? -Infinity) <= request.version) this.good.set(request.name, { request, compiled, key });
    const { display, digest, tableIpc } = outcome;
    return { ok: true, display, digest, ...(tableIpc ? { tableIpc } : {}), ms: ms() };
  }

  /**
   * Registers the TypeScript cells that may run next (all of a notebook's, when it opens or a cell
   * changes), so the next sandbox starts with all their code: a worker cannot take code later, and
   * without this each new cell would start a worker of its own. The list replaces the previous
   * one. Cells that do not compile are skipped (their run reports the error).
   */
  prepare(cells: readonly { readonly cell: CellId; readonly source: string }[]): void {
    this.latest.clear(); // the list is the notebook's: a deleted cell's code is not loaded again
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
    for (const generation of [...this.live]) if (generation !== this.current) this.end(generation, () => 'Stopped: the sandbox was reset.');
    if (this.current) this.stop(this.current, () => 'Stopped: the sandbox was reset.');
    await this.ready();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const generation of [...this.live]) this.end(generation, () => 'The sandbox was closed.');
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
      key = `${cell}#${++this.codes}`;
      this.keys.set(identity, key);
    }
    if (!this.book.has(key)) this.book.set(key, { js, cell });
    return key;
  }

  /** The current sandbox if it has the code, else a new one that has (adopting the old one's values). */
  private async generationWith(key: string): Promise<Generation> {
    let generation = this.current;
    if (!generation || !generation.endpoint.hasCode(key)) {
      const next = this.start();
      if (generation) this.replace(generation, next);
      this.current = generation = next;
    }
    await generation.endpoint.ready;
    return generation;
  }

  /** Starts a sandbox with the code that may run next: each cell's latest, and every good run's. */
  private start(): Generation {
    const keep = new Set([...this.latest.values(), ...[...this.good.values()].map((g) => g.key)]);
    for (const key of this.book.keys()) if (!keep.has(key)) this.book.delete(key);
    for (const [identity, key] of this.keys) if (!keep.has(key)) this.keys.delete(identity);
    const generation = new Generation(++this.generations);
    generation.endpoint = this.endpoints(this.book, {
      message: (message) => this.receive(generation, message),
      failed: (reason) => this.failed(generation, reason),
    });
    this.live.add(generation);
    generation.endpoint.ready.then(() => (generation.started = true), () => this.failed(generation, 'it could not start'));
    return generation;
  }

  /** The old sandbox hands its values to the new one, then ends once idle. */
  private replace(old: Generation, next: Generation): void {
    old.retired = true;
    old.onExportSettled = () => queueMicrotask(() => this.endIfIdle(old));
    this.donors.set(next, old);
    void adoptValues(this.supplier, old, next).finally(() => {
      this.donors.delete(next);
      this.endIfIdle(old);
    });
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
        this.endIfIdle(generation);
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
        void answerQuery(this.supplier, generation, message);
        return;
      case 'need':
        void supplyNeed(this.supplier, generation, message);
        return;
      case 'exported':
        generation.exported(message.exportId, message.value);
        return;
      case 'ready':
        return;
    }
  }

  /** Ends a sandbox and, if it was the current one, starts the next at once. */
  private stop(generation: Generation, message: (runId: number) => string): void {
    this.end(generation, message);
    if (generation === this.current && !this.closed) {
      this.current = this.start();
      this.current.endpoint.ready.catch(() => undefined);
    }
  }

  private end(generation: Generation, message: (runId: number) => string): void {
    this.live.delete(generation);
    generation.kill(message);
  }

  private endIfIdle(generation: Generation): void {
    if (generation.retired && generation.idle) this.end(generation, () => STOPPED_OTHER);
  }

  private failed(generation: Generation, reason: string): void {
    if (generation.dead) return;
    const text = `The sandbox stopped: ${reason}`;
    if (generation.started) this.stop(generation, () => text);
    else {
      this.end(generation, () => text);
      if (generation === this.current) this.current = null; // the next run tries again
    }
  }
}
