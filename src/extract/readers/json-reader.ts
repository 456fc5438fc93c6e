import type { Database } from '../../engine/database';
import type { ReaderContext, ReadOptions, SourceInfo, StagedSource } from '../staging';
import { nextStagingName } from '../staging';
import { throwIfAborted } from './cooperative';
import { IssueCollector } from './issue-collector';
import { RecordColumns } from './json-columns';
import { JsonScanner, JsonSyntaxError, lineAndColumn, type JsonValue } from './json-scanner';
import { addRecords, looksLikeNdjson, readNdjson, readRecordArray, recordsKey, type ShapeTarget } from './json-shapes';
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
 * the columns are the union of the records' keys in first-seen order.
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
    onProgress: (done) => ctx.onProgress?.({ phase: 'parsing', done, total: text.length }),
  };
  const options: Record<string, string> = { encoding: decoded.encoding };
  try {
    options['shape'] = await readShape(text, target, options);
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    const { line, column } = lineAndColumn(text, error.offset);
    throw loadError(source, 'parse-error', { row: line, detail: { line, column, expected: error.expected } });
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

/** Recognises the layout from the first character and reads the records; returns the shape. */
async function readShape(text: string, target: ShapeTarget, options: Record<string, string>): Promise<JsonShape> {
  const scanner = new JsonScanner(text);
  const first = scanner.peek();
  if (first === 0x5b) {
    await readRecordArray(scanner, target);
    expectEnd(scanner);
    return 'array';
  }
  let whole: JsonValue;
  try {
    whole = scanner.value();
    expectEnd(scanner);
  } catch (error) {
    if (first === 0x7b && error instanceof JsonSyntaxError && looksLikeNdjson(text)) {
      await readNdjson(text, target);
      return 'ndjson';
    }
    throw error;
  }
  if (!(whole instanceof Map)) throw loadError(target.source, 'unsupported-format', { detail: { reason: 'not-records' } });
  const key = recordsKey(whole);
  if (key === undefined) {
    target.records.add(1, whole);
    return 'single-record';
  }
  options['recordsKey'] = key;
  await addRecords(whole.get(key) as JsonValue[], target);
  return 'object';
}

function expectEnd(scanner: JsonScanner): void {
  if (scanner.peek() !== -1) throw new JsonSyntaxError(scanner.pos, 'the end of the file');
}
