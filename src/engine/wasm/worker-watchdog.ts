/**
 * Notices that DuckDB-WASM's worker died. AsyncDuckDB does not: on a worker 'error' it drops its
 * pending requests without rejecting them, and a worker that closed or was terminated sends
 * nothing at all, so every call then waits forever. Two signs are watched here:
 *
 * 1. the Worker's 'error' event (an exception the worker did not catch: its state is unknown);
 * 2. a heartbeat: when no request is outstanding, a ping every `pingEveryMs`. The worker is idle
 *    then, so an alive one answers within milliseconds (requests sent after the ping queue behind
 *    it); a ping unanswered for `silenceMs` means the worker is gone.
 *
 * A busy worker is never judged by silence: one step of a query (a sort, an aggregate's finalize)
 * can run for seconds without a reply (measured: over 3 s for an md5 over a 50k-row string_agg on
 * a loaded machine), a busy worker and a dead one look the same, and a false death would throw the
 * user's tables away. A death during a step shows as sign 1, or as a WebAssembly trap in the
 * step's reply (recovering-database.ts); a worker that vanished silently mid-step is found only
 * once its calls settle (never, for the worst case): a known limit.
 *
 * Whether requests are outstanding is read from AsyncDuckDB's `_pendingRequests` (a Map;
 * @duckdb/duckdb-wasm is pinned to an exact version). Without it there is no heartbeat.
 */

export interface WatchedWorker {
  addEventListener(type: 'message' | 'error', listener: (event: Event) => void): void;
  removeEventListener(type: 'message' | 'error', listener: (event: Event) => void): void;
}

export interface WatchedDuckDB {
  ping(): Promise<unknown>;
}

export interface WatchdogOptions {
  /** how long a ping to an idle worker may go unanswered before the worker counts as dead */
  readonly silenceMs?: number;
  /** how often an idle worker is pinged */
  readonly pingEveryMs?: number;
  /** how often the watchdog looks */
  readonly tickMs?: number;
}

export class WorkerWatchdog {
  readonly silenceMs: number;
  readonly pingEveryMs: number;
  readonly tickMs: number;
  /** when the worker last sent anything */
  private lastHeard: number;
  private lastPing = -Infinity;
  private lastTick: number;
  /** counting silence starts no earlier than this (after the page itself was blocked) */
  private graceFrom: number;
  /** when the outstanding ping was sent, if one is */
  private pinging: number | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private verdict: string | null = null;
  private readonly listeners: ((reason: string) => void)[] = [];

  constructor(
    private readonly worker: WatchedWorker,
    private readonly db: WatchedDuckDB,
    options: WatchdogOptions = {},
    private readonly now: () => number = () => performance.now(),
  ) {
    this.silenceMs = options.silenceMs ?? 3000;
    this.pingEveryMs = options.pingEveryMs ?? 1000;
    this.tickMs = options.tickMs ?? 250;
    this.lastHeard = this.lastTick = this.graceFrom = now();
    worker.addEventListener('message', this.onMessage);
    worker.addEventListener('error', this.onError);
  }

  /** Calls `listener` once, with a reason, when the worker is found dead. */
  onDeath(listener: (reason: string) => void): void {
    if (this.verdict !== null) listener(this.verdict);
    else this.listeners.push(listener);
  }

  /** Starts looking every `tickMs`. */
  start(): this {
    this.timer ??= setInterval(() => this.check(), this.tickMs);
    return this;
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    this.worker.removeEventListener('message', this.onMessage);
    this.worker.removeEventListener('error', this.onError);
  }

  private readonly onMessage = () => {
    this.lastHeard = this.now();
  };

  private readonly onError = (event: Event) => {
    const message = (event as ErrorEvent).message;
    this.die(`the DuckDB worker failed${message ? `: ${message}` : ''}`);
  };

  /** One look: declares the worker dead when a ping sent while it was idle met silence; pings it when idle. */
  check(): void {
    if (this.verdict !== null) return;
    const now = this.now();
    // the page was blocked (long task, debugger): the worker's answer may still be queued behind
    if (now - this.lastTick > Math.max(1000, 4 * this.tickMs)) this.graceFrom = now;
    this.lastTick = now;
    const pending = pendingOf(this.db);
    if (pending === null) return;
    if (this.pinging !== null) {
      const quietFor = now - Math.max(this.pinging, this.lastHeard, this.graceFrom);
      if (quietFor > this.silenceMs) this.die(`the DuckDB worker stopped answering (no reply to a ping in ${Math.round(quietFor)} ms)`);
      return;
    }
    if (pending.size === 0 && now - this.lastPing >= this.pingEveryMs) this.ping(now);
  }

  private ping(now: number): void {
    this.lastPing = now;
    this.pinging = now;
    this.db.ping().then(
      () => (this.pinging = null),
      () => (this.pinging = null),
    );
  }

  private die(reason: string): void {
    if (this.verdict !== null) return;
    this.verdict = reason;
    this.stop();
    for (const listener of this.listeners.splice(0)) listener(reason);
  }
}

/** AsyncDuckDB's outstanding requests by id, or null when they cannot be seen. */
function pendingOf(db: WatchedDuckDB): ReadonlyMap<number, { type: string }> | null {
  const pending = (db as { _pendingRequests?: unknown })._pendingRequests;
  return pending instanceof Map ? (pending as Map<number, { type: string }>) : null;
}
