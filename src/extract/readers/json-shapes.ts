import { clip } from '../issues';
import type { SourceInfo } from '../staging';
import { CHUNK_ROWS, pause } from './cooperative';
import type { IssueCollector } from './issue-collector';
import { sourceIssue } from './load-failure';
import { jsonValueText, type RecordColumns } from './json-columns';
import { isJsonObject, JsonSyntaxError, parseJson, type JsonObject, type JsonValue } from './json-parse';

/** Where the reading of one shape reports to. */
export interface ShapeTarget {
  readonly source: SourceInfo;
  readonly records: RecordColumns;
  readonly issues: IssueCollector;
  readonly signal: AbortSignal | undefined;
  readonly onProgress: (done: number, total: number) => void;
}

function notARecord(target: ShapeTarget, row: number, value: JsonValue): void {
  const text = jsonValueText(value) ?? 'null';
  target.issues.add(sourceIssue(target.source, 'parse-error', 'error', { row, value: clip(text), detail: { reason: 'not-a-record' } }));
}

/**
 * Adds the elements of a parsed array as records (row = element number), pausing between chunks
 * so the page stays responsive and an abort is honoured.
 */
export async function addRecords(values: readonly JsonValue[], target: ShapeTarget): Promise<void> {
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (isJsonObject(value)) target.records.add(i + 1, value);
    else notARecord(target, i + 1, value);
    if ((i + 1) % CHUNK_ROWS === 0) {
      target.onProgress(i + 1, values.length);
      await pause(target.signal);
    }
  }
}

/** One NDJSON line that is not JSON (or too deep to stage) as a row issue naming where it stops. */
function badLine(target: ShapeTarget, line: number, raw: string, error: JsonSyntaxError): void {
  const detail: Record<string, string | number> = { line };
  if (error.offset !== undefined) detail['column'] = error.offset + 1;
  detail['message'] = error.message;
  target.issues.add(sourceIssue(target.source, 'parse-error', 'error', { row: line, value: clip(raw), detail }));
}

/**
 * Reads newline-delimited JSON: one record per line, row = line number. A line that is not a
 * JSON object becomes a row issue and the other lines still load.
 */
export async function readNdjson(text: string, target: ShapeTarget): Promise<void> {
  let line = 0;
  for (let start = 0; start < text.length; ) {
    const lf = text.indexOf('\n', start);
    const end = lf < 0 ? text.length : lf;
    line += 1;
    const raw = text.slice(start, end).replace(/\r$/, '');
    start = end + 1;
    if (raw.trim() !== '') {
      try {
        const value = parseJson(raw);
        if (isJsonObject(value)) target.records.add(line, value);
        else notARecord(target, line, value);
      } catch (error) {
        if (!(error instanceof JsonSyntaxError)) throw error;
        badLine(target, line, raw, error);
      }
    }
    if (line % CHUNK_ROWS === 0) {
      target.onProgress(start, text.length);
      await pause(target.signal);
    }
  }
}

/** The first line with content parses as one JSON object on its own: the text is NDJSON. */
export function looksLikeNdjson(text: string): boolean {
  for (let start = 0; start < text.length; ) {
    const lf = text.indexOf('\n', start);
    const end = lf < 0 ? text.length : lf;
    const raw = text.slice(start, end);
    if (raw.trim() !== '') {
      try {
        return isJsonObject(parseJson(raw));
      } catch (error) {
        if (error instanceof JsonSyntaxError) return false;
        throw error;
      }
    }
    start = end + 1;
  }
  return false;
}

/** The first key of `object` holding an array with at least one record, if any. */
export function recordsKey(object: JsonObject): string | undefined {
  for (const [key, value] of Object.entries(object)) {
    if (Array.isArray(value) && value.some(isJsonObject)) return key;
  }
  return undefined;
}
