import type { LoadIssue } from '../issues';

/** Row issues kept per file; beyond it only a count is kept, so a broken file cannot flood memory. */
export const MAX_ROW_ISSUES = 1000;

/**
 * Collects the issues of one load. Row-level issues stop being stored after MAX_ROW_ISSUES; the
 * last issue then says how many more there were (detail.unlisted, as the CSV reader does), so the count is never lost.
 */
export class IssueCollector {
  private readonly kept: LoadIssue[] = [];
  private rowIssues = 0;
  private omitted = 0;
  private lastOmitted: LoadIssue | undefined;

  add(issue: LoadIssue): void {
    if (issue.row === undefined) {
      this.kept.push(issue);
      return;
    }
    this.rowIssues += 1;
    if (this.rowIssues <= MAX_ROW_ISSUES) this.kept.push(issue);
    else {
      this.omitted += 1;
      this.lastOmitted = issue;
    }
  }

  /** The issues, with a closing summary when some were left out. */
  list(): LoadIssue[] {
    if (this.omitted === 0 || !this.lastOmitted) return [...this.kept];
    const { code, severity, file } = this.lastOmitted;
    return [...this.kept, { code, severity, file, detail: { unlisted: this.omitted } }];
  }
}
