import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import Worker from 'web-worker';
import type { AsyncDuckDB } from '@duckdb/duckdb-wasm';
import { WasmDatabase } from '../../src/engine/wasm/wasm-database';

const require = createRequire(import.meta.url);

/**
 * Starts the app's WasmDatabase under Node: the same DuckDB-WASM build and the same class as in
 * the browser, with the Node worker (web-worker 1.2.0, STACK.md) in place of a browser Worker.
 */
export async function startNodeWasmDatabase(): Promise<WasmDatabase> {
  const duckdb = require('@duckdb/duckdb-wasm/dist/duckdb-node.cjs') as typeof import('@duckdb/duckdb-wasm');
  const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node.cjs'));
  const worker = new Worker(join(dist, 'duckdb-node-eh.worker.cjs'));
  const db: AsyncDuckDB = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(join(dist, 'duckdb-eh.wasm'));
  return WasmDatabase.open(db);
}
