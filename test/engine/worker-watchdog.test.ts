import { describe, expect, it } from 'vitest';
import { WorkerWatchdog } from '../../src/engine/wasm/worker-watchdog';

/**
 * A stand-in for DuckDB-WASM's worker and AsyncDuckDB: requests are entries of `_pendingRequests`
 * (as AsyncDuckDB keeps them), the worker answers by removing one and sending a message. The clock
 * is ours; `check()` is called as the watchdog's timer would.
 */
function rig(options = { silenceMs: 3000, pingEveryMs: 1000, tickMs: 250 }) {
  let now = 0;
  let next = 1;
  const worker = new EventTarget();
  const pings: number[] = [];
  const replies = new Map<number, () => void>();
  const db = {
    _pendingRequests: new Map<number, { type: string }>(),
    ping: () => {
      const id = send('PING');
      pings.push(id);
      return new Promise<void>((resolve) => replies.set(id, resolve));
    },
  };
  function send(type: string): number {
    const id = next++;
    db._pendingRequests.set(id, { type });
    return id;
  }
  function answer(id: number): void {
    db._pendingRequests.delete(id);
    worker.dispatchEvent(new Event('message'));
    replies.get(id)?.();
  }
  const dog = new WorkerWatchdog(worker as never, db, options, () => now);
  const deaths: string[] = [];
  dog.onDeath((reason) => deaths.push(reason));
  /** advances the clock in ticks, checking at each */
  const run = (ms: number) => {
    for (let t = 0; t < ms; t += options.tickMs) {
      now += options.tickMs;
      dog.check();
    }
  };
  return { worker, db, dog, deaths, pings, send, answer, run, jump: (ms: number) => (now += ms), check: () => dog.check() };
}

describe('the DuckDB worker watchdog', () => {
  it('pings an idle worker every second and stays calm while it answers', async () => {
    const r = rig();
    let sent = 0;
    for (let s = 0; s < 10; s++) {
      r.run(1000);
      sent += r.pings.length;
      for (const id of r.pings.splice(0)) r.answer(id);
      await Promise.resolve();
    }
    expect(r.deaths).toEqual([]);
    expect(sent).toBe(10);
  });

  it('declares a worker that stopped answering dead about 3 s after the unanswered ping', () => {
    const r = rig();
    r.run(250); // the first look pings
    expect(r.pings).toHaveLength(1);
    r.run(3000); // exactly 3 s unanswered: not yet
    expect(r.deaths).toEqual([]);
    expect(r.pings).toHaveLength(1); // one ping at a time
    r.run(250);
    expect(r.deaths).toHaveLength(1);
    expect(r.deaths[0]).toMatch(/stopped answering/);
  });

  it('never judges a busy worker by silence: one step of a query may run for minutes', () => {
    const r = rig();
    r.send('START_PENDING_QUERY');
    r.run(120_000);
    r.send('POLL_PENDING_QUERY');
    r.run(120_000);
    expect(r.deaths).toEqual([]);
    expect(r.pings).toEqual([]); // a busy worker is not pinged either
  });

  it('judges a ping sent while the worker was idle even when requests were sent after it (they queue behind it)', async () => {
    const r = rig();
    r.run(250);
    expect(r.pings).toHaveLength(1);
    r.send('START_PENDING_QUERY'); // the user's query, right after the ping
    r.run(3250);
    expect(r.deaths).toHaveLength(1);
  });

  it('gives the worker time after the page itself was blocked (its answer may be queued behind)', () => {
    const r = rig();
    r.run(250);
    r.jump(5000); // the main thread was busy for 5 s: the ping's answer is waiting in the queue
    r.check();
    expect(r.deaths).toEqual([]);
    r.run(3000);
    expect(r.deaths).toEqual([]);
    r.run(500);
    expect(r.deaths).toHaveLength(1);
  });

  it('declares death at once on the worker’s error event, and only once', () => {
    const r = rig();
    r.worker.dispatchEvent(Object.assign(new Event('error'), { message: 'RuntimeError: Aborted(OOM)' }));
    r.worker.dispatchEvent(new Event('error'));
    r.run(10_000);
    expect(r.deaths).toEqual(['the DuckDB worker failed: RuntimeError: Aborted(OOM)']);
  });
});
