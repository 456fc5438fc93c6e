import type { Database } from '../../src/engine/database';
import { quoteIdent } from '../../src/engine/database';
import type { DemoOptions } from '../../src/demo/context';
import { DEFAULT_BATCH_CUSTOMERS, demoTableNames } from '../../src/demo/generator';
import type { CellInjection, RowInjection } from '../../src/demo/messy/report';
import type { DemoTableName } from '../../src/demo/tables';
import { encodedBatches, type EncodedBatch, type StreamOptions } from './batch-stream';
import { workerBatches } from './worker-batches';

/** How to load a generated extract. */
export interface LoadOptions {
  batchCustomers?: number;
  /** turn each batch into messy text with headers in this language, and report what changed */
  messy?: 'zh' | 'en';
  /** generate in a worker thread, overlapping with loading (needs tsx; the CLI uses it) */
  worker?: boolean;
  /** receives the injections of each batch, in file order */
  onInjections?: (cells: CellInjection[], rows: RowInjection[]) => void | Promise<void>;
  onProgress?: (customersDone: number) => void;
}

/** A loaded table: its name in the database (the canonical name) and its row count. */
export interface LoadedTable {
  name: DemoTableName;
  rows: number;
}

const STAGING = '__demo_batch';

/**
 * Generates the extract batch by batch into tables of `db` named after the canonical tables.
 * Each batch goes over as Arrow IPC (insertArrow) and is appended in order, so a table's row
 * order is the generation order and memory stays at a couple of batches plus DuckDB's tables.
 */
export async function loadDemo(db: Database, options: DemoOptions, load: LoadOptions = {}): Promise<LoadedTable[]> {
  const names = demoTableNames(options);
  const rows = new Map<DemoTableName, number>(names.map((n) => [n, 0]));
  const created = new Set<DemoTableName>();
  // only the generation options: callers may pass a wider object (with functions a worker cannot receive)
  const demo: DemoOptions = { customers: options.customers, seed: options.seed, asOf: options.asOf, truth: options.truth };
  const stream: StreamOptions = { demo, batchCustomers: load.batchCustomers ?? DEFAULT_BATCH_CUSTOMERS };
  if (load.messy) stream.messy = load.messy;
  const batches: AsyncIterable<EncodedBatch> | Iterable<EncodedBatch> = load.worker ? workerBatches(stream) : encodedBatches(stream);
  for await (const batch of batches) {
    for (const table of batch.tables) {
      if (!created.has(table.name)) {
        await db.exec(`DROP TABLE IF EXISTS ${quoteIdent(table.name)}`);
        await db.insertArrow(table.name, table.ipc);
        created.add(table.name);
      } else {
        await db.insertArrow(STAGING, table.ipc);
        await db.exec(`INSERT INTO ${quoteIdent(table.name)} SELECT * FROM ${STAGING}`);
      }
      rows.set(table.name, rows.get(table.name)! + table.rows);
    }
    if (batch.cells.length > 0 || batch.rows.length > 0) await load.onInjections?.(batch.cells, batch.rows);
    load.onProgress?.(batch.customersDone);
  }
  await db.exec(`DROP TABLE IF EXISTS ${STAGING}`);
  return names.map((name) => ({ name, rows: rows.get(name)! }));
}
