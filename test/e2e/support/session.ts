import { inject } from 'vitest';
import type { Browser } from 'playwright-core';
import { openApp, type OpenAppOptions, type OpenedApp } from './app-page';
import { launchBrowser } from './browser';
import { E2E_ENVIRONMENT, type E2eEnvironment } from './environment';
import { remoteProxy } from './proxy-client';
import type { ProxyControl, ProxyLog } from './proxy-log';

/**
 * What an e2e test file works with: one Chromium for the whole file (launching is the slow part
 * after the build), and the app opened in fresh contexts, each with its own proxy channel.
 *
 * ```ts
 * let session: E2eSession;
 * beforeAll(async () => { session = await startE2eSession(); });
 * afterAll(() => session?.close());
 * it('…', async () => {
 *   const app = await session.openApp();
 *   // …the scenario: load a file, run a notebook…
 *   expect(app.problems).toEqual([]);
 *   await app.expectNoOtherHostRequests();
 * });
 * ```
 */
export interface E2eSession {
  readonly environment: E2eEnvironment;
  readonly browser: Browser;
  readonly proxy: ProxyControl;
  /** Chromium's own traffic (not the app's): recorded and refused, not asserted on. */
  readonly browserLog: ProxyLog;
  /** Opens the app's start page in a fresh context and waits until it is ready. */
  openApp(options?: OpenAppOptions): Promise<OpenedApp>;
  close(): Promise<void>;
}

/** Starts a session from what the global setup provided. Call it in `beforeAll`. */
export async function startE2eSession(): Promise<E2eSession> {
  const environment = inject(E2E_ENVIRONMENT);
  const proxy = remoteProxy(environment.proxyControlUrl);
  const { browser, channel } = await launchBrowser(proxy);
  return {
    environment,
    browser,
    proxy,
    browserLog: channel.log,
    openApp: (options) => openApp(browser, proxy, environment.appUrl, options),
    close: () => browser.close(),
  };
}
