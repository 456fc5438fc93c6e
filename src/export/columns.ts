/**
 * What every export takes: a list as columns (the shape DuckDB and Arrow hand over, no row objects
 * built), and what every export returns: bytes, or the issues that stopped it.
 *
 * The rule shared by CSV and XLSX: an export never changes a value behind the user's back. A value
 * that a format cannot hold (a character GBK lacks, a control character XML forbids, a NaN) is an
 * issue naming each cell, so the UI can show them and offer another format. (The one deliberate
 * change is the leading `'` that keeps text from becoming a formula: see `injection.ts`.)
 */

/**
 * One cell: text, a number, a date, or nothing. Dates are read in UTC, which is how DuckDB and Arrow
 * give DATE and TIMESTAMP values (a DATE is UTC midnight), so a date never shifts by the time zone.
 */
export type ExportValue = string | number | Date | null;

/** One column of a list: its header and one value per row. */
export interface ExportColumn {
  readonly header: string;
  readonly values: readonly ExportValue[];
}

/** Why a list cannot be exported as asked. Codes, not prose, so the UI can word them in Chinese. */
export type ExportIssueCode =
  | 'unencodable-character' // GBK has no bytes for it: export UTF-8 instead
  | 'invalid-character' // a lone surrogate, or a control character an XLSX file cannot hold
  | 'not-finite-number' // NaN or ±Infinity: Excel has no such number
  | 'invalid-date' // a Date whose time is NaN
  | 'cell-too-long' // Excel holds at most 32,767 characters in a cell
  | 'too-many-rows' // a sheet holds at most 1,048,576 rows, header included
  | 'too-many-columns' // a sheet holds at most 16,384 columns
  | 'ragged-columns' // columns of different lengths: a bug in the caller, not in the data
  | 'unknown-column' // the column to split by is not in the list
  | 'too-large-for-zip'; // more than 4 GiB or 65,535 files: this ZIP writer has no ZIP64

/** One problem, located as the user will see it in Excel. */
export interface ExportIssue {
  readonly code: ExportIssueCode;
  /** the sheet (XLSX) or file, when there are several */
  readonly sheet?: string;
  /** the row in Excel: the header is row 1, the first record row 2 */
  readonly row?: number;
  /** the column's header */
  readonly column?: string;
  /** the offending character (a whole code point, so 𠮷 is one character) */
  readonly char?: string;
  /** extra parameters for the message (limits, lengths) */
  readonly detail?: Readonly<Record<string, string | number>>;
}

/** Issues kept per failed export: enough to show and fix, bounded for a list with a bad column. */
export const MAX_ISSUES = 100;

/** A finished export: the bytes of one file. */
export interface ExportBytes {
  readonly ok: true;
  readonly bytes: Uint8Array;
}

/**
 * A refused export: the first {@link MAX_ISSUES} issues, and `total` counting all of them (so the UI
 * can say "and 2,317 more"); `total` is absent only where a caller built the failure itself.
 */
export interface ExportFailure {
  readonly ok: false;
  readonly issues: ExportIssue[];
  readonly total?: number;
}

/** What every exporter returns: bytes, or every reason it could not write them exactly. */
export type ExportResult = ExportBytes | ExportFailure;

/** A developer-facing one-line description of an issue (the UI words its own from the code). */
export function describeIssue(issue: ExportIssue): string {
  const where = [
    issue.sheet !== undefined ? `sheet "${issue.sheet}"` : '',
    issue.row !== undefined ? `row ${issue.row}` : '',
    issue.column !== undefined ? `column "${issue.column}"` : '',
  ].filter(Boolean);
  const char = issue.char === undefined ? '' : ` "${issue.char}" (${codePointLabel(issue.char)})`;
  return `${issue.code}${char}${where.length ? ` at ${where.join(', ')}` : ''}`;
}

/** `U+20BB7` for 𠮷. */
export function codePointLabel(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Collects issues up to {@link MAX_ISSUES} while counting them all. */
export class IssueList {
  readonly kept: ExportIssue[] = [];
  total = 0;

  add(issue: ExportIssue): void {
    this.total++;
    if (this.kept.length < MAX_ISSUES) this.kept.push(issue);
  }

  /** Adds the issues of a failure from a part of the export (a file, a sheet). */
  addAll(failure: ExportFailure): void {
    for (const issue of failure.issues) this.add(issue);
    // issues the part counted but did not keep still count here
    this.total += (failure.total ?? failure.issues.length) - failure.issues.length;
  }

  get empty(): boolean {
    return this.total === 0;
  }

  failure(): ExportFailure {
    return { ok: false, issues: [...this.kept], total: this.total };
  }
}

/** The number of rows, or the issue saying the columns differ in length (a caller's bug). */
export function rowCount(columns: readonly ExportColumn[]): number | ExportIssue {
  const rows = columns[0]?.values.length ?? 0;
  const ragged = columns.find((c) => c.values.length !== rows);
  if (ragged) return { code: 'ragged-columns', column: ragged.header, detail: { expected: rows, actual: ragged.values.length } };
  return rows;
}

/** The Excel row of record `index` (0-based): the header is row 1. */
export function excelRow(index: number): number {
  return index + 2;
}

/** Excel's limit on the characters of one cell. */
export const MAX_CELL_CHARS = 32_767;

/** Whether a Date holds a time (not NaN). */
export function isValidDate(d: Date): boolean {
  return !Number.isNaN(d.getTime());
}

/**
 * A date as text Excel recognises as a date: `2025-03-31`, or `2025-03-31 14:05:00` when it has a
 * time of day, with milliseconds only when there are some (`14:05:00.250`: a value is never cut).
 * UTC, for the reason given at {@link ExportValue}.
 */
export function formatDate(d: Date): string {
  const iso = d.toISOString(); // 2025-03-31T14:05:00.000Z
  const day = iso.slice(0, 10);
  if (!hasTimeOfDay(d)) return day;
  return `${day} ${iso.slice(11, d.getUTCMilliseconds() === 0 ? 19 : 23)}`;
}

/** Whether a date is more than a calendar day (its UTC time is not midnight). */
export function hasTimeOfDay(d: Date): boolean {
  return d.getTime() % 86_400_000 !== 0;
}

/** The first lone surrogate in `text` (half of a broken emoji or rare character), or -1. */
export function loneSurrogateAt(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
    }
    return i;
  }
  return -1;
}
