import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { OpenedApp } from './support/app-page';
import { waitForRecord } from './support/network-expectations';
import { WEBRTC_PROBLEM } from './support/webrtc-guard';
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

/** What a test tries, from the page or from a worker; both aim at another host. */
const FETCH_URL = 'http://example.com/leak-fetch';
const SOCKET_URL = 'ws://example.com/leak-socket';
const BLOCKED_BY_CSP: Violation[] = [
  { blockedURI: FETCH_URL, directive: 'connect-src' },
  { blockedURI: SOCKET_URL, directive: 'connect-src' },
];

/**
 * Fetches FETCH_URL and opens a WebSocket to SOCKET_URL from the page; returns the CSP violations
 * reported (violation events are queued as tasks, so it waits for `expected` of them, up to 3 s).
 */
function attemptFromPage(page: Page, expected: number): Promise<Violation[]> {
  return page.evaluate(async ({ fetchUrl, socketUrl, expected }) => {
    const seen: { blockedURI: string; directive: string }[] = [];
    const listener = (e: SecurityPolicyViolationEvent) => seen.push({ blockedURI: e.blockedURI, directive: e.effectiveDirective });
    document.addEventListener('securitypolicyviolation', listener);
    await fetch(fetchUrl).catch(() => undefined);
    await new Promise<void>((done) => {
      try {
        const socket = new WebSocket(socketUrl);
        socket.onerror = socket.onclose = () => done();
      } catch {
        done(); // CSP may refuse the constructor outright
      }
    });
    for (let waited = 0; seen.length < expected && waited < 3000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    document.removeEventListener('securitypolicyviolation', listener);
    return seen;
  }, { fetchUrl: FETCH_URL, socketUrl: SOCKET_URL, expected });
}

/** The same from a worker the page starts from a blob (so it inherits the page's CSP): a script file, not eval. */
const WORKER_SOURCE = `
  const seen = [];
  self.addEventListener('securitypolicyviolation', (e) => seen.push({ blockedURI: e.blockedURI, directive: e.effectiveDirective }));
  onmessage = async ({ data: { fetchUrl, socketUrl, expected } }) => {
    await fetch(fetchUrl).catch(() => undefined);
    await new Promise((done) => {
      try { const socket = new WebSocket(socketUrl); socket.onerror = socket.onclose = done; } catch { done(); }
    });
    for (let waited = 0; seen.length < expected && waited < 3000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    postMessage(seen);
  };`;

function attemptFromWorker(page: Page, expected: number, fetchUrl = FETCH_URL): Promise<Violation[]> {
  return page.evaluate(async ({ source, message }) => {
    const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
    try {
      return await new Promise<{ blockedURI: string; directive: string }[]>((resolve, reject) => {
        worker.onmessage = (e: MessageEvent<{ blockedURI: string; directive: string }[]>) => resolve(e.data);
        worker.onerror = (e) => reject(new Error(`worker failed: ${e.message}`));
        worker.postMessage(message);
      });
    } finally {
      worker.terminate();
    }
  }, { source: WORKER_SOURCE, message: { fetchUrl, socketUrl: SOCKET_URL, expected } });
}

/** Waits for the proxy's records of CSP refusing FETCH_URL and SOCKET_URL in `documentUri`. */
async function expectCspReports(app: OpenedApp, mark: number, documentUri: string): Promise<void> {
  for (const url of [FETCH_URL, SOCKET_URL]) {
    const record = await waitForRecord(app.log, mark, (r) => r.kind === 'csp-report' && r.url === url);
    expect(record).toMatchObject({ method: 'connect-src', host: 'example.com', otherHost: true, detail: `refused by CSP in ${documentUri}` });
  }
}

describe('with the app\'s CSP in force, the harness notices an attempt to reach another host', () => {
  let app: OpenedApp;
  beforeAll(async () => {
    app = await session.openApp();
  });
  afterAll(() => app?.close());

  it('when CSP stops a fetch and a WebSocket from the app page: reported in the page, the console and the proxy log', async () => {
    const [mark, problemsBefore] = [await app.log.mark(), app.problems.length];
    const violations = await attemptFromPage(app.page, BLOCKED_BY_CSP.length);
    expect(violations).toEqual(expect.arrayContaining(BLOCKED_BY_CSP));
    // Chromium logs each refusal as a console error: `expect(app.problems).toEqual([])` fails too.
    expect(app.problems.slice(problemsBefore).join('\n')).toMatch(/leak-fetch[\s\S]*leak-socket/);
    // Stopped before the network, yet in the log: the proxy collects CSP's reports.
    await expectCspReports(app, mark, new URL(session.environment.appUrl).href);
    await expect(app.expectNoOtherHostRequests(mark)).rejects.toThrow(/leak-fetch[\s\S]*leak-socket/);
  });

  it('when CSP stops a fetch and a WebSocket from a worker the app page creates: reported in the worker and the proxy log', async () => {
    const mark = await app.log.mark();
    const violations = await attemptFromWorker(app.page, BLOCKED_BY_CSP.length);
    expect(violations).toEqual(expect.arrayContaining(BLOCKED_BY_CSP));
    // Playwright forwards no console message for a worker's refusal: the CSP report is what tells.
    await expectCspReports(app, mark, 'blob');
    await expect(app.expectNoOtherHostRequests(mark)).rejects.toThrow(/leak-fetch[\s\S]*leak-socket/);
  });

  it('when the page opens a WebRTC connection, which CSP does not govern: a problem in the page, and its TURN-over-TCP attempt in the proxy log', async () => {
    const [mark, problemsBefore] = [await app.log.mark(), app.problems.length];
    await app.page.evaluate(async () => {
      const peer = new RTCPeerConnection({ iceServers: [{ urls: 'turn:example.com:3478?transport=tcp', username: 'u', credential: 'p' }] });
      peer.createDataChannel('leak');
      await peer.setLocalDescription(await peer.createOffer());
      await new Promise((resolve) => setTimeout(resolve, 500));
      peer.close();
    });
    expect(app.problems.slice(problemsBefore).join('\n')).toContain(WEBRTC_PROBLEM);
    await waitForRecord(app.log, mark, (r) => r.kind === 'connect' && r.url === 'example.com:3478');
    await expect(app.expectNoOtherHostRequests(mark)).rejects.toThrow(/example\.com:3478/);
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
    expect(await attemptFromPage(app.page, 0)).toEqual([]);
    expect(await attemptFromWorker(app.page, 0, 'http://example.com/leak-worker')).toEqual([]);

    const fetched = await waitForRecord(app.log, mark, (r) => r.url === FETCH_URL);
    // Chromium tunnels every WebSocket through a proxy with CONNECT, ws:// included.
    const sockets = await waitForRecord(app.log, mark, (r) => r.kind === 'connect' && r.url === 'example.com:80');
    const fromWorker = await waitForRecord(app.log, mark, (r) => r.url === 'http://example.com/leak-worker');
    for (const record of [fetched, sockets, fromWorker]) expect(record.forwarded).toBe(false);
    await expect(app.expectNoOtherHostRequests(mark)).rejects.toThrow(/leak-fetch[\s\S]*leak-worker/);
    await app.close();
  });
});
