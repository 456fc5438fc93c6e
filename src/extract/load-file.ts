import type { Database } from '../engine/database';
import { isCancellation, quoteIdent } from '../engine/database';
import { describeTable } from '../engine/catalog';
import { checkTable } from './checks';
import { cleanStaged } from './clean';
import { LoadError } from './issues';
import type { InvalidRowPolicy, MappingMemory, TableMapping } from './mapping';
import { headerSignature } from './mapping';
import { profileColumns } from './profile';
import type { ProfiledColumn } from './recognise';
import { proposeMapping, recogniseTable } from './recognise';
import type { QualityReport } from './report';
import type { ReaderContext, SourceInfo, StagedSource } from './staging';
import { ROW_COLUMN } from './staging';
import { describeSource } from './source';
import { stageCsv, type CsvOptions } from './readers/csv-reader';
import { checkFileSize } from './size-budget';

/** Options a user can set on the reading step (anything left out is detected). */
export interface ReadRequest extends CsvOptions {
  /** XLSX: the sheet to read */
  sheet?: string;
  /** XLSX: the header's row number */
  headerRow?: number;
}

/** A file read into a staging table, with a proposed mapping, waiting for the user to confirm. */
export interface StagedFile {
  readonly staged: StagedSource;
  readonly columns: readonly ProfiledColumn[];
  readonly proposal: TableMapping;
  readonly startedAt: number;
}

/** Reads any supported file into a staging table; the format decides the reader. */
async function stage(db: Database, bytes: Uint8Array, source: SourceInfo, request: ReadRequest, ctx: ReaderContext): Promise<StagedSource> {
  switch (source.format) {
    case 'csv':
      return stageCsv(db, bytes, source, request, ctx);
    case 'xlsx': {
      const { stageXlsx } = await import('./readers/xlsx-reader');
      return stageXlsx(db, bytes, source, { ...(request.sheet ? { sheet: request.sheet } : {}), ...(request.headerRow ? { headerRow: request.headerRow } : {}) }, ctx);
    }
    case 'parquet': {
      const { stageParquet } = await import('./readers/parquet-reader');
      return stageParquet(db, bytes, source, ctx);
    }
    case 'json': {
      const { stageJson } = await import('./readers/json-reader');
      return stageJson(db, bytes, source, ctx);
    }
  }
}

/**
 * Step 1 of loading: fingerprints the file, reads it into a staging table and proposes a mapping
 * (remembered, recognised or plain). Nothing visible to the user's SQL is created yet.
 */
export async function stageFile(
  db: Database,
  name: string,
  bytes: Uint8Array,
  context: { request?: ReadRequest; takenNames: ReadonlySet<string>; memory?: MappingMemory; maxBytes?: number; sha256?: string; trusted?: boolean } & ReaderContext,
): Promise<StagedFile> {
  const startedAt = Date.now();
  const source = await describeSource(name, bytes, context.sha256);
  if (context.maxBytes !== undefined) checkFileSize(source, context.maxBytes);
  const staged = await stage(db, bytes, source, context.request ?? {}, context);
  try {
    // only columns no extract column matches need their kind guessed from their values
    const found = context.trusted ? null : recogniseTable(staged.columns.map((c) => c.header), name);
    const unmatched = context.trusted ? new Set<string>() : new Set(staged.columns.filter((_c, i) => !found?.matches[i]).map((c) => c.name));
    const columns = await profileColumns(db, staged, unmatched);
    return { staged, columns, proposal: proposeMapping(name, columns, context.takenNames, context.memory), startedAt };
  } catch (error) {
    await discardStaged(db, staged);
    throw error;
  }
}

/**
 * Step 2 of loading: cleans the staged file into its table with the confirmed mapping, runs the
 * checks and returns the quality report. `trusted` (the bundled demo, verified by its SHA-256)
 * keeps typed values as they are and skips the text rules and checks: the generator's tests
 * check that data. The staging table is dropped either way; a table of the
 * same name is replaced only once the new one is complete.
 */
export async function completeLoad(
  db: Database,
  file: StagedFile,
  mapping: TableMapping,
  context: { policy?: InvalidRowPolicy; memory?: MappingMemory; trusted?: boolean } & ReaderContext = {},
): Promise<QualityReport> {
  const { staged } = file;
  const policy = context.policy ?? 'reject-row';
  const building = `${staged.table}_result`;
  const signal = context.signal ? { signal: context.signal } : {};
  try {
    context.onProgress?.({ phase: 'cleaning', done: 0, total: 1 });
    const cleaned = await cleanStaged(db, staged, { ...mapping, name: building }, policy, { ...signal, trusted: context.trusted ?? false });
    context.onProgress?.({ phase: 'checking', done: 0, total: 1 });
    const checked = context.trusted ? { issues: [], counts: [] } : await checkTable(db, building, mapping, staged.source.name);
    await db.exec(`ALTER TABLE ${quoteIdent(building)} DROP COLUMN ${ROW_COLUMN}`);
    await db.exec(`DROP TABLE IF EXISTS ${quoteIdent(mapping.name)}; DROP VIEW IF EXISTS ${quoteIdent(mapping.name)}; ALTER TABLE ${quoteIdent(building)} RENAME TO ${quoteIdent(mapping.name)}`);
    context.memory?.remember(headerSignature(staged.columns.map((c) => c.header)), mapping);
    const columns = await describeTable(db, mapping.name);
    return {
      source: staged.source,
      options: staged.options,
      mapping,
      policy,
      table: mapping.name,
      recognisedAs: mapping.table,
      rowsRead: staged.rows,
      rowsLoaded: cleaned.rowsLoaded,
      rowsRejected: cleaned.rowsRejected,
      rowsSkipped: cleaned.rowsSkipped,
      issues: [...staged.issues, ...cleaned.issues, ...checked.issues],
      counts: [...cleaned.counts, ...checked.counts],
      columns,
      elapsedMs: Date.now() - file.startedAt,
    };
  } catch (error) {
    await db.exec(`DROP TABLE IF EXISTS ${quoteIdent(building)}`).catch(() => undefined);
    if (error instanceof LoadError || isCancellation(error)) throw error;
    throw new LoadError({ code: 'unreadable', severity: 'error', file: staged.source.name, detail: { message: error instanceof Error ? error.message : String(error) } });
  } finally {
    await discardStaged(db, file.staged);
  }
}

/** Drops a staging table (after a load, or when the user cancels the mapping step). */
export async function discardStaged(db: Database, staged: StagedSource): Promise<void> {
  await db.exec(`DROP TABLE IF EXISTS ${quoteIdent(staged.table)}`).catch(() => undefined);
}
