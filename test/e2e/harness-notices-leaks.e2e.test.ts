import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { OpenedApp } from './support/app-page';
import { waitForRecord } from './support/network-expectations';
import { startE2eSession, type E2eSession } from './support/session';

/**
 * The harness's self-test: an outgoing attempt from the app's page or its workers is noticed,
 * never silently missed, either by the app's CSP (a violation event) or by the proxy (a record).
 * example.com stands for any other host; the resolver rule and the proxy keep it unreachable.
 */

let session: E2eSession;
beforeAll(async () => {
  session = await startE2eSession();
});
afterAll(() => session?.close());

interface Violation {
  readonly blockedURI: string;
  readonly directive: string;
}

/** Runs `attempt` in the page and returns the CSP violations reported meanwhile. */
function violationsDuring(page: Page, attempt: string): Promise<Violation[]> {
  return page.evaluate(async (attemptSource) => {
    const seen: { blockedURI: string; directive: string }[] = [];
    const listener = (e: SecurityPolicyViolationEvent) => seen.push({ blockedURI: e.blockedURI, directive: e.effectiveDirective });
    document.addEventListener('securitypolicyviolation', listener);
    await (new Function(`return (async () => { ${attemptSource} })()`) as () => Promise<void>)();
    await new Promise((resolve) => setTimeout(resolve, 200)); // violation events are queued as tasks
    document.removeEventListener('securitypolicyviolation', listener);
    return seen;
  }, attempt);
}

/** Starts a worker from a blob (inheriting the page's CSP), runs `attempt` in it, returns what it reported. */
function inWorker(page: Page, attempt: string): Promise<Violation[]> {
  return page.evaluate(async (attemptSource) => {
    const source = `
      const seen = [];
      self.addEventListener('securitypolicyviolation', (e) => seen.push({ blockedURI: e.blockedURI, directive: e.effectiveDirective }));
      (async () => { ${attemptSource} })().finally(() => setTimeout(() => postMessage(seen), 200));`;
    const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
    try {
      return await new Promise<{ blockedURI: string; directive: string }[]>((resolve, reject) => {
        worker.onmessage = (e: MessageEvent<{ blockedURI: string; directive: string }[]>) => resolve(e.data);
        worker.onerror = (e) => reject(new Error(`worker failed: ${e.message}`));
      });
    } finally {
      worker.terminate();
    }
  }, attempt);
}

const FETCH = `try { await fetch('http://example.com/leak-fetch'); } catch {}`;
const SOCKET = `await new Promise((done) => { const ws = new WebSocket('ws://example.com/leak-socket'); ws.onerror = ws.onclose = done; });`;

describe('with the app\'s CSP in force, the harness notices an attempt to reach another host', () => {
  let app: OpenedApp;
  beforeAll(async () => {
    app = await session.openApp();
  });
  afterAll(() => app?.close());

  it('when CSP stops a fetch and a WebSocket from the app page and reports both', async () => {
    const mark = await app.log.mark();
    const violations = await violationsDuring(app.page, `${FETCH} try { ${SOCKET} } catch {}`);
    expect(violations).toEqual(expect.arrayContaining([
      { blockedURI: 'http://example.com/leak-fetch', directive: 'connect-src' },
      { blockedURI: 'ws://example.com/leak-socket', directive: 'connect-src' },
    ]));
    // Stopped before the network: the proxy never saw them.
    await app.expectNoOtherHostRequests(mark);
  });

  it('when CSP stops a fetch and a WebSocket from a worker the app page creates, and the worker reports both', async () => {
    const mark = await app.log.mark();
    const violations = await inWorker(app.page, `${FETCH} try { ${SOCKET} } catch {}`);
    expect(violations).toEqual(expect.arrayContaining([
      { blockedURI: 'http://example.com/leak-fetch', directive: 'connect-src' },
      { blockedURI: 'ws://example.com/leak-socket', directive: 'connect-src' },
    ]));
    await app.expectNoOtherHostRequests(mark);
  });

  it('when the page navigates to another host, which CSP does not govern: the proxy records it', async () => {
    // A second page in the same context (same proxy channel), so the first one stays usable.
    const page = await app.context.newPage();
    await page.goto(session.environment.appUrl, { waitUntil: 'domcontentloaded' });
    const mark = await app.log.mark();
    await page.evaluate(() => {
      location.href = 'http://example.com/leak-navigation';
    });
    const record = await waitForRecord(app.log, mark, (r) => r.url === 'http://example.com/leak-navigation');
    expect(record).toMatchObject({ kind: 'http', method: 'GET', host: 'example.com', port: 80, forwarded: false });
    await expect(app.expectNoOtherHostRequests(mark)).rejects.toThrow(/leak-navigation/);
    await page.close();
  });
});

describe('with CSP switched off, the proxy alone still notices', () => {
  it('a fetch, a WebSocket and a worker\'s fetch to another host, and the no-leak check fails', async () => {
    const app = await session.openApp({ context: { bypassCSP: true } });
    const mark = await app.log.mark();
    await app.page.evaluate(`(async () => { ${FETCH} })()`);
    await app.page.evaluate(`(async () => { ${SOCKET} })()`);
    await inWorker(app.page, `try { await fetch('http://example.com/leak-worker'); } catch {}`);

    const fetched = await waitForRecord(app.log, mark, (r) => r.url === 'http://example.com/leak-fetch');
    const socket = await waitForRecord(app.log, mark, (r) => r.kind === 'connect' && r.host === 'example.com');
    const fromWorker = await waitForRecord(app.log, mark, (r) => r.url === 'http://example.com/leak-worker');
    for (const record of [fetched, socket, fromWorker]) expect(record.forwarded).toBe(false);
    await expect(app.expectNoOtherHostRequests(mark)).rejects.toThrow(/example\.com\/leak-worker/);
    await app.close();
  });
});
