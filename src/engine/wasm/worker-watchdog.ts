/**
 * Notices that DuckDB-WASM's worker died. AsyncDuckDB does not: on a worker 'error' it drops its
 * pending requests without rejecting them, and a worker that closed or was terminated sends
 * nothing at all, so every call then waits forever. Three signs are watched:
 *
 * 1. the Worker's 'error' event (an exception the worker did not catch: its state is unknown);
 * 2. silence: requests that an alive worker answers quickly (a ping, a poll of a pending query,
 *    which DuckDB-WASM returns after its polling interval of ~100 ms, a result fetch, a cancel)
 *    have waited longer than `silenceMs` with no message at all from the worker;
 * 3. a heartbeat: when nothing is outstanding, a ping every `pingEveryMs`, so a worker that died
 *    while idle is found before the user's next query hangs on it.
 *
 * Steps that may legitimately run for long in one go (a prepared statement, an Arrow insert, a
 * file registration) are never judged by silence: a busy worker and a dead one look the same
 * there, and a false death would throw the user's tables away. A death during such a step is
 * found by sign 1, or by silence once the step's caller goes on to a quick request.
 *
 * Which requests are outstanding is read from AsyncDuckDB's `_pendingRequests` (a Map of
 * `{ type }` tasks; @duckdb/duckdb-wasm is pinned to an exact version). Without it, only the
 * 'error' event and the heartbeat are used.
 */

/** Requests an alive, idle-between-steps worker answers within its polling interval. */
const QUICK = new Set(['PING', 'POLL_PENDING_QUERY', 'FETCH_QUERY_RESULTS', 'CANCEL_PENDING_QUERY', 'GET_VERSION', 'CLOSE_PREPARED', 'DROP_FILE']);

export interface WatchedWorker {
  addEventListener(type: 'message' | 'error', listener: (event: Event) => void): void;
  removeEventListener(type: 'message' | 'error', listener: (event: Event) => void): void;
}

export interface WatchedDuckDB {
  ping(): Promise<unknown>;
}

export interface WatchdogOptions {
  /** how long quick requests may go unanswered before the worker counts as dead */
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
  /** when each outstanding request was first seen */
  private readonly firstSeen = new Map<number, number>();
  /** when the outstanding ping was sent, if one is (used when requests cannot be seen) */
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

  /** One look: declares the worker dead when quick requests met silence; pings it when idle. */
  check(): void {
    if (this.verdict !== null) return;
    const now = this.now();
    // the page was blocked (long task, debugger): the worker's answers may still be queued behind
    if (now - this.lastTick > Math.max(1000, 4 * this.tickMs)) this.graceFrom = now;
    this.lastTick = now;
    const pending = pendingOf(this.db);
    if (pending === null) return this.heartbeatOnly(now);
    for (const id of [...this.firstSeen.keys()]) if (!pending.has(id)) this.firstSeen.delete(id);
    for (const id of pending.keys()) if (!this.firstSeen.has(id)) this.firstSeen.set(id, now);
    if (pending.size === 0) {
      if (now - this.lastPing >= this.pingEveryMs) this.ping(now);
      return;
    }
    if (![...pending.values()].every((task) => QUICK.has(task.type))) return;
    const oldest = Math.min(...[...pending.keys()].map((id) => this.firstSeen.get(id)!));
    const quietFor = now - Math.max(this.lastHeard, oldest, this.graceFrom);
    if (quietFor > this.silenceMs) this.die(`the DuckDB worker stopped answering (${Math.round(quietFor)} ms without a reply)`);
  }

  /** Without a view of the outstanding requests: a ping unanswered for `silenceMs` is death. */
  private heartbeatOnly(now: number): void {
    if (this.pinging !== null && now - Math.max(this.pinging, this.graceFrom) > this.silenceMs) {
      this.die(`the DuckDB worker stopped answering (no reply to a ping in ${this.silenceMs} ms)`);
    } else if (this.pinging === null && now - this.lastPing >= this.pingEveryMs) this.ping(now);
  }

  private ping(now: number): void {
    this.lastPing = now;
    this.pinging = now;
    this.db.ping().then(
      () => (this.pinging = null),
      () => (this.pinging = null),
    );
    // the ping's silence counts from now, not from the next look
    for (const id of pendingOf(this.db)?.keys() ?? []) if (!this.firstSeen.has(id)) this.firstSeen.set(id, now);
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
