import bindings from '@duckdb/node-bindings';
import { DuckDBDataChunk, type DuckDBAppender, type DuckDBConnection, type DuckDBType } from '@duckdb/node-api';
import type { Data, Table, Vector } from 'apache-arrow';
import { quoteIdent } from '../database';
import { bitSet, planColumn, type ColumnPlan } from './append-plan';

/**
 * Arrow → native DuckDB, one data chunk (2,048 rows) at a time, each column written as
 * append-plan.ts says. A row-by-row appender moved ~0.6 M rows/s; copying whole buffers moves
 * several million, which the demo generator needs for tens of millions of rows.
 */

type RawVector = ReturnType<typeof bindings.data_chunk_get_vector>;

const CHUNK_ROWS = 2048;

/** Marks the nulls of rows [from, from + count) in the vector's validity mask. */
function writeValidity(target: RawVector, data: Data, from: number, count: number): void {
  if (data.nullCount === 0 || !data.nullBitmap || data.nullBitmap.length === 0) return;
  const mask = new BigUint64Array(Math.ceil(count / 64)).fill(0xffff_ffff_ffff_ffffn);
  const bytes = new Uint8Array(mask.buffer);
  for (let i = 0; i < count; i++) {
    if (!bitSet(data.nullBitmap, data.offset + from + i)) bytes[i >> 3]! &= ~(1 << (i & 7));
  }
  bindings.vector_ensure_validity_writable(target);
  bindings.copy_data_to_vector_validity(target, 0, mask.buffer, 0, mask.byteLength);
}

/** Creates (or replaces) table `name` and appends every row of `table` to it. */
export async function appendArrowTable(conn: DuckDBConnection, name: string, table: Table): Promise<void> {
  const fields = table.schema.fields;
  const plans = fields.map((f) => planColumn(f.type));
  const columns = fields.map((f, i) => `${quoteIdent(f.name)} ${plans[i]!.sqlType}`).join(', ');
  await conn.run(`CREATE OR REPLACE TABLE ${quoteIdent(name)} (${columns})`);
  const appender = await conn.createAppender(name);
  try {
    const types: DuckDBType[] = fields.map((_f, i) => appender.columnType(i));
    for (const batch of table.batches) {
      const vectors = fields.map((_f, i) => batch.getChildAt(i)!);
      for (let from = 0; from < batch.numRows; from += CHUNK_ROWS) {
        appendSlice(appender, types, plans, vectors, from, Math.min(CHUNK_ROWS, batch.numRows - from));
      }
    }
  } finally {
    appender.closeSync();
  }
}

function appendSlice(
  appender: DuckDBAppender,
  types: readonly DuckDBType[],
  plans: readonly ColumnPlan[],
  vectors: readonly Vector[],
  from: number,
  count: number,
): void {
  const chunk = DuckDBDataChunk.create(types, count);
  vectors.forEach((vector, c) => {
    const data = vector.data[0]!;
    const target = bindings.data_chunk_get_vector(chunk.chunk, c);
    plans[c]!.write(target, data, vector, from, count);
    writeValidity(target, data, from, count);
  });
  appender.appendDataChunk(chunk);
}
