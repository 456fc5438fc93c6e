import { DuckDBDateValue, DuckDBTimestampValue, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import { DataType, type Table, type Vector } from 'apache-arrow';
import { quoteIdent } from '../database';

type Append = (appender: DuckDBAppender, value: unknown) => void;

interface ColumnPlan {
  sqlType: string;
  append: Append;
}

/** How an Arrow column becomes a DuckDB column, mirroring what DuckDB-WASM's Arrow insert does. */
function planColumn(type: DataType): ColumnPlan {
  if (DataType.isBool(type)) return { sqlType: 'BOOLEAN', append: (a, v) => a.appendBoolean(Boolean(v)) };
  if (DataType.isInt(type)) {
    if (type.bitWidth === 64) return { sqlType: 'BIGINT', append: (a, v) => a.appendBigInt(BigInt(v as number | bigint)) };
    if (type.bitWidth === 32 && !type.isSigned) return { sqlType: 'UINTEGER', append: (a, v) => a.appendUInteger(Number(v)) };
    return { sqlType: 'INTEGER', append: (a, v) => a.appendInteger(Number(v)) };
  }
  if (DataType.isFloat(type)) return { sqlType: 'DOUBLE', append: (a, v) => a.appendDouble(Number(v)) };
  if (DataType.isDecimal(type)) return { sqlType: 'DOUBLE', append: (a, v) => a.appendDouble(Number(v)) };
  if (DataType.isDate(type)) {
    return { sqlType: 'DATE', append: (a, v) => a.appendDate(new DuckDBDateValue(Math.round(Number(v) / 86_400_000))) };
  }
  if (DataType.isTimestamp(type)) {
    return { sqlType: 'TIMESTAMP', append: (a, v) => a.appendTimestamp(new DuckDBTimestampValue(BigInt(Math.round(Number(v))) * 1000n)) };
  }
  return { sqlType: 'VARCHAR', append: (a, v) => a.appendVarchar(typeof v === 'string' ? v : String(v)) };
}

/** Creates (or replaces) table `name` and appends every row of `table` to it. */
export async function appendArrowTable(conn: DuckDBConnection, name: string, table: Table): Promise<void> {
  const fields = table.schema.fields;
  const plans = fields.map((f) => planColumn(f.type));
  const columns = fields.map((f, i) => `${quoteIdent(f.name)} ${plans[i]!.sqlType}`).join(', ');
  await conn.run(`CREATE OR REPLACE TABLE ${quoteIdent(name)} (${columns})`);
  const appender = await conn.createAppender(name);
  const vectors: Vector[] = fields.map((_f, i) => table.getChildAt(i)!);
  for (let row = 0; row < table.numRows; row++) {
    for (let col = 0; col < vectors.length; col++) {
      const value: unknown = vectors[col]!.get(row);
      if (value === null || value === undefined) appender.appendNull();
      else plans[col]!.append(appender, value);
    }
    appender.endRow();
  }
  appender.closeSync();
}
