import type * as ParquetWasm from 'parquet-wasm/esm';

/**
 * parquet-wasm, started once per page. Its WebAssembly must come from the app's own files in the
 * browser and from node_modules under Node, so how it starts is injectable: the browser starter
 * is the default (nothing to call in the app), and Node code calls useNodeParquet() first
 * (parquet-init-node.ts). This module imports neither, so the browser bundle never sees Node APIs
 * and parquet-wasm itself loads only when a Parquet file is read.
 */
export type ParquetModule = typeof ParquetWasm;

/** Starts parquet-wasm and returns its functions. */
export type ParquetStarter = () => Promise<ParquetModule>;

const browserStarter: ParquetStarter = async () => (await import('./parquet-init-browser')).startBrowserParquet();

let starter: ParquetStarter = browserStarter;
let started: Promise<ParquetModule> | undefined;

/** Replaces how parquet-wasm starts (Node: from disk). Call before the first Parquet read. */
export function setParquetStarter(next: ParquetStarter): void {
  starter = next;
  started = undefined;
}

/** parquet-wasm, started on first use; a failed start is retried on the next call. */
export function parquetModule(): Promise<ParquetModule> {
  started ??= starter().catch((error: unknown) => {
    started = undefined;
    throw error;
  });
  return started;
}
