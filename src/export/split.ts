/**
 * One list into one list per account manager (or per branch, per tier …): each manager gets only
 * their own customers. Rows are picked by index, so every column of the list stays in each part.
 */

import { formatDate, rowCount, type ExportColumn, type ExportIssue, type ExportValue } from './columns.ts';
import { fileNames } from './names.ts';

/** One part of a split list. */
export interface ExportGroup {
  /** the value shared by the group's rows, as text (or the caller's name for empty values) */
  readonly name: string;
  /** `name` made safe and unique as a file name (without extension; see `names.ts`) */
  readonly fileName: string;
  readonly columns: ExportColumn[];
}

/**
 * Splits a list by the values of the column headed `by`: groups in order of first appearance, rows
 * in their order. Values are grouped by their text (the number 1 and the text "1" are one manager);
 * null, empty and blank values form one group named `unassigned` (e.g. "(未分配)"), distinct from a
 * manager who happens to have that name. Issues: no column headed `by`, columns of different lengths.
 */
export function splitBy(columns: readonly ExportColumn[], by: string, unassigned: string): ExportGroup[] | { issues: ExportIssue[] } {
  const rows = rowCount(columns);
  if (typeof rows !== 'number') return { issues: [rows] };
  const key = columns.find((c) => c.header === by);
  if (!key) return { issues: [{ code: 'unknown-column', column: by }] };

  // the unassigned group's key cannot collide with a value's text: values are keyed with a prefix
  const UNASSIGNED = 'u';
  const groups = new Map<string, { name: string; rows: number[] }>();
  for (let i = 0; i < rows; i++) {
    const text = groupText(key.values[i] ?? null);
    const id = text === undefined ? UNASSIGNED : `v${text}`;
    let group = groups.get(id);
    if (!group) {
      group = { name: text ?? unassigned, rows: [] };
      groups.set(id, group);
    }
    group.rows.push(i);
  }

  const list = [...groups.values()];
  const files = fileNames(list.map((g) => g.name));
  return list.map((g, i) => ({
    name: g.name,
    fileName: files[i] ?? '_',
    columns: columns.map((c) => ({ header: c.header, values: g.rows.map((r) => c.values[r] ?? null) })),
  }));
}

/** A value as the group's name; undefined for no value (null, empty, only blanks). */
function groupText(value: ExportValue): string | undefined {
  if (value === null) return undefined;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : formatDate(value);
  const text = String(value);
  return text.trim() === '' ? undefined : text;
}
