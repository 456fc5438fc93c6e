import { Document, isMap, isSeq } from 'yaml';
import type { StoredFit } from '../../scoring/stored-fit';

/** The lines of a top-level `fitted:` block: from its key to the next top-level line (or the end). */
function fittedBlock(lines: readonly string[]): { start: number; end: number } | null {
  const start = lines.findIndex((line) => /^fitted\s*:/.test(line));
  if (start < 0) return null;
  let end = start + 1;
  while (end < lines.length && !/^[^\s#]/.test(lines[end]!)) end++;
  return { start, end };
}

/** `fitted:` as YAML: one block entry per indicator, its number lists and winsor bounds on one line. */
function fittedYaml(fits: readonly StoredFit[]): string {
  const doc = new Document({ fitted: fits.map((f) => ({ ...f })) });
  const list = doc.get('fitted');
  for (const entry of isSeq(list) ? list.items : []) {
    if (!isMap(entry)) continue;
    for (const pair of entry.items) if (isSeq(pair.value)) pair.value.flow = true;
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/**
 * A model input's definition with its fitted scale stored (or removed, with null). Only the
 * `fitted:` block is written: every other line of the definition keeps its exact text, styles and
 * comments, so storing a scale shows up in a diff as that block alone.
 */
export function withStoredFit(source: string, fits: readonly StoredFit[] | null): string {
  const lines = source.replace(/\n+$/, '').split('\n');
  const block = fittedBlock(lines);
  if (block) lines.splice(block.start, block.end - block.start);
  const rest = lines.join('\n').replace(/\n+$/, '');
  return fits === null ? `${rest}\n` : `${rest}\n${fittedYaml(fits)}`;
}
