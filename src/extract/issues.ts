/**
 * Problems found while loading an extract. Every issue names the file and, where it has one, the
 * row (as the user sees it: the line of a CSV, the row of a sheet), the column and the value.
 * Issues carry a code and parameters, not prose, so the UI can say them in Chinese or English.
 */

export type IssueSeverity = 'error' | 'warning' | 'info';

export type IssueCode =
  // the whole file
  | 'empty-file'
  | 'header-only'
  | 'binary-file'
  | 'too-large'
  | 'out-of-memory'
  | 'unsupported-format'
  | 'mixed-encoding'
  | 'line-decoded-gb18030'
  | 'decoded-gb18030'
  | 'unreadable'
  | 'damaged-file'
  | 'duplicate-file'
  | 'no-sheet-data'
  | 'unsupported-column-type'
  | 'converted-column-type'
  | 'merged-header'
  | 'duplicate-header'
  | 'empty-header'
  | 'row-numbers-approximate'
  // rows the parser could not read
  | 'too-many-columns'
  | 'too-few-columns'
  | 'unclosed-quote'
  | 'parse-error'
  // cells
  | 'not-a-number'
  | 'not-an-integer'
  | 'not-a-date'
  | 'ambiguous-date'
  | 'not-a-flag'
  | 'id-scientific'
  | 'missing-required'
  | 'excel-error'
  | 'formula-no-result'
  // rows skipped on purpose
  | 'total-row'
  // checks over the loaded table
  | 'duplicate-key'
  | 'duplicate-credit-code'
  | 'duplicate-name'
  | 'invalid-credit-code'
  | 'excel-serial-dates'
  | 'unit-converted'
  | 'rate-looks-like-percent'
  | 'missing-column';

export interface LoadIssue {
  readonly code: IssueCode;
  readonly severity: IssueSeverity;
  /** the file's name as the user gave it */
  readonly file: string;
  /** the row as the user sees it (1-based: CSV line number, sheet row number, record number) */
  readonly row?: number;
  /** the column as named in the file */
  readonly column?: string;
  /** the offending raw value, shortened if long */
  readonly value?: string;
  /** extra parameters for the message (counts, expected values, line ranges...) */
  readonly detail?: Readonly<Record<string, string | number>>;
}

/** A file that cannot be loaded at all: the page keeps working and nothing loaded is lost. */
export class LoadError extends Error {
  constructor(readonly issue: LoadIssue) {
    super(`${issue.file}: ${issue.code}${issue.row ? ` (row ${issue.row})` : ''}`);
    this.name = 'LoadError';
  }
}

/** Shortens a raw value for display in an issue. */
export function clip(value: string, max = 80): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}
