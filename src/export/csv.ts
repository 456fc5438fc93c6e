/**
 * CSV (RFC 4180) as Excel opens it right: UTF-8 with a byte-order mark (without one, Excel on
 * Chinese Windows reads UTF-8 as GBK and garbles every name), or GBK for tools that only read GBK.
 */

import { ByteWriter } from './bytes.ts';
import {
  excelRow,
  formatDate,
  IssueList,
  isValidDate,
  loneSurrogateAt,
  rowCount,
  type ExportColumn,
  type ExportIssue,
  type ExportResult,
  type ExportValue,
} from './columns.ts';
import { encodeGbk, firstNotGbk } from './gbk.ts';
import { guardFormula } from './injection.ts';
import { plainNumber } from './numbers.ts';

export interface CsvOptions {
  readonly encoding: 'utf-8' | 'gbk';
  /** a UTF-8 byte-order mark; default true for UTF-8; never written for GBK (it has none) */
  readonly bom?: boolean;
  /** default `\r\n` (RFC 4180, what Excel writes) */
  readonly newline?: '\r\n' | '\n';
}

const UTF8_BOM = new Uint8Array([0xef, 0xbb, 0xbf]);

/**
 * RFC 4180 CSV: fields quoted when they contain the delimiter, a quote, CR or LF (quotes doubled),
 * or start/end with a space or tab; numbers as JavaScript's shortest round-trip text in plain digits
 * (see `numbers.ts`); dates as YYYY-MM-DD (UTC), or YYYY-MM-DD HH:MM:SS with a time of day; null
 * as empty. Every record, the last included, ends with the newline.
 *
 * Formula-injection safe (see `injection.ts`): a TEXT cell (headers too) that starts with
 * = + - @ tab or CR gets a leading `'`, then is quoted if needed; numbers are never prefixed.
 *
 * Returns the bytes, or every cell that cannot be written exactly: a character GBK cannot encode,
 * a lone surrogate, a NaN or infinite number, an invalid date, columns of different lengths.
 */
export function toCsv(
  columns: readonly ExportColumn[],
  options: CsvOptions,
): ExportResult {
  const rows = rowCount(columns);
  if (typeof rows !== 'number') return { ok: false, issues: [rows], total: 1 };

  const gbk = options.encoding === 'gbk';
  const newline = options.newline ?? '\r\n';
  const issues = new IssueList();
  const writer = new ByteWriter(gbk ? encodeChecked : (text) => utf8.encode(text));
  if (!gbk && (options.bom ?? true)) writer.bytes(UTF8_BOM);

  const cell = (value: ExportValue, row: number, column: string): string => {
    const text = cellText(value, gbk);
    if (typeof text === 'string') return text;
    issues.add({ ...text, row, column });
    return '';
  };
  // a record of one empty field would be an empty line, which many readers skip: quote it
  const record = (fields: string[]): string => (fields.length === 1 && fields[0] === '' ? '""' : fields.join(',')) + newline;

  if (columns.length === 0) return { ok: true, bytes: writer.finish() }; // no columns: no records
  writer.text(record(columns.map((c) => cell(c.header, 1, c.header))));
  for (let i = 0; i < rows; i++) {
    const fields = columns.map((c) => cell(c.values[i] ?? null, excelRow(i), c.header));
    // once a cell has failed the bytes are not wanted: keep checking, stop writing
    if (issues.empty) writer.text(record(fields));
  }
  return issues.empty ? { ok: true, bytes: writer.finish() } : issues.failure();
}

const utf8 = new TextEncoder();

/** GBK bytes of text every cell of which passed {@link firstNotGbk}. */
function encodeChecked(text: string): Uint8Array {
  const encoded = encodeGbk(text);
  if (!encoded.ok) throw new Error(`unchecked character ${encoded.char} reached the GBK encoder`);
  return encoded.bytes;
}

/** One value as a CSV field (quoted if needed), or why it cannot be written. */
function cellText(value: ExportValue, gbk: boolean): string | Pick<ExportIssue, 'code' | 'char'> {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? plainNumber(value) : { code: 'not-finite-number' };
  if (value instanceof Date) return isValidDate(value) ? formatDate(value) : { code: 'invalid-date' };
  const lone = loneSurrogateAt(value);
  if (lone >= 0) return { code: 'invalid-character', char: value.charAt(lone) };
  if (gbk) {
    const missing = firstNotGbk(value);
    if (missing !== undefined) return { code: 'unencodable-character', char: missing };
  }
  return quoteField(guardFormula(value));
}

/** RFC 4180 quoting: needed for the delimiter, quotes, line breaks, and blanks at either end. */
function quoteField(text: string): string {
  return /[",\r\n]|^[ \t]|[ \t]$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
