import type { Database } from '../../engine/database';
import { quoteIdent, quoteLiteral } from '../../engine/database';
import { registeredFileName } from '../../engine/session-settings';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import type { LoadIssue } from '../issues';
import { LoadError, clip } from '../issues';
import type { ReaderContext, SourceInfo, StagedSource } from '../staging';
import { ROW_COLUMN, nextStagingName, uniqueColumnNames } from '../staging';
import { detectDialect, firstLines, splitRecord, type CsvDialect } from './csv-dialect';
import { recordStartLines } from './csv-records';
import { uniformLineEnds } from './line-ends';
import { toUtf8 } from './text-decode';

/** Reading options a user can override; anything left out is detected. */
export interface CsvOptions {
  delimiter?: string;
  quote?: string;
  header?: boolean;
}

/** At most this many parse problems are listed one by one; the rest are counted. */
const MAX_LISTED_REJECTS = 1000;
const SAMPLE_BYTES = 64 * 1024;

function rejectCode(message: string): LoadIssue['code'] {
  if (/unterminated quote/i.test(message)) return 'unclosed-quote';
  const m = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(message);
  if (m) return Number(m[2]) > Number(m[1]) ? 'too-many-columns' : 'too-few-columns';
  return 'parse-error';
}

/** Reads DuckDB's rejects for this scan as issues, with the line and the raw line. */
async function readRejects(db: Database, table: string, file: string): Promise<{ issues: LoadIssue[]; lines: number[] }> {
  const rejects = await db.query(
    `SELECT line, column_name, csv_line, error_message FROM ${quoteIdent(table)} ORDER BY line`,
  );
  const issues: LoadIssue[] = [];
  const lines: number[] = [];
  const line = rejects.getChild('line')!;
  const column = rejects.getChild('column_name')!;
  const raw = rejects.getChild('csv_line')!;
  const message = rejects.getChild('error_message')!;
  for (let i = 0; i < rejects.numRows; i++) {
    const at = Number(line.get(i));
    lines.push(at);
    if (issues.length >= MAX_LISTED_REJECTS) continue;
    const text = String(message.get(i) ?? '');
    const counts = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(text);
    issues.push({
      code: rejectCode(text),
      severity: 'error',
      file,
      row: at,
      ...(column.get(i) ? { column: String(column.get(i)) } : {}),
      value: clip(String(raw.get(i) ?? '')),
      ...(counts ? { detail: { expected: Number(counts[1]), found: Number(counts[2]) } } : {}),
    });
  }
  if (rejects.numRows > MAX_LISTED_REJECTS) {
    issues.push({ code: 'parse-error', severity: 'error', file, detail: { unlisted: rejects.numRows - MAX_LISTED_REJECTS } });
  }
  return { issues, lines };
}

/**
 * The line each staged row came from: record start lines, minus the header and the rejected
 * records, in order. Null when the count does not match DuckDB's (an edge of quoting we do not
 * model): rows are then numbered by record, and the report says so.
 */
function lineNumbersOfRows(starts: Int32Array, headerRecords: number, rejected: readonly number[], staged: number): Int32Array | null {
  const skip = new Set(rejected);
  const out = new Int32Array(staged);
  let k = 0;
  for (let i = headerRecords; i < starts.length; i++) {
    const line = starts[i]!;
    if (skip.has(line)) continue;
    if (k >= staged) return null;
    out[k++] = line;
  }
  return k === staged ? out : null;
}

/**
 * Stages a CSV file: decodes it to UTF-8 (GBK/GB18030 in the browser), detects its dialect,
 * lets DuckDB parse every field as text with rejects stored, and numbers each row by its line.
 */
export async function stageCsv(
  db: Database,
  bytes: Uint8Array,
  source: SourceInfo,
  options: CsvOptions = {},
  ctx: ReaderContext = {},
): Promise<StagedSource> {
  const file = source.name;
  ctx.onProgress?.({ phase: 'decoding', done: 0, total: bytes.length });
  const text = toUtf8(bytes, file, (done, total) => ctx.onProgress?.({ phase: 'decoding', done, total }));
  if (ctx.signal?.aborted) throw ctx.signal.reason ?? new Error('aborted');
  const sample = new TextDecoder().decode(text.bytes.subarray(0, SAMPLE_BYTES));
  const detected = detectDialect(sample);
  const dialect: CsvDialect = {
    delimiter: options.delimiter ?? detected.delimiter,
    quote: options.quote ?? detected.quote,
    header: options.header ?? detected.header,
  };
  const lines = firstLines(sample, 1);
  if (lines.length === 0) throw new LoadError({ code: 'empty-file', severity: 'error', file });
  const firstRecord = splitRecord(lines[0]!, dialect.delimiter, dialect.quote);
  const headers = dialect.header ? firstRecord : firstRecord.map((_f, i) => `column_${i + 1}`);
  const names = uniqueColumnNames(headers);
  const issues: LoadIssue[] = [...text.issues];
  headerIssues(headers, names, file, dialect.header, issues);

  const body = uniformLineEnds(text.bytes, dialect.quote);
  const starts = recordStartLines(body, dialect.quote, dialect.delimiter);
  const headerRecords = dialect.header ? 1 : 0;
  if (starts.length <= headerRecords) throw new LoadError({ code: 'header-only', severity: 'error', file });

  const table = nextStagingName();
  const name = registeredFileName(`${table}.csv`);
  const rejects = `${table}_rejects`;
  const path = await db.registerFile(name, body);
  ctx.onProgress?.({ phase: 'parsing', done: 0, total: 1 });
  try {
    const columns = `{${names.map((n) => `${quoteLiteral(n)}: 'VARCHAR'`).join(', ')}}`;
    await db.exec(
      `CREATE OR REPLACE TABLE ${quoteIdent(table)} AS
       SELECT CAST(NULL AS INTEGER) AS ${ROW_COLUMN}, *
       FROM read_csv(${quoteLiteral(path)}, auto_detect = false, header = ${dialect.header},
         delim = ${quoteLiteral(dialect.delimiter)}, quote = ${quoteLiteral(dialect.quote)},
         escape = ${quoteLiteral(dialect.quote)}, columns = ${columns}, null_padding = false,
         store_rejects = true, rejects_table = ${quoteLiteral(rejects)},
         rejects_scan = ${quoteLiteral(`${rejects}_scan`)})`,
      [],
      ctx.signal ? { signal: ctx.signal } : {},
    );
    const parsed = await readRejects(db, rejects, file);
    issues.push(...parsed.issues);
    const count = await db.query(`SELECT count(*) AS n FROM ${quoteIdent(table)}`);
    const rows = Number(count.getChild('n')!.get(0));
    await numberRows(db, table, lineNumbersOfRows(starts, headerRecords, parsed.lines, rows), headerRecords, issues, file);
    return {
      source,
      table,
      columns: names.map((name, i) => ({ header: headers[i] ?? '', name, type: 'VARCHAR' })),
      rows,
      options: { encoding: text.encoding, delimiter: dialect.delimiter, quote: dialect.quote, header: dialect.header },
      issues,
    };
  } catch (error) {
    await db.exec(`DROP TABLE IF EXISTS ${quoteIdent(table)}`).catch(() => undefined);
    throw error instanceof LoadError || isAbort(error, ctx.signal)
      ? error
      : new LoadError({ code: 'unreadable', severity: 'error', file, detail: { message: errorMessage(error) } });
  } finally {
    await db.exec(`DROP TABLE IF EXISTS ${quoteIdent(rejects)}; DROP TABLE IF EXISTS ${quoteIdent(`${rejects}_scan`)}`).catch(() => undefined);
    await db.dropFile(name).catch(() => undefined);
  }
}

function headerIssues(headers: readonly string[], names: readonly string[], file: string, header: boolean, issues: LoadIssue[]): void {
  if (!header) return;
  headers.forEach((h, i) => {
    if (h.trim() === '') issues.push({ code: 'empty-header', severity: 'warning', file, row: 1, column: names[i]! });
    else if (names[i] !== h.trim()) issues.push({ code: 'duplicate-header', severity: 'warning', file, row: 1, column: h, detail: { renamed: names[i]! } });
  });
}

/** Fills `__row` with each row's line, or with record numbers when lines are unknown. */
async function numberRows(db: Database, table: string, lines: Int32Array | null, headerRecords: number, issues: LoadIssue[], file: string): Promise<void> {
  if (!lines) {
    issues.push({ code: 'row-numbers-approximate', severity: 'info', file });
    await db.exec(`UPDATE ${quoteIdent(table)} SET ${ROW_COLUMN} = CAST(rowid AS INTEGER) + ${1 + headerRecords}`);
    return;
  }
  const map = `${table}_lines`;
  const k = Int32Array.from({ length: lines.length }, (_v, i) => i);
  await db.insertArrow(map, tableToIPC(tableFromArrays({ k, line: lines }), 'stream'));
  try {
    await db.exec(`UPDATE ${quoteIdent(table)} AS s SET ${ROW_COLUMN} = m.line FROM ${quoteIdent(map)} AS m WHERE m.k = s.rowid`);
  } finally {
    await db.exec(`DROP TABLE IF EXISTS ${quoteIdent(map)}`);
  }
}

function isAbort(error: unknown, signal?: AbortSignal): boolean {
  return Boolean(signal?.aborted) || (error instanceof Error && error.name === 'QueryCancelledError');
}

function errorMessage(error: unknown): string {
  return clip(error instanceof Error ? error.message : String(error), 300);
}
