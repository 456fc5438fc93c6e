import type { CellId } from '../../notebook/document';
import type { CoreMessage, HostMessage, Portable, RunOutcome } from './protocol';

/**
 * One sandbox instance as the host sees it (a "generation": stopping a run ends one and starts the
 * next). It tracks what is in flight there, so ending it can settle every run, export and query.
 */

/** A compiled cell's code as a sandbox receives it. */
export interface CodeEntry {
  readonly js: string;
  readonly cell: CellId;
}

/** One running sandbox. */
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

/** How long to wait for a copy of a value before doing without it. */
const EXPORT_WAIT_MS = 1_000;

interface PendingRun {
  finish(outcome: RunOutcome): void;
  /** the cells being re-made for this run, to refuse a loop */
  readonly chain: readonly string[];
}

export class Generation {
  readonly runs = new Map<number, PendingRun>();
  /** aborted when the generation ends: cancels its queries */
  readonly queries = new AbortController();
  private readonly exports = new Map<number, (value: Portable | undefined) => void>();
  private exportIds = 0;
  endpoint!: SandboxEndpoint;
  started = false;
  /** replaced by a newer generation: ends once idle */
  retired = false;
  /** its values are being copied to its successor */
  donating = false;
  /** values copied into it from its predecessor ("name@version"), so a need for one is already met */
  readonly adopted = new Set<string>();
  dead = false;

  constructor(readonly id: number) {}

  /** Nothing needs it any more: no runs in flight, no values being copied out. */
  get idle(): boolean {
    return this.runs.size === 0 && !this.donating && this.exports.size === 0;
  }

  /** A copy of a cell's value, if this sandbox has it at that version and answers in time. */
  exportValue(name: string, version: number): Promise<Portable | undefined> {
    if (this.dead || !this.started) return Promise.resolve(undefined);
    const exportId = ++this.exportIds;
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(undefined), EXPORT_WAIT_MS);
      const done = (value: Portable | undefined) => {
        clearTimeout(timer);
        this.exports.delete(exportId);
        resolve(value);
        this.onExportSettled();
      };
      this.exports.set(exportId, done);
      this.endpoint.post({ type: 'export', exportId, name, version });
    });
  }

  exported(exportId: number, value: Portable | undefined): void {
    this.exports.get(exportId)?.(value);
  }

  /** Called when an export settles, so a replaced sandbox can end once it has handed everything over. */
  onExportSettled: () => void = () => undefined;

  /** Ends the sandbox; every run still in flight finishes with `message(runId)`. */
  kill(message: (runId: number) => string): void {
    if (this.dead) return;
    this.dead = true;
    this.queries.abort();
    this.endpoint.terminate();
    for (const done of [...this.exports.values()]) done(undefined);
    for (const [runId, run] of [...this.runs]) run.finish({ ok: false, message: message(runId) });
  }
}
