import type { QualityReport } from '../extract/report';
import type { DataManifestEntry } from './document';

/** A loaded file's entry in the data manifest: its fingerprint, how it was read, what it became. */
export function manifestEntry(report: QualityReport): DataManifestEntry {
  return {
    table: report.table,
    file: report.source.name,
    size: report.source.size,
    sha256: report.source.sha256,
    rows: report.rowsLoaded,
    format: report.source.format,
    options: { ...report.options },
    recognisedAs: report.recognisedAs,
    columns: report.mapping.columns.map((c) => ({ source: c.header, target: c.target, kind: c.kind, ...(c.kind === 'amount' ? { unit: c.unit } : {}) })),
    policy: report.policy,
  };
}
