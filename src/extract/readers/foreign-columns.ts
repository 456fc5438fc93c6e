import { quoteIdent, type Database } from '../../engine/database';
import { ROW_COLUMN } from '../staging';
import { errorMessage } from './load-failure';

/** DuckDB types whose values cannot be trusted from an Arrow type we could not inspect. */
const UNVERIFIED = /\b(?:TIME|INTERVAL)\b/;

/**
 * Builds staging table `name` from `main` (`__row` and the columns the app decoded) and columns
 * DuckDB reads from their own Arrow IPC streams (`foreign`, by staging name), joined by position,
 * in the order `order` (staging names, file order). A foreign column is left out when DuckDB
 * refuses it, reads it as a type whose values could have been cut (times, intervals, zones), or
 * finds another row count; the returned map says why, by staging name. `main` is dropped.
 */
export async function joinForeignColumns(
  db: Database,
  name: string,
  main: string,
  order: readonly string[],
  foreign: ReadonlyMap<string, Uint8Array>,
  rows: number,
): Promise<Map<string, string>> {
  const refused = new Map<string, string>();
  const sides: string[] = [];
  const select = new Map<string, string>([[ROW_COLUMN, `m.${quoteIdent(ROW_COLUMN)}`]]);
  for (const column of order) if (!foreign.has(column)) select.set(column, `m.${quoteIdent(column)}`);
  try {
    for (const [column, ipc] of foreign) {
      const alias = `f${sides.length}`;
      const side = `${name}_${alias}`;
      try {
        await db.insertArrow(side, ipc);
        sides.push(side);
        const info = await db.query(
          `SELECT column_name AS c, data_type AS t, (SELECT count(*) FROM ${quoteIdent(side)}) AS n
           FROM duckdb_columns() WHERE table_name = ? AND schema_name = 'main'`,
          [side],
        );
        const type = String(info.getChild('t')!.get(0));
        if (UNVERIFIED.test(type)) refused.set(column, `unverified ${type}`);
        else if (Number(info.getChild('n')!.get(0)) !== rows) refused.set(column, 'row-count');
        else select.set(column, `${alias}.${quoteIdent(String(info.getChild('c')!.get(0)))}`);
      } catch (error) {
        refused.set(column, errorMessage(error));
      }
    }
    const list = [ROW_COLUMN, ...order].filter((c) => select.has(c)).map((c) => `${select.get(c)} AS ${quoteIdent(c)}`);
    const joins = sides.map((side, k) => ` POSITIONAL JOIN ${quoteIdent(side)} AS f${k}`).join('');
    await db.exec(`CREATE OR REPLACE TABLE ${quoteIdent(name)} AS SELECT ${list.join(', ')} FROM ${quoteIdent(main)} AS m${joins}`);
  } finally {
    for (const side of sides) await db.exec(`DROP TABLE IF EXISTS ${quoteIdent(side)}`).catch(() => undefined);
    await db.exec(`DROP TABLE IF EXISTS ${quoteIdent(main)}`).catch(() => undefined);
  }
  return refused;
}
