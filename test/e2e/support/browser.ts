import { chromium, type Browser } from 'playwright-core';
import type { ProxyChannel, ProxyControl } from './proxy-log';

/** Debian's chromium; CHROMIUM_PATH overrides it on machines that have it elsewhere. */
export function chromiumPath(): string {
  return process.env['CHROMIUM_PATH'] || '/usr/bin/chromium';
}

/**
 * Chromium's flags (STACK.md "Headless Chromium"), plus the proxy. `<-loopback>` removes
 * Chromium's built-in loopback bypass, so even requests to 127.0.0.1 (the app) go through the
 * proxy. The resolver rule makes every other host unresolvable: a second wall behind the proxy.
 * (WebRTC's UDP passes neither: see webrtc-guard.ts.)
 */
export function chromiumArgs(proxyPort: number): string[] {
  return [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    // Chromium's own form-field predictions (content-autofill.googleapis.com) fire when a page has
    // inputs; they come from the browser, not the app, and would be attributed to the page's context.
    '--disable-features=AutofillServerCommunication,OptimizationHints,MediaRouter,Translate',
    '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
    `--proxy-server=http://127.0.0.1:${proxyPort}`,
    '--proxy-bypass-list=<-loopback>',
  ];
}

/** A headless Chromium and the proxy channel its own (non-page) traffic goes through. */
export interface LaunchedBrowser {
  readonly browser: Browser;
  /**
   * Chromium itself still calls home despite the flags (accounts.google.com/ListAccounts for the
   * default profile, an on-demand component update check). Those attempts land here, refused
   * and recorded, apart from the app's: app contexts get channels of their own (app-page.ts).
   */
  readonly channel: ProxyChannel;
}

/** Launches headless Chromium whose only way out is a new channel of the logging proxy. */
export async function launchBrowser(proxy: ProxyControl): Promise<LaunchedBrowser> {
  const channel = await proxy.openChannel('browser');
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs(channel.port) });
  return { browser, channel };
}
