import { NumberColumn, StringColumn, type ColumnarTable } from './columns';

/** The text column `name` of a table being built; throws if it is missing or not text. */
export function stringColumn(table: ColumnarTable, name: string): StringColumn {
  const column = table.columns[table.names.indexOf(name)];
  if (!(column instanceof StringColumn)) throw new Error(`No text column ${name}`);
  return column;
}

/** The numeric (or date) column `name` of a table being built; throws if missing or text. */
export function numberColumn(table: ColumnarTable, name: string): NumberColumn {
  const column = table.columns[table.names.indexOf(name)];
  if (!(column instanceof NumberColumn)) throw new Error(`No numeric column ${name}`);
  return column;
}

/**
 * Rounds to the fen (0.01 yuan), the precision of every amount in the extract. Sums of fen
 * amounts leave float dust (1e-9 below zero); `+ 0` turns the -0 that rounds from it into 0,
 * which CSV would otherwise show as "-0.0".
 */
export function fen(x: number): number {
  return Math.round(x * 100) / 100 + 0;
}
