import { tableFromIPC, type Vector } from 'apache-arrow';
import type { SourceInfo } from '../staging';
import { errorMessage, loadError } from './load-failure';
import type { ParquetModule } from './parquet-module';

/** Rows per Arrow record batch: few batches, each small next to the whole file. */
const BATCH_ROWS = 64 * 1024;

/**
 * A top-level column of a Parquet file: decoded by the app's Arrow, or, for a type Arrow JS 17
 * cannot decode (LargeList, which parquet-wasm returns when the file's Arrow schema asks for it),
 * its own Arrow IPC stream for DuckDB to read directly.
 */
export type ParquetColumn =
  | { readonly name: string; readonly vector: Vector }
  | { readonly name: string; readonly ipc: Uint8Array; readonly reason: string };

export interface ParquetColumns {
  readonly columns: readonly ParquetColumn[];
  readonly rows: number;
}

/**
 * Reads a Parquet file into Arrow columns with parquet-wasm. The whole file is read at once; only
 * if Arrow JS cannot decode a type is it read again column by column, so one exotic column does
 * not stop the others from loading.
 */
export async function readParquetColumns(parquet: ParquetModule, bytes: Uint8Array, source: SourceInfo): Promise<ParquetColumns> {
  let ipc: Uint8Array;
  try {
    ipc = parquet.readParquet(bytes, { batchSize: BATCH_ROWS }).intoIPCStream();
  } catch (error) {
    throw loadError(source, 'unreadable', { detail: { reason: 'corrupt-parquet', message: errorMessage(error) } });
  }
  try {
    const table = tableFromIPC(ipc);
    return {
      columns: table.schema.fields.map((f, i) => ({ name: f.name, vector: table.getChildAt(i)! })),
      rows: table.numRows,
    };
  } catch {
    return readColumnByColumn(parquet, bytes);
  }
}

async function readColumnByColumn(parquet: ParquetModule, bytes: Uint8Array): Promise<ParquetColumns> {
  const file = await parquet.ParquetFile.fromFile(new Blob([bytes as Uint8Array<ArrayBuffer>]));
  try {
    const metadata = file.metadata();
    const rows = metadata.fileMetadata().numRows();
    // parquet-wasm selects columns by leaf path (额度.list.item), so group the leaves by top name.
    const leaves = new Map<string, string[]>();
    for (const chunk of metadata.rowGroups()[0]?.columns() ?? []) {
      const path = chunk.columnPath();
      const top = path[0];
      if (top === undefined) continue;
      if (!leaves.has(top)) leaves.set(top, []);
      leaves.get(top)!.push(path.join('.'));
    }
    const columns: ParquetColumn[] = [];
    for (const [name, paths] of leaves) {
      const ipc = (await file.read({ columns: paths, batchSize: BATCH_ROWS })).intoIPCStream();
      try {
        columns.push({ name, vector: tableFromIPC(ipc).getChildAt(0)! });
      } catch (error) {
        columns.push({ name, ipc, reason: errorMessage(error) });
      }
    }
    return { columns, rows };
  } finally {
    file.free();
  }
}
