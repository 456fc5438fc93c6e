/**
 * What `--messy` injected, exactly where. Rows are numbered 1, 2, ... over the data rows of the
 * file, the header not counted: in a CSV the row is on line row + 1, in a sheet in Excel row
 * row + 1. `column` is the canonical column name and `header` what the file's header says.
 */

/** One changed cell. */
export interface CellInjection {
  table: string;
  row: number;
  column: string;
  header: string;
  problem: string;
  /** the clean text the cell would have held (empty for a missing value) */
  original: string;
  /** the text now in the file */
  injected: string;
}

/** A whole column changed: every value and, for units, the header. */
export interface ColumnInjection {
  table: string;
  column: string;
  /** the header the file has instead of the usual one */
  header: string;
  originalHeader: string;
  problem: string;
  /** how each clean value became the file's value */
  rule: string;
}

/** A row added to the file. */
export interface RowInjection {
  table: string;
  row: number;
  problem: 'duplicate-customer' | 'total-row';
  /** for a duplicate: the row it duplicates */
  duplicateOf?: number;
  /** every cell of the added row, by canonical column name */
  values: Record<string, string>;
  /** for a duplicate: the clean customer id and name of the row it duplicates */
  original?: { customer_id: string; name: string };
}
