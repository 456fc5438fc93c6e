import type { ColumnInfo } from '../engine/database';
import type { IssueCount } from './clean';
import type { LoadIssue } from './issues';
import type { InvalidRowPolicy, TableMapping } from './mapping';
import type { TableName } from './schema';
import type { ReadOptions, SourceInfo } from './staging';

/**
 * What a load did, for the data-quality panel and the notebook's data manifest: the file's
 * fingerprint and read options, the mapping confirmed, the row counts, and every problem found.
 */
export interface QualityReport {
  readonly source: SourceInfo;
  readonly options: ReadOptions;
  readonly mapping: TableMapping;
  readonly policy: InvalidRowPolicy;
  /** the loaded table's name */
  readonly table: string;
  readonly recognisedAs: TableName | null;
  readonly rowsRead: number;
  readonly rowsLoaded: number;
  readonly rowsRejected: number;
  /** total rows (合计) skipped on purpose */
  readonly rowsSkipped: number;
  /** problems listed one by one (capped per kind) */
  readonly issues: readonly LoadIssue[];
  /** every problem and note counted per code and column */
  readonly counts: readonly IssueCount[];
  readonly columns: readonly ColumnInfo[];
  /** milliseconds from the start of reading to the end of the checks */
  readonly elapsedMs: number;
}

/** The count of one issue code in a report (over all columns). */
export function countOf(report: QualityReport, code: string): number {
  return report.counts.filter((c) => c.code === code).reduce((s, c) => s + c.count, 0);
}
