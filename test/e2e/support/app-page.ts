import type { Browser, BrowserContext, BrowserContextOptions, ConsoleMessage, Page } from 'playwright-core';
import { expectNoOtherHostRequests } from './network-expectations';
import type { ProxyControl, ProxyLog } from './proxy-log';
import { guardWebRtc } from './webrtc-guard';

/** A page showing the app, what it tried to reach, and what went wrong in it. */
export interface OpenedApp {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Everything this context (its pages, workers, WebSockets) asked the proxy for since it opened. */
  readonly log: ProxyLog;
  /** Console errors (page and workers) and uncaught exceptions, in order. Tests expect it empty. */
  readonly problems: string[];
  /** Fails, listing them, if this context tried to reach any host but the app's server (since `mark`). */
  expectNoOtherHostRequests(mark?: number): Promise<void>;
  close(): Promise<void>;
}

export interface OpenAppOptions {
  /** Extra context options (a viewport for screenshots, bypassCSP for the harness's self-test). */
  readonly context?: Omit<BrowserContextOptions, 'proxy'>;
  /** How long the app may take to become ready (DuckDB-WASM starts in ~3-4 s cold). */
  readonly timeoutMs?: number;
  /** A query string for the start page, e.g. `?maxFileMB=1`. */
  readonly query?: string;
}

/**
 * Opens `url` in a fresh context whose traffic goes through its own proxy channel, and waits
 * for `html[data-state=ready]`, which the shell sets once DuckDB is started and the demo extract
 * is loaded. Problems are collected from the first byte, so errors during start-up count.
 */
export async function openApp(browser: Browser, proxy: ProxyControl, url: string, options: OpenAppOptions = {}): Promise<OpenedApp> {
  const channel = await proxy.openChannel('app');
  const context = await browser.newContext({
    ...options.context,
    // '<-loopback>': the app on 127.0.0.1 goes through the proxy too (Chromium bypasses loopback by default).
    proxy: { server: `http://127.0.0.1:${channel.port}`, bypass: '<-loopback>' },
  });
  await guardWebRtc(context);
  const page = await context.newPage();
  const problems = watchProblems(page);
  const timeout = options.timeoutMs ?? 60_000;
  try {
    await page.goto(url + (options.query ?? ''), { timeout });
    await page.waitForSelector('html[data-state="ready"]', { state: 'attached', timeout });
  } catch (error) {
    await context.close();
    const detail = problems.length ? `\nProblems in the page:\n${problems.join('\n')}` : '';
    throw new Error(`The app at ${url} did not become ready: ${(error as Error).message}${detail}`);
  }
  return {
    page,
    context,
    log: channel.log,
    problems,
    expectNoOtherHostRequests: (mark) => expectNoOtherHostRequests(channel.log, mark),
    close: () => context.close(),
  };
}

/** Collects console errors and uncaught exceptions from the page and its workers. */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() !== 'error') return;
    const source = message.worker() ? `worker ${message.worker()?.url()}` : 'page';
    const { url, lineNumber } = message.location();
    problems.push(`console.error (${source}) ${message.text()}${url ? ` at ${url}:${lineNumber}` : ''}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught (page) ${error.stack ?? error.message}`));
  page.on('crash', () => problems.push('the page crashed'));
  return problems;
}
