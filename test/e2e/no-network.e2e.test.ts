import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2eSession, type E2eSession } from './support/session';

let session: E2eSession;
beforeAll(async () => {
  session = await startE2eSession();
});
afterAll(() => session?.close());

describe('the app makes no request to any other host', () => {
  it('loads its page, scripts, DuckDB worker and wasm through the proxy, and nothing else', async () => {
    const app = await session.openApp();

    const paths = (await app.log.since())
      .filter((r) => r.forwarded && r.kind === 'http')
      .map((r) => new URL(r.url).pathname);
    // The proxy is in the path: it saw the app's own files, worker and wasm included.
    expect(paths).toContain(new URL(session.environment.appUrl).pathname);
    expect(paths.some((p) => /\/assets\/index-[^/]*\.js$/.test(p))).toBe(true);
    expect(paths.some((p) => /\/duckdb-browser-[^/]*worker[^/]*\.js$/.test(p))).toBe(true);
    expect(paths.some((p) => /\/duckdb-[^/]*\.wasm$/.test(p))).toBe(true);

    await app.expectNoOtherHostRequests();
    expect(app.problems).toEqual([]);
    await app.close();
  });
});
