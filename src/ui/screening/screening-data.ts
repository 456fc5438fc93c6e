import type { Database } from '../../engine/database';
import type { ScreenData } from '../../scoring/screen';
import { screenDataOf } from '../../runtime/ts/screen-data';
import { cellTableSql } from '../../runtime/sql/sql-cell';

/**
 * Reads a SQL cell's result (its temporary table: the indicator matrix) once per run of the cell
 * into the arrays every slider movement works on.
 */
export async function loadScreeningData(db: Database, cell: string): Promise<ScreenData> {
  return screenDataOf(await db.query(`SELECT * FROM ${cellTableSql(cell)}`));
}
