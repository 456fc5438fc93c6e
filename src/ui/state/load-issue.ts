import type { LoadIssue } from '../../extract/issues';
import { LoadError } from '../../extract/issues';

/** DuckDB's and the browser's words for running out of memory. */
const OUT_OF_MEMORY = /out of memory|memory limit|allocation failure|array buffer allocation failed/i;

/**
 * A failed load as the issue the user is shown. Running out of memory gets its own message (what
 * was kept, what to do) whichever layer noticed it: a reader wraps DuckDB's "Out of Memory Error:
 * Allocation failure" as an unreadable file, which would read as if the file were damaged.
 */
export function asIssue(error: unknown, file: string): LoadIssue {
  const issue: LoadIssue =
    error instanceof LoadError
      ? error.issue
      : { code: 'unreadable', severity: 'error', file, detail: { message: error instanceof Error ? error.message : String(error) } };
  const message = issue.detail?.['message'];
  return issue.code === 'unreadable' && typeof message === 'string' && OUT_OF_MEMORY.test(message) ? { ...issue, code: 'out-of-memory' } : issue;
}
