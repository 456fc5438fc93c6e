import { clip } from '../issues';
import type { SourceInfo } from '../staging';
import { CHUNK_ROWS, pause } from './cooperative';
import type { IssueCollector } from './issue-collector';
import { sourceIssue } from './load-failure';
import { jsonValueText, type RecordColumns } from './json-columns';
import { JsonScanner, JsonSyntaxError, type JsonObject, type JsonValue } from './json-scanner';

/** Where the reading of one shape reports to. */
export interface ShapeTarget {
  readonly source: SourceInfo;
  readonly records: RecordColumns;
  readonly issues: IssueCollector;
  readonly signal: AbortSignal | undefined;
  readonly onProgress: (done: number) => void;
}

function isRecord(value: JsonValue): value is JsonObject {
  return value instanceof Map;
}

function notARecord(target: ShapeTarget, row: number, value: JsonValue): void {
  const text = jsonValueText(value) ?? 'null';
  target.issues.add(sourceIssue(target.source, 'parse-error', 'error', { row, value: clip(text), detail: { reason: 'not-a-record' } }));
}

/**
 * Reads the elements of the array whose '[' is next in `scanner`, one record per element (row =
 * element number), pausing between chunks. A syntax error propagates: the file is broken.
 */
export async function readRecordArray(scanner: JsonScanner, target: ShapeTarget): Promise<void> {
  scanner.expect('[');
  let row = 0;
  for (let first = true; scanner.nextElement(first); first = false) {
    row += 1;
    const value = scanner.value();
    if (isRecord(value)) target.records.add(row, value);
    else notARecord(target, row, value);
    if (row % CHUNK_ROWS === 0) {
      target.onProgress(scanner.pos);
      await pause(target.signal);
    }
  }
}

/** The record on one NDJSON line, or the offset (within the line) where it stops being JSON. */
function parseLine(line: string): { value: JsonValue } | { error: JsonSyntaxError } {
  const scanner = new JsonScanner(line);
  try {
    const value = scanner.value();
    if (scanner.peek() !== -1) throw new JsonSyntaxError(scanner.pos, 'the end of the line');
    return { value };
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { error };
    throw error;
  }
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
      const parsed = parseLine(raw);
      if ('error' in parsed) {
        target.issues.add(sourceIssue(target.source, 'parse-error', 'error', {
          row: line,
          value: clip(raw),
          detail: { line, column: parsed.error.offset + 1, expected: parsed.error.expected },
        }));
      } else if (isRecord(parsed.value)) target.records.add(line, parsed.value);
      else notARecord(target, line, parsed.value);
    }
    if (line % CHUNK_ROWS === 0) {
      target.onProgress(start);
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
      const parsed = parseLine(raw);
      return 'value' in parsed && isRecord(parsed.value);
    }
    start = end + 1;
  }
  return false;
}

/** The first key of `object` holding an array with at least one record, if any. */
export function recordsKey(object: JsonObject): string | undefined {
  for (const [key, value] of object) {
    if (Array.isArray(value) && value.some(isRecord)) return key;
  }
  return undefined;
}

/** Adds the elements of an array already parsed (the one under `recordsKey`) as records. */
export async function addRecords(values: readonly JsonValue[], target: ShapeTarget): Promise<void> {
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (isRecord(value)) target.records.add(i + 1, value);
    else notARecord(target, i + 1, value);
    if ((i + 1) % CHUNK_ROWS === 0) await pause(target.signal);
  }
}

