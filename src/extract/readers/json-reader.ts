import type { Database } from '../../engine/database';
import type { ReaderContext, ReadOptions, SourceInfo, StagedSource } from '../staging';
import { nextStagingName } from '../staging';
import type { LoadError } from '../issues';
import { pause, throwIfAborted } from './cooperative';
import { IssueCollector } from './issue-collector';
import { RecordColumns } from './json-columns';
import { isJsonObject, JsonSyntaxError, lineAndColumn, parseJson, type JsonValue } from './json-parse';
import { addRecords, looksLikeNdjson, readNdjson, recordsKey, type ShapeTarget } from './json-shapes';
import { loadError } from './load-failure';
import { looksBinary } from './sniff';
import { toUtf8 } from './text-decode';
import { insertTextTable, renamedHeaderIssues } from './text-table';

/** How the records were laid out in the file (reported in the options). */
type JsonShape = 'array' | 'ndjson' | 'object' | 'single-record';

/**
 * Reads a JSON extract into a staging table of text columns. Accepted: an array of records, one
 * record per line (NDJSON; row = line number), an object holding an array of records (the first
 * such key; named in the options), or a single record. Values become text (see jsonValueText);
 * the columns are the union of the records' keys in first-seen order (integer-like keys first:
 * see json-parse.ts).
 *
 * The file is parsed by lossless-json in one synchronous step (it has no incremental API), so
 * progress and an abort are honoured before that step and between chunks of records after it.
 */
export async function stageJson(
  db: Database,
  bytes: Uint8Array,
  source: SourceInfo,
  ctx: ReaderContext = {},
): Promise<StagedSource> {
  if (bytes.length === 0) throw loadError(source, 'empty-file');
  if (looksBinary(bytes)) throw loadError(source, 'binary-file');
  ctx.onProgress?.({ phase: 'decoding', done: 0, total: bytes.length });
  const decoded = toUtf8(bytes, source.name);
  const text = new TextDecoder('utf-8').decode(decoded.bytes);
  if (text.trim() === '') throw loadError(source, 'empty-file');
  throwIfAborted(ctx.signal);

  const issues = new IssueCollector();
  decoded.issues.forEach((i) => issues.add(i));
  const records = new RecordColumns();
  const target: ShapeTarget = {
    source,
    records,
    issues,
    signal: ctx.signal,
    onProgress: (done, total) => ctx.onProgress?.({ phase: 'parsing', done, total }),
  };
  const options: Record<string, string> = { encoding: decoded.encoding };
  target.onProgress(0, text.length);
  await pause(ctx.signal); // let the page show the phase before the parse holds the thread
  try {
    options['shape'] = await readShape(text, target, options);
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    throw syntaxFailure(source, text, error);
  }
  if (records.size === 0) {
    const rejected = issues.list().some((i) => i.code === 'parse-error');
    throw loadError(source, rejected ? 'unsupported-format' : 'empty-file', { detail: { reason: 'no-records' } });
  }
  const table = records.toTextTable();
  if (table.columns.length === 0) throw loadError(source, 'empty-file', { detail: { reason: 'no-fields' } });
  throwIfAborted(ctx.signal);

  const name = nextStagingName();
  const columns = await insertTextTable(db, name, table);
  renamedHeaderIssues(source, columns).forEach((i) => issues.add(i));
  return {
    source,
    table: name,
    columns,
    rows: table.rowNumbers.length,
    options: options satisfies ReadOptions,
    issues: issues.list(),
  };
}

/**
 * Parses the whole text and reads its records; returns the shape. A text that is not one JSON
 * value but whose first line is an object on its own is read as NDJSON, line by line.
 */
async function readShape(text: string, target: ShapeTarget, options: Record<string, string>): Promise<JsonShape> {
  let whole: JsonValue;
  try {
    whole = parseJson(text);
  } catch (error) {
    if (error instanceof JsonSyntaxError && /^[ \t\r\n]*\{/.test(text) && looksLikeNdjson(text)) {
      await readNdjson(text, target);
      return 'ndjson';
    }
    throw error;
  }
  throwIfAborted(target.signal);
  if (Array.isArray(whole)) {
    await addRecords(whole, target);
    return 'array';
  }
  if (!isJsonObject(whole)) throw loadError(target.source, 'unsupported-format', { detail: { reason: 'not-records' } });
  const key = recordsKey(whole);
  if (key === undefined) {
    target.records.add(1, whole);
    return 'single-record';
  }
  options['recordsKey'] = key;
  await addRecords(whole[key] as JsonValue[], target);
  return 'object';
}

/** The file is not JSON: say where it stops being JSON (line and column) when the parser knows. */
function syntaxFailure(source: SourceInfo, text: string, error: JsonSyntaxError): LoadError {
  if (error.offset === undefined) return loadError(source, 'parse-error', { detail: { message: error.message } });
  const { line, column } = lineAndColumn(text, error.offset);
  return loadError(source, 'parse-error', { row: line, detail: { line, column, message: error.message } });
}
