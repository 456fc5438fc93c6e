import { makeVector, RecordBatch, Schema, Struct, Table, tableToIPC, makeData, type Vector } from 'apache-arrow';
import type { Database } from '../../engine/database';
import type { ReaderContext, SourceInfo, StagedColumn, StagedSource } from '../staging';
import { nextStagingName, ROW_COLUMN, uniqueColumnNames } from '../staging';
import { planColumn } from './arrow-column-plan';
import { throwIfAborted } from './cooperative';
import { joinForeignColumns } from './foreign-columns';
import { IssueCollector } from './issue-collector';
import { loadError, sourceIssue } from './load-failure';
import { parquetModule } from './parquet-module';
import { readParquetColumns, type ParquetColumn } from './parquet-read';
import { hasParquetMagic } from './sniff';

/**
 * Reads a Parquet file into a staging table, keeping the file's column types (the one format that
 * stages typed columns). Columns DuckDB-WASM cannot take exactly are converted (a
 * 'converted-column-type' warning names the column and both types) or left out (an
 * 'unsupported-column-type' error names the column); see arrow-column-plan.ts. `__row` is 1..n.
 */
export async function stageParquet(
  db: Database,
  bytes: Uint8Array,
  source: SourceInfo,
  ctx: ReaderContext = {},
): Promise<StagedSource> {
  if (bytes.length === 0) throw loadError(source, 'empty-file');
  const magic = hasParquetMagic(bytes);
  if (!magic.head) throw loadError(source, 'unreadable', { detail: { reason: 'not-parquet' } });
  if (!magic.tail) throw loadError(source, 'unreadable', { detail: { reason: 'truncated' } });
  ctx.onProgress?.({ phase: 'reading', done: 0, total: bytes.length });
  const parquet = await parquetModule();
  throwIfAborted(ctx.signal);
  const { columns, rows } = await readParquetColumns(parquet, bytes, source);
  if (columns.length === 0) throw loadError(source, 'empty-file', { detail: { reason: 'no-columns' } });
  if (rows === 0) throw loadError(source, 'header-only', { detail: { columns: columns.length } });
  throwIfAborted(ctx.signal);

  const issues = new IssueCollector();
  const names = uniqueColumnNames(columns.map((c) => c.name));
  const decoded: Array<{ name: string; vector: Vector }> = [];
  const foreign = new Map<string, Uint8Array>();
  const kept: ParquetColumn[] = [];
  columns.forEach((column, i) => {
    const name = names[i]!;
    ctx.onProgress?.({ phase: 'parsing', done: i, total: columns.length });
    if (!('vector' in column)) {
      foreign.set(name, column.ipc);
      kept.push(column);
      return;
    }
    const plan = planColumn(column.vector);
    const from = String(column.vector.type);
    if (plan.action === 'drop') {
      issues.add(sourceIssue(source, 'unsupported-column-type', 'error', { column: column.name, detail: { type: from, reason: plan.reason } }));
      return;
    }
    let vector = column.vector;
    if (plan.action === 'convert') {
      vector = makeVector(column.vector.data.map(plan.convert));
      issues.add(sourceIssue(source, 'converted-column-type', 'warning', {
        column: column.name,
        detail: { from, to: plan.to, ...plan.detail },
      }));
    }
    decoded.push({ name, vector });
    kept.push(column);
  });
  if (kept.length === 0) throw loadError(source, 'unsupported-column-type', { detail: { columns: columns.length } });
  throwIfAborted(ctx.signal);

  const table = nextStagingName();
  const order = kept.map((c) => names[columns.indexOf(c)]!);
  const main = foreign.size > 0 ? `${table}_main` : table;
  await db.insertArrow(main, stagingIpc(decoded, rows));
  if (foreign.size > 0) {
    const refused = await joinForeignColumns(db, table, main, order, foreign, rows);
    for (const [name, reason] of refused) {
      const column = columns[names.indexOf(name)]!;
      issues.add(sourceIssue(source, 'unsupported-column-type', 'error', { column: column.name, detail: { reason } }));
    }
  }
  const staged = await stagedColumns(db, table, names, columns);
  return { source, table, columns: staged, rows, options: {}, issues: issues.list() };
}

/**
 * `__row` (1..n) and the columns as one Arrow IPC stream. Columns are keyed `c0, c1…` while Arrow
 * lines up their chunks (a header such as "2024" would otherwise be moved first as an integer
 * key), then get their staging names.
 */
function stagingIpc(columns: ReadonlyArray<{ name: string; vector: Vector }>, rows: number): Uint8Array {
  const byKey: Record<string, Vector> = { c0: makeVector(Int32Array.from({ length: rows }, (_, i) => i + 1)) };
  columns.forEach((c, i) => (byKey[`c${i + 1}`] = c.vector));
  const aligned = new Table(byKey);
  const fields = aligned.schema.fields.map((f, i) => f.clone({ name: i === 0 ? ROW_COLUMN : columns[i - 1]!.name, nullable: i !== 0 }));
  const schema = new Schema(fields);
  const batches = aligned.batches.map(
    (b) => new RecordBatch(schema, makeData({ type: new Struct(fields), length: b.numRows, nullCount: 0, children: b.data.children })),
  );
  return tableToIPC(new Table(schema, batches), 'stream');
}

/** The staged columns with the DuckDB type each one got. */
async function stagedColumns(
  db: Database,
  table: string,
  names: readonly string[],
  columns: readonly ParquetColumn[],
): Promise<StagedColumn[]> {
  const info = await db.query(
    `SELECT column_name AS c, data_type AS t FROM duckdb_columns()
     WHERE table_name = ? AND schema_name = 'main' AND column_name <> ? ORDER BY column_index`,
    [table, ROW_COLUMN],
  );
  const out: StagedColumn[] = [];
  for (let i = 0; i < info.numRows; i++) {
    const name = String(info.getChild('c')!.get(i));
    out.push({ header: columns[names.indexOf(name)]?.name ?? name, name, type: String(info.getChild('t')!.get(i)) });
  }
  return out;
}

