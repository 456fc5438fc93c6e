import { makeData, makeVector, RecordBatch, Schema, Struct, Table, tableToIPC, type Vector } from 'apache-arrow';
import { quoteIdent, type Database } from '../../engine/database';
import { describeTable } from '../../engine/catalog';
import type { LoadIssue } from '../issues';
import type { ReaderContext, SourceInfo, StagedColumn, StagedSource } from '../staging';
import { nextStagingName, ROW_COLUMN, uniqueColumnNames } from '../staging';
import { planColumn } from './arrow-column-plan';
import { throwIfAborted } from './cooperative';
import { joinForeignColumns } from './foreign-columns';
import { IssueCollector } from './issue-collector';
import { errorMessage, loadError, sourceIssue } from './load-failure';
import { parquetModule } from './parquet-module';
import { readParquetColumns, type ParquetColumn } from './parquet-read';
import { hasParquetMagic } from './sniff';

/** A column on its way to the staging table, under its staging name. */
interface Prepared {
  readonly name: string;
  /** the column's name in the file */
  readonly header: string;
  readonly vector?: Vector;
  readonly ipc?: Uint8Array;
}

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
  const prepared = prepareColumns(source, columns, issues, ctx);
  throwIfAborted(ctx.signal);
  const table = nextStagingName();
  const foreign = new Map(prepared.flatMap((c) => (c.ipc ? [[c.name, c.ipc] as const] : [])));
  const main = foreign.size > 0 ? `${table}_main` : table;
  const decoded = await insertDecoded(db, main, prepared.filter((c) => c.vector), rows, source, issues);
  if (foreign.size > 0) {
    const order = prepared.filter((c) => c.ipc || decoded.includes(c)).map((c) => c.name);
    const refused = await joinForeignColumns(db, table, main, order, foreign, rows);
    for (const [name, reason] of refused) {
      const header = prepared.find((c) => c.name === name)!.header;
      issues.add(sourceIssue(source, 'unsupported-column-type', 'error', { column: header, detail: { reason } }));
    }
  }
  const staged = await stagedColumns(db, table, prepared);
  return { source, table, columns: staged, rows, options: {}, issues: issues.list() };
}

/** Converts or leaves out each decoded column as its plan says, reporting each change. */
function prepareColumns(source: SourceInfo, columns: readonly ParquetColumn[], issues: IssueCollector, ctx: ReaderContext): Prepared[] {
  const names = uniqueColumnNames(columns.map((c) => c.name));
  const prepared: Prepared[] = [];
  columns.forEach((column, i) => {
    ctx.onProgress?.({ phase: 'parsing', done: i, total: columns.length });
    const base = { name: names[i]!, header: column.name };
    if (!('vector' in column)) {
      prepared.push({ ...base, ipc: column.ipc });
      return;
    }
    const plan = planColumn(column.vector);
    const from = String(column.vector.type);
    if (plan.action === 'drop') {
      issues.add(sourceIssue(source, 'unsupported-column-type', 'error', { column: column.name, detail: { type: from, reason: plan.reason } }));
    } else if (plan.action === 'convert') {
      prepared.push({ ...base, vector: makeVector(column.vector.data.map(plan.convert)) });
      issues.add(sourceIssue(source, 'converted-column-type', 'warning', { column: column.name, detail: { from, to: plan.to, ...plan.detail } }));
    } else prepared.push({ ...base, vector: column.vector });
  });
  if (prepared.length === 0) throw loadError(source, 'unsupported-column-type', { detail: { columns: columns.length } });
  return prepared;
}

/**
 * Inserts `__row` and the decoded columns. Should DuckDB refuse a type the plan let through, each
 * column is tried alone and the ones refused are left out with an issue, rather than failing the
 * whole file. Returns the columns inserted.
 */
async function insertDecoded(
  db: Database,
  name: string,
  columns: readonly Prepared[],
  rows: number,
  source: SourceInfo,
  issues: { add(issue: LoadIssue): void },
): Promise<Prepared[]> {
  try {
    await db.insertArrow(name, stagingIpc(columns, rows));
    return [...columns];
  } catch (error) {
    const accepted: Prepared[] = [];
    for (const column of columns) {
      try {
        await db.insertArrow(`${name}_probe`, stagingIpc([{ ...column, vector: column.vector!.slice(0, 1) }], Math.min(rows, 1)));
        accepted.push(column);
      } catch (refusal) {
        issues.add(sourceIssue(source, 'unsupported-column-type', 'error', {
          column: column.header,
          detail: { type: String(column.vector!.type), reason: errorMessage(refusal) },
        }));
      }
    }
    await db.exec(`DROP TABLE IF EXISTS ${quoteIdent(`${name}_probe`)}`);
    if (accepted.length === columns.length) throw loadError(source, 'unreadable', { detail: { message: errorMessage(error) } });
    await db.insertArrow(name, stagingIpc(accepted, rows));
    return accepted;
  }
}

/**
 * `__row` (1..n) and the columns as one Arrow IPC stream. Columns are keyed `c0, c1…` while Arrow
 * lines up their chunks (a header such as "2024" would otherwise be moved first as an integer
 * key), then get their staging names.
 */
function stagingIpc(columns: readonly Prepared[], rows: number): Uint8Array {
  const byKey: Record<string, Vector> = { c0: makeVector(Int32Array.from({ length: rows }, (_, i) => i + 1)) };
  columns.forEach((c, i) => (byKey[`c${i + 1}`] = c.vector!));
  const aligned = new Table(byKey);
  const fields = aligned.schema.fields.map((f, i) => f.clone({ name: i === 0 ? ROW_COLUMN : columns[i - 1]!.name, nullable: i !== 0 }));
  const schema = new Schema(fields);
  const batches = aligned.batches.map(
    (b) => new RecordBatch(schema, makeData({ type: new Struct(fields), length: b.numRows, nullCount: 0, children: b.data.children })),
  );
  return tableToIPC(new Table(schema, batches), 'stream');
}

/** The staged columns with the DuckDB type each one got. */
async function stagedColumns(db: Database, table: string, prepared: readonly Prepared[]): Promise<StagedColumn[]> {
  return (await describeTable(db, table))
    .filter((c) => c.name !== ROW_COLUMN)
    .map((c) => ({ header: prepared.find((p) => p.name === c.name)?.header ?? c.name, name: c.name, type: c.type }));
}
