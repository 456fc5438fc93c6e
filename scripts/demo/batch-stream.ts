import { tableToIPC } from 'apache-arrow';
import { rowCount, toArrowTable } from '../../src/demo/columns';
import type { DemoOptions } from '../../src/demo/context';
import { generateBatches } from '../../src/demo/generator';
import { MessyInjector } from '../../src/demo/messy/injector';
import type { CellInjection, RowInjection } from '../../src/demo/messy/report';
import type { DemoTableName } from '../../src/demo/tables';

/** What to generate, in a form that can be sent to a worker thread. */
export interface StreamOptions {
  demo: DemoOptions;
  batchCustomers: number;
  /** turn batches into messy text (headers in this language) and report the injections */
  messy?: 'zh' | 'en';
}

/** One batch, ready for DuckDB: each table as an Arrow IPC stream. */
export interface EncodedBatch {
  /** customers generated so far */
  customersDone: number;
  tables: { name: DemoTableName; ipc: Uint8Array; rows: number }[];
  cells: CellInjection[];
  rows: RowInjection[];
}

/**
 * The extract as a sequence of encoded batches: generation, the messy transform and Arrow
 * encoding, everything but DuckDB, so that it can run in a worker thread while the main thread
 * loads the previous batch. With --messy, a last batch holds the 合计 rows.
 */
export function* encodedBatches(options: StreamOptions): Generator<EncodedBatch> {
  const messy = options.messy ? new MessyInjector(options.demo.seed, options.messy) : null;
  for (const generated of generateBatches(options.demo, options.batchCustomers)) {
    const transformed = messy ? messy.transform(generated) : { batch: generated, cells: [], rows: [] };
    const tables = [...transformed.batch.tables].map(([name, table]) => ({
      name, ipc: tableToIPC(toArrowTable(table), 'stream'), rows: rowCount(table),
    }));
    yield { customersDone: generated.first + generated.customers - 1, tables, cells: transformed.cells, rows: transformed.rows };
  }
  if (messy) {
    const totals = messy.finish();
    const tables = [...totals.tables].map(([name, table]) => ({ name, ipc: tableToIPC(toArrowTable(table), 'stream'), rows: rowCount(table) }));
    yield { customersDone: options.demo.customers, tables, cells: [], rows: totals.rows };
  }
}
