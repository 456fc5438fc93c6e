import { describe, expect, it } from 'vitest';
import { startNodeWasmDatabase } from '../support/wasm-node';

/**
 * Closing DuckDB-WASM while a query runs: DuckDB-WASM answers every call after terminate() with
 * `undefined` at once, so a poll loop that did not know the database was closed spun on
 * microtasks forever (in CI a Node test worker grew to 4 GB and died; in a page it would freeze
 * the main thread). The query must end with an error instead.
 */
describe('WasmDatabase.close while a query runs', () => {
  it('ends the running query with an error, and the event loop keeps turning', async () => {
    const db = await startNodeWasmDatabase();
    const running = db.query('SELECT sum(a.range * b.range) AS s FROM range(1000000) a, range(1000000) b', [], { signal: new AbortController().signal });
    const settled = running.then(
      () => 'resolved',
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
    await new Promise((r) => setTimeout(r, 300)); // the query is polling by now
    await db.close();
    // a timer firing at all proves the loop is not starving the event loop
    const outcome = await Promise.race([settled, new Promise<string>((r) => setTimeout(() => r('still running after 5 s'), 5000))]);
    expect(outcome).toMatch(/closed while this query ran/);
  }, 20_000);
});
