import type { DataManifestEntry } from '../notebook/document';
import type { ColumnMapping, InvalidRowPolicy, TableMapping } from '../extract/mapping';
import type { ReadRequest } from '../extract/load-file';
import type { ColumnKind, TableName } from '../extract/schema';
import { EXTRACT_TABLES } from '../extract/schema';
import type { StagedColumn } from '../extract/staging';

/**
 * The reading options a manifest entry recorded, as a request to the same reader: a replay reads
 * the file the way the author's browser did (delimiter, quote, header; sheet and header row),
 * not the way detection would guess today. The encoding is not an option: the reader detects
 * it from the bytes, as it did for the author.
 */
export function readRequestOf(entry: DataManifestEntry): ReadRequest {
  const o = entry.options;
  const text = (k: string) => (typeof o[k] === 'string' ? { [k]: o[k] as string } : {});
  return {
    ...text('delimiter'),
    ...text('quote'),
    ...(typeof o['header'] === 'boolean' ? { header: o['header'] } : {}),
    ...text('sheet'),
    ...(typeof o['headerRow'] === 'number' ? { headerRow: o['headerRow'] } : {}),
  };
}

/** The invalid-row policy the author chose (the manifest keeps it as text). */
export function policyOf(entry: DataManifestEntry): InvalidRowPolicy {
  return entry.policy === 'keep-row-blank-cell' ? 'keep-row-blank-cell' : 'reject-row';
}

/**
 * The column mapping the manifest recorded, applied to the file staged now: each staged column
 * goes where the manifest's column of the same header went (target, kind, unit), so a replay
 * loads the file exactly as the author confirmed it, not as recognition would propose it.
 * Headers the manifest does not name, or manifest columns the file lacks, are listed as
 * problems (the data differs); an extra column is kept under its staged name, as a plain column.
 */
export function mappingFromManifest(entry: DataManifestEntry, staged: readonly StagedColumn[]): { mapping: TableMapping; problems: string[] } {
  const table = (EXTRACT_TABLES.find((t) => t.name === entry.recognisedAs)?.name ?? null) as TableName | null;
  const canonical = new Set(EXTRACT_TABLES.find((t) => t.name === table)?.columns.map((c) => c.name) ?? []);
  const problems: string[] = [];
  const byHeader = new Map(entry.columns.map((c) => [c.source, c]));
  const columns: ColumnMapping[] = staged.map((column) => {
    const saved = byHeader.get(column.header);
    if (!saved) {
      problems.push(`column ${column.header} is not in the manifest`);
      return { source: column.name, header: column.header, target: column.name, canonical: false, kind: 'text', unit: 1, confidence: 'none' };
    }
    return {
      source: column.name,
      header: column.header,
      target: saved.target,
      canonical: canonical.has(saved.target),
      kind: saved.kind as ColumnKind,
      unit: saved.unit ?? 1,
      confidence: 'remembered',
    };
  });
  const headers = new Set(staged.map((c) => c.header));
  for (const saved of entry.columns) if (!headers.has(saved.source)) problems.push(`column ${saved.source} is missing from the file`);
  return { mapping: { table, name: entry.table, columns }, problems };
}
