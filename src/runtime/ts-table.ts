import type { Database } from '../engine/database';
import { quoteIdent } from '../engine/database';

/**
 * Makes a table a TypeScript cell returned queryable by SQL cells under the cell's name: the
 * Arrow IPC is inserted, then moved into a temporary table like a SQL cell's result.
 */
export async function registerTsTable(db: Database, name: string, ipc: Uint8Array): Promise<void> {
  const staging = `__ts_${name}`;
  await db.insertArrow(staging, ipc);
  try {
    await db.exec(`CREATE OR REPLACE TEMP TABLE ${quoteIdent(name)} AS SELECT * FROM ${quoteIdent(staging)}`);
  } finally {
    await db.exec(`DROP TABLE IF EXISTS ${quoteIdent(staging)}`);
  }
}
