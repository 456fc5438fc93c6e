import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { setParquetStarter, type ParquetModule } from './parquet-module';

/** Starts parquet-wasm under Node from node_modules (Node's fetch cannot read the file: URL). */
export async function startNodeParquet(): Promise<ParquetModule> {
  const parquet = await import('parquet-wasm/esm');
  const wasm = await readFile(createRequire(import.meta.url).resolve('parquet-wasm/esm/parquet_wasm_bg.wasm'));
  parquet.initSync({ module: wasm });
  return parquet;
}

/** Makes the Parquet reader start parquet-wasm the Node way: call once in tests and headless runs. */
export function useNodeParquet(): void {
  setParquetStarter(startNodeParquet);
}
