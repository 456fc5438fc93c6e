/**
 * One byte-level edit of a rendered CSV (replace `remove` bytes at `at` by `insert`) and what it
 * means for the oracle: which rows and columns the changed bytes lie in, which rows are cut off,
 * and on which lines each source row sits in the edited file.
 */
import type { LocalExpectation } from './expectation';
import type { RenderedCsv, SourceTable } from './source-extracts';

export interface ByteEdit {
  readonly at: number;
  readonly remove: number;
  readonly insert: Uint8Array;
}

export function applyEdit(bytes: Uint8Array, edit: ByteEdit): Uint8Array {
  const out = new Uint8Array(bytes.length - edit.remove + edit.insert.length);
  out.set(bytes.subarray(0, edit.at), 0);
  out.set(edit.insert, edit.at);
  out.set(bytes.subarray(edit.at + edit.remove), edit.at + edit.insert.length);
  return out;
}

/**
 * The line of a byte offset, counting line breaks as the CSV reader does (LF, CRLF, or a CR on its
 * own): 1 + the breaks strictly before the offset.
 */
export function lineLocator(bytes: Uint8Array): (offset: number) => number {
  const breaks: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x0a || (b === 0x0d && bytes[i + 1] !== 0x0a)) breaks.push(i);
  }
  return (offset) => {
    let lo = 0;
    let hi = breaks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (breaks[mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
}

/**
 * The oracle's view of several one-byte overwrites (offsets unchanged): the union of what each
 * overwrite touches, with rows' lines read from the overwritten bytes.
 */
export function overwriteExpectation(source: SourceTable, rendered: RenderedCsv, positions: readonly number[], mutated: Uint8Array): LocalExpectation {
  const parts = positions.map((at) => localExpectation(source, rendered, { at, remove: 1, insert: mutated.subarray(at, at + 1) }, mutated));
  const touched = new Map<number, Set<string>>();
  for (const part of parts) for (const [row, columns] of part.touched) touched.set(row, new Set([...(touched.get(row) ?? []), ...columns]));
  return { mode: 'local', touched, absent: new Set(), span: parts[0]!.span, headerTouched: parts.some((p) => p.headerTouched) };
}

/**
 * The oracle's view of `edit` on `rendered`: rows whose bytes (or whose neighbouring byte, for an
 * insertion at a boundary) changed are touched, in the columns whose fields the change overlaps;
 * rows starting at or after a truncation are absent.
 */
export function localExpectation(source: SourceTable, rendered: RenderedCsv, edit: ByteEdit, mutated: Uint8Array): LocalExpectation {
  const lo = edit.at - 1;
  const hi = edit.at + edit.remove;
  const truncated = edit.at + edit.remove >= rendered.bytes.length && edit.insert.length === 0;
  const touched = new Map<number, Set<string>>();
  const absent = new Set<number>();
  const rows = source.rows.length;
  for (let i = 0; i < rows; i++) {
    const start = rendered.rowStart[i]!;
    const end = rendered.rowStart[i + 1]!;
    if (truncated && start >= edit.at) {
      absent.add(i);
      continue;
    }
    if (end - 1 < lo || start > hi) continue;
    const columns = new Set<string>();
    rendered.fieldSpans[i]!.forEach(([s, e], j) => {
      if (s <= hi && e >= lo) columns.add(source.columns[j]!);
    });
    touched.set(i, columns);
  }
  const headerTouched = lo < rendered.rowStart[0]! && hi >= rendered.headerStart - 1;
  const lineAt = lineLocator(mutated);
  const delta = edit.insert.length - edit.remove;
  const moved = (offset: number) => (offset <= edit.at ? offset : Math.max(edit.at + edit.insert.length, offset + delta));
  const span = (i: number): readonly [number, number] => {
    const first = lineAt(moved(rendered.rowStart[i]!));
    const last = lineAt(Math.max(moved(rendered.rowStart[i]!), moved(rendered.rowStart[i + 1]!) - 1));
    return [first, Math.max(first, last)];
  };
  return { mode: 'local', touched, absent, span, headerTouched };
}
