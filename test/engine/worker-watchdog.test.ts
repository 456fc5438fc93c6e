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
  const db = {
    _pendingRequests: new Map<number, { type: string }>(),
    ping: () => {
      const id = send('PING');
      pings.push(id);
      return new Promise<void>(() => undefined);
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
  it('pings an idle worker every second and stays calm while it answers', () => {
    const r = rig();
    for (let s = 0; s < 10; s++) {
      r.run(1000);
      for (const id of r.pings.splice(0)) r.answer(id);
    }
    expect(r.deaths).toEqual([]);
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

  it('never judges a long step (a prepared statement, an Arrow insert) by silence', () => {
    const r = rig();
    r.send('RUN_PREPARED');
    r.run(120_000);
    expect(r.deaths).toEqual([]);
    expect(r.pings).toEqual([]); // a busy worker is not pinged either
  });

  it('declares death when the polls of a running query go unanswered, not while they are answered', () => {
    const r = rig();
    // a long query: a poll every ~100 ms, each answered
    for (let i = 0; i < 100; i++) {
      const poll = r.send('POLL_PENDING_QUERY');
      r.run(250);
      r.answer(poll);
    }
    expect(r.deaths).toEqual([]);
    r.send('POLL_PENDING_QUERY'); // the worker dies here
    r.run(3000);
    expect(r.deaths).toEqual([]);
    r.run(500);
    expect(r.deaths).toHaveLength(1);
  });

  it('counts silence from when a quick request was sent, not from the last answer long before', () => {
    const r = rig();
    r.send('RUN_PREPARED'); // outstanding for a minute, then answered
    r.run(60_000);
    r.answer([...r.db._pendingRequests.keys()][0]!);
    r.run(250);
    r.answer(r.pings.pop()!);
    r.jump(10_000);
    r.check(); // a ping starts after 10 s of quiet idleness
    r.answer(r.pings.pop()!);
    r.send('FETCH_QUERY_RESULTS');
    r.run(2500);
    expect(r.deaths).toEqual([]);
  });

  it('gives the worker time after the page itself was blocked (its answers may be queued behind)', () => {
    const r = rig();
    r.send('POLL_PENDING_QUERY');
    r.jump(5000); // the main thread was busy for 5 s
    r.check();
    expect(r.deaths).toEqual([]);
    r.run(3500);
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
