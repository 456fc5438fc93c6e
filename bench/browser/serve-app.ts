/**
 * Builds the app once per bench run and serves the build, as users get it.
 *
 * Unlike test/e2e/support/app-server.ts this builds into bench/.cache/dist/, not dist/: other
 * people's e2e runs build and serve dist/ on the same checkout, and Vite empties its outDir
 * first, so sharing it would pull files from under a running benchmark (or a running test).
 */
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build, preview } from 'vite';
import { PROJECT_ROOT, type AppServer } from '../../test/e2e/support/app-server';

/** The benchmark's own build of the app. */
export const BENCH_DIST = join(PROJECT_ROOT, 'bench', '.cache', 'dist');

/** `vite build` (production mode, the project's vite.config.ts) into BENCH_DIST. */
export async function buildBenchApp(): Promise<void> {
  // as in app-server.ts: a set NODE_ENV other than 'production' would make a development build
  const nodeEnv = process.env['NODE_ENV'];
  process.env['NODE_ENV'] = 'production';
  try {
    await build({ root: PROJECT_ROOT, logLevel: 'warn', mode: 'production', build: { outDir: BENCH_DIST, emptyOutDir: true } });
  } finally {
    if (nodeEnv === undefined) delete process.env['NODE_ENV'];
    else process.env['NODE_ENV'] = nodeEnv;
  }
}

/** Serves BENCH_DIST with Vite's preview server (the project's CSP headers) on a free loopback port. */
export async function serveBenchApp(): Promise<AppServer> {
  const host = '127.0.0.1';
  const server = await preview({ root: PROJECT_ROOT, logLevel: 'warn', build: { outDir: BENCH_DIST }, preview: { host, port: 0, strictPort: true, open: false } });
  const port = (server.httpServer.address() as AddressInfo).port;
  return { url: `http://${host}:${port}/`, host, port, close: () => server.close() };
}
