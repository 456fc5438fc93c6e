import start, * as parquet from 'parquet-wasm/esm';
import wasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import type { ParquetModule } from './parquet-module';

/** Starts parquet-wasm from the app's own copy of its .wasm (served by Vite; never a CDN). */
export async function startBrowserParquet(): Promise<ParquetModule> {
  await start({ module_or_path: wasmUrl });
  return parquet;
}
