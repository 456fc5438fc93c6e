import { buildApp, startPreview, type AppServer } from './app-server';
import type { E2eEnvironment } from './environment';
import { startLoggingProxy, type LoggingProxy } from './logging-proxy';

/** The served app and the proxy in front of it: what the e2e suite and the screenshot script share. */
export interface Harness {
  readonly environment: E2eEnvironment;
  readonly proxy: LoggingProxy;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Use an app that is already running instead of building and previewing dist/. */
  readonly appUrl?: string;
}

/**
 * Builds the app (unless told to reuse dist/ or given a URL), previews it on a free loopback
 * port and starts the logging proxy that forwards to it alone.
 */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  let server: AppServer | undefined;
  if (options.appUrl === undefined) {
    await buildApp();
    server = await startPreview();
  }
  try {
    const appUrl = server?.url ?? options.appUrl ?? '';
    const { hostname, port, protocol } = new URL(appUrl);
    const appPort = port ? Number(port) : protocol === 'https:' ? 443 : 80;
    const proxy = await startLoggingProxy({ host: hostname, port: appPort });
    return {
      environment: { appUrl, appHost: hostname, appPort, proxyControlUrl: proxy.controlUrl },
      proxy,
      async close() {
        await proxy.close();
        await server?.close();
      },
    };
  } catch (error) {
    await server?.close();
    throw error;
  }
}
