import { LoadError, type IssueCode, type LoadIssue } from '../issues';
import type { SourceInfo } from '../staging';

/** The parts of an issue besides its code, severity and file. */
export type IssueFields = Omit<LoadIssue, 'code' | 'severity' | 'file'>;

/** An issue about `source`, so readers never forget to name the file. */
export function sourceIssue(
  source: SourceInfo,
  code: IssueCode,
  severity: LoadIssue['severity'],
  fields: IssueFields = {},
): LoadIssue {
  return { code, severity, file: source.name, ...fields };
}

/** The error a reader throws when `source` cannot be loaded at all. */
export function loadError(source: SourceInfo, code: IssueCode, fields: IssueFields = {}): LoadError {
  return new LoadError(sourceIssue(source, code, 'error', fields));
}

/** The message of anything thrown, for an issue's detail (libraries throw strings too). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
