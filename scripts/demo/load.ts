import { tableToIPC } from 'apache-arrow';
import type { Database } from '../../src/engine/database';
import { quoteIdent } from '../../src/engine/database';
import { rowCount, toArrowTable, type ColumnarTable } from '../../src/demo/columns';
import type { DemoOptions } from '../../src/demo/context';
import { DEFAULT_BATCH_CUSTOMERS, demoTableNames, generateBatches } from '../../src/demo/generator';
import type { MessyInjector } from '../../src/demo/messy/injector';
import type { CellInjection, RowInjection } from '../../src/demo/messy/report';
import type { DemoTableName } from '../../src/demo/tables';

/** How to load a generated extract. */
export interface LoadOptions {
  batchCustomers?: number;
  /** turns each batch into messy text and reports what it changed */
  messy?: MessyInjector;
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
 * order is the generation order and memory stays at one batch plus DuckDB's tables.
 */
export async function loadDemo(db: Database, options: DemoOptions, load: LoadOptions = {}): Promise<LoadedTable[]> {
  const names = demoTableNames(options);
  const rows = new Map<DemoTableName, number>(names.map((n) => [n, 0]));
  const created = new Set<DemoTableName>();
  const append = async (name: DemoTableName, table: ColumnarTable): Promise<void> => {
    const ipc = tableToIPC(toArrowTable(table), 'stream');
    if (!created.has(name)) {
      await db.exec(`DROP TABLE IF EXISTS ${quoteIdent(name)}`);
      await db.insertArrow(name, ipc);
      created.add(name);
    } else {
      await db.insertArrow(STAGING, ipc);
      await db.exec(`INSERT INTO ${quoteIdent(name)} SELECT * FROM ${STAGING}`);
    }
    rows.set(name, rows.get(name)! + rowCount(table));
  };

  const batchCustomers = load.batchCustomers ?? DEFAULT_BATCH_CUSTOMERS;
  for (const generated of generateBatches(options, batchCustomers)) {
    let batch = generated;
    if (load.messy) {
      const messy = load.messy.transform(generated);
      batch = messy.batch;
      await load.onInjections?.(messy.cells, messy.rows);
    }
    for (const name of names) await append(name, batch.tables.get(name)!);
    load.onProgress?.(generated.first + generated.customers - 1);
  }
  if (load.messy) {
    const totals = load.messy.finish();
    for (const [name, table] of totals.tables) await append(name, table);
    await load.onInjections?.([], totals.rows);
  }
  await db.exec(`DROP TABLE IF EXISTS ${STAGING}`);
  return names.map((name) => ({ name, rows: rows.get(name)! }));
}
