import { EXTRACT_TABLES, type ColumnKind, type TableName } from '../extract/schema';
import { NumberColumn, StringColumn, type Column, type ColumnType, type ColumnarTable } from './columns';

/**
 * The generated tables' layout, taken from the extract schema (schema.ts is the one source of
 * column names, order and headers) plus the `_truth` table, which only `--truth` writes.
 */

export const TRUTH_TABLE = '_truth';

/** A generated table: one of the six extract tables, or the hidden truth. */
export type DemoTableName = TableName | typeof TRUTH_TABLE;

/** The physical type a column of a given kind is generated as. */
export function columnTypeOf(kind: ColumnKind): ColumnType {
  switch (kind) {
    case 'amount':
    case 'rate':
      return 'float64';
    case 'integer':
    case 'flag':
      return 'int32';
    case 'date':
      return 'date';
    default:
      return 'string';
  }
}

/** What the `_truth` table holds per customer: the latents and the campaign's true propensity. */
export const TRUTH_COLUMNS: readonly { name: string; type: ColumnType }[] = [
  { name: 'customer_id', type: 'string' },
  { name: 'need', type: 'float64' },
  { name: 'risk', type: 'float64' },
  { name: 'diversity', type: 'float64' },
  { name: 'growth', type: 'float64' },
  { name: 'size', type: 'float64' },
  { name: 'industry_risk', type: 'float64' },
  { name: 'region_risk', type: 'float64' },
  { name: 'industry_sign', type: 'float64' },
  { name: 'troubled', type: 'int32' },
  { name: 'defaulted', type: 'int32' },
  { name: 'propensity', type: 'float64' },
  { name: 'pushed', type: 'int32' },
  { name: 'signed', type: 'int32' },
];

function newColumn(type: ColumnType, capacity: number): Column {
  return type === 'string' ? new StringColumn(capacity) : new NumberColumn(type, capacity);
}

/** Empty columns for an extract table, in schema order. */
export function emptyTable(name: DemoTableName, capacity = 1024): ColumnarTable {
  if (name === TRUTH_TABLE) {
    return { names: TRUTH_COLUMNS.map((c) => c.name), columns: TRUTH_COLUMNS.map((c) => newColumn(c.type, capacity)) };
  }
  const spec = EXTRACT_TABLES.find((t) => t.name === name)!;
  return {
    names: spec.columns.map((c) => c.name),
    columns: spec.columns.map((c) => newColumn(columnTypeOf(c.kind), capacity)),
  };
}

/** The extract tables in the order they are generated and written. */
export const EXTRACT_TABLE_NAMES: readonly TableName[] = EXTRACT_TABLES.map((t) => t.name);
