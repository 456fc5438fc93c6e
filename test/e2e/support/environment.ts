/**
 * What the e2e global setup hands to test files. Test files run in worker processes, so the
 * built app, its preview server and the logging proxy are shared as plain URLs and ports
 * through Vitest's provide/inject, never as objects.
 */
export interface E2eEnvironment {
  /** The app's start page on the preview server, e.g. http://127.0.0.1:41234/ */
  readonly appUrl: string;
  /** The only host:port the proxy forwards to. */
  readonly appHost: string;
  readonly appPort: number;
  /** The logging proxy's control server: opens channels (proxy ports), serves the log. */
  readonly proxyControlUrl: string;
}

/** The key under which global-setup.ts provides the environment. */
export const E2E_ENVIRONMENT = 'tierbookE2e';

declare module 'vitest' {
  export interface ProvidedContext {
    tierbookE2e: E2eEnvironment;
  }
}
