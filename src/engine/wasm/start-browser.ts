import * as duckdb from '@duckdb/duckdb-wasm';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import type { Database } from '../database';
import type { MortalEngine } from '../engine-death';
import { WasmDatabase } from './wasm-database';
import { WorkerWatchdog } from './worker-watchdog';

/** The DuckDB-WASM bundles, served from the app's own files (never a CDN). */
const BUNDLES: duckdb.DuckDBBundles = {
  mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
  eh: { mainModule: ehWasm, mainWorker: ehWorker },
};

/** Starts DuckDB-WASM in a worker from the app's own files and opens it. Browser only. */
export async function startBrowserDatabase(
  onProgress?: (loaded: number, total: number) => void,
): Promise<WasmDatabase> {
  return (await startBrowserEngine(onProgress)).db;
}

/** The watched engines started here, by their database: how a caller given only the database finds its life. */
const engines = new WeakMap<Database, MortalEngine<Database>>();

/**
 * The engine behind a database started here (its death and how to free it). Any other database
 * gets one that never dies and is freed by closing it.
 */
export function mortalOf(db: Database): MortalEngine<Database> {
  return engines.get(db) ?? { db, died: new Promise<string>(() => undefined), dispose: () => void db.close().catch(() => undefined) };
}

/**
 * Starts DuckDB-WASM like startBrowserDatabase, watched: `died` resolves when its worker fails or
 * stops answering (worker-watchdog.ts), and `dispose` terminates the worker. What the workspace's
 * RecoveringDatabase restarts from.
 */
export async function startBrowserEngine(onProgress?: (loaded: number, total: number) => void): Promise<MortalEngine<WasmDatabase>> {
  const bundle = await duckdb.selectBundle(BUNDLES);
  const worker = new Worker(bundle.mainWorker!);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  try {
    performance.mark('tierbook:duckdb-worker-created');
    await db.instantiate(bundle.mainModule, bundle.pthreadWorker, (p) => {
      onProgress?.(p.bytesLoaded, p.bytesTotal);
    });
    performance.mark('tierbook:duckdb-instantiated');
    const database = await WasmDatabase.open(db);
    performance.mark('tierbook:duckdb-open');
    const watchdog = new WorkerWatchdog(worker, db).start();
    const died = new Promise<string>((resolve) => watchdog.onDeath(resolve));
    const engine = {
      db: database,
      died,
      dispose: () => {
        watchdog.stop();
        worker.terminate();
      },
    };
    engines.set(database, engine);
    return engine;
  } catch (error) {
    worker.terminate();
    throw error;
  }
}
