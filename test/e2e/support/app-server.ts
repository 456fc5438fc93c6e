import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';

/** The repository root: vite.config.ts and dist/ live here. */
export const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The app as served to the browser. */
export interface AppServer {
  /** The start page, e.g. http://127.0.0.1:41234/ */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Builds the app into dist/ with the project's own vite.config.ts, exactly as `vite build` would.
 * `TIERBOOK_E2E_SKIP_BUILD=1` reuses an existing dist/ (quick reruns while writing tests); it is
 * ignored when there is no dist/ to reuse.
 */
export async function buildApp(root = PROJECT_ROOT): Promise<'built' | 'reused'> {
  if (process.env['TIERBOOK_E2E_SKIP_BUILD'] === '1' && existsSync(`${root}/dist/index.html`)) return 'reused';
  // Vitest sets NODE_ENV=test, and Vite builds for development whenever NODE_ENV is set and not
  // 'production' (Lit in dev mode, dev-only code kept): test what users get instead.
  const nodeEnv = process.env['NODE_ENV'];
  process.env['NODE_ENV'] = 'production';
  try {
    await build({ root, logLevel: 'warn', mode: 'production' });
  } finally {
    if (nodeEnv === undefined) delete process.env['NODE_ENV'];
    else process.env['NODE_ENV'] = nodeEnv;
  }
  return 'built';
}

/**
 * Serves dist/ with Vite's preview server, so the browser gets the same CSP headers as users do
 * (they come from vite.config.ts). Port 0: the OS picks a free port, no race with other runs.
 */
export async function startPreview(root = PROJECT_ROOT): Promise<AppServer> {
  const host = '127.0.0.1';
  const server = await preview({ root, logLevel: 'warn', preview: { host, port: 0, strictPort: true, open: false } });
  const port = (server.httpServer.address() as AddressInfo).port;
  return { url: `http://${host}:${port}/`, host, port, close: () => server.close() };
}
