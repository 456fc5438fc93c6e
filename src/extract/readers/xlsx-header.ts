/**
 * Finds the header of a sheet and names its columns. Works on a plain model of the top rows, so
 * the rules are tested without a workbook.
 *
 * Rules:
 * - The header is, among the first rows with content, the row with the most label cells (text
 *   holding a letter or a Chinese character, so "1,200.50" or "2024-03-05" stored as text does
 *   not count); the earliest wins a tie. A merged title ("2024年3月贷款明细" across all columns)
 *   counts once, so it never wins over the real header below it.
 * - Cells of a merge take the master's text. A one-column merge running down through the header
 *   (客户号 merged over two header rows) counts in each row it covers.
 * - Two-row header: when the row above (or below) the header has a horizontal merge (a group
 *   title such as 贷款信息) over columns that all have sub-headers, and other columns have
 *   headers outside it (a merged title over the whole table is not a group), the sub-header row
 *   names the columns and the group title is used where a column has no sub-header. When a sub-header is
 *   repeated (余额 under both 本行 and 他行) those columns are named "group/sub" (本行/余额).
 */

/** A cell near the top of a sheet. */
export interface HeadCell {
  readonly text: string | null;
  readonly isString: boolean;
  /** for a cell covered by a merge but not its top-left cell: where the merge starts */
  readonly master?: { readonly row: number; readonly col: number };
}

/** A row with content near the top of a sheet, cells by column number (1-based). */
export interface HeadRow {
  readonly row: number;
  readonly cells: ReadonlyMap<number, HeadCell>;
}

export interface HeaderLayout {
  /** the row whose cells name the columns (the sub-header row of a two-row header) */
  readonly headerRow: number;
  /** the group-title row above the header row, when the header has two rows */
  readonly groupRow?: number;
}

export interface ComposedHeaders {
  readonly headers: string[];
  /** header cells whose text came from a merge (its master, or the group title) */
  readonly filledFromMerge: number;
  /** columns named "group/sub" because their sub-header is repeated */
  readonly combined: number;
}

/** Rows searched for the header. */
export const HEADER_SEARCH_ROWS = 30;

const LETTER = /\p{L}/u;

function isLabel(cell: HeadCell | undefined): boolean {
  return cell !== undefined && cell.isString && cell.text !== null && LETTER.test(cell.text);
}

/** Label cells of a row, a horizontally merged cell counting once. */
function score(row: HeadRow): number {
  let n = 0;
  for (const [col, cell] of row.cells) if (isLabel(cell) && (!cell.master || cell.master.col === col)) n++;
  return n;
}

/**
 * The column spans of merges that start in `row`, cover two or more columns and stay within that
 * row: the shape of a group title.
 */
function groupSpans(row: HeadRow, below: HeadRow | undefined): Array<[number, number]> {
  const spans = new Map<number, number>();
  for (const [col, cell] of row.cells) {
    const m = cell.master;
    if (m && m.row === row.row && m.col < col) spans.set(m.col, Math.max(spans.get(m.col) ?? col, col));
  }
  const reachesBelow = (startCol: number) =>
    [...(below?.cells.values() ?? [])].some((c) => c.master?.row === row.row && c.master.col === startCol);
  return [...spans].filter(([start]) => !reachesBelow(start));
}

/**
 * `group` is a group-title row over `sub`: a group span whose every column has a sub-header, and
 * headers outside the spans in either row (a merged title over the whole table is not a group).
 */
function isGroupOver(group: HeadRow | undefined, sub: HeadRow | undefined): boolean {
  if (!group || !sub || sub.row !== group.row + 1) return false;
  const spans = groupSpans(group, sub);
  const labelled = (from: number, to: number) => {
    for (let col = from; col <= to; col++) if (!isLabel(sub.cells.get(col))) return false;
    return true;
  };
  const outsideSpans = (r: HeadRow) =>
    [...r.cells].some(([col, cell]) => isLabel(cell) && !cell.master && spans.every(([from, to]) => col < from || col > to));
  const outside = outsideSpans(group) || outsideSpans(sub);
  return outside && spans.some(([from, to]) => labelled(from, to));
}

/** Where the header is, in `rows` (the sheet's first rows with content, in order). */
export function findHeader(rows: readonly HeadRow[], headerRow?: number): HeaderLayout {
  const byNumber = new Map(rows.map((r) => [r.row, r]));
  let sub: number;
  if (headerRow !== undefined) sub = headerRow;
  else {
    const candidates = rows.slice(0, HEADER_SEARCH_ROWS);
    let best = candidates[0];
    for (const row of candidates) if (best && score(row) > score(best)) best = row;
    sub = best?.row ?? 1;
    if (isGroupOver(byNumber.get(sub), byNumber.get(sub + 1))) sub += 1;
  }
  return isGroupOver(byNumber.get(sub - 1), byNumber.get(sub)) ? { headerRow: sub, groupRow: sub - 1 } : { headerRow: sub };
}

/** The header of each column in `columns`, by the rules above. */
export function composeHeaders(layout: HeaderLayout, rows: readonly HeadRow[], columns: readonly number[]): ComposedHeaders {
  const sub = rows.find((r) => r.row === layout.headerRow);
  const group = layout.groupRow === undefined ? undefined : rows.find((r) => r.row === layout.groupRow);
  let filledFromMerge = 0;
  const parts = columns.map((col) => {
    const cell = sub?.cells.get(col);
    const raw = cell?.text ?? '';
    const groupText = group?.cells.get(col)?.text?.trim() ?? '';
    if (cell?.master) filledFromMerge++;
    if (raw.trim() === '' && groupText !== '') {
      filledFromMerge++;
      return { raw: groupText, key: groupText, group: '' };
    }
    return { raw, key: raw.trim(), group: groupText === raw.trim() ? '' : groupText };
  });
  const counts = new Map<string, number>();
  for (const p of parts) counts.set(p.key, (counts.get(p.key) ?? 0) + 1);
  let combined = 0;
  const headers = parts.map((p) => {
    if (p.group === '' || p.key === '' || (counts.get(p.key) ?? 0) < 2) return p.raw;
    combined++;
    return `${p.group}/${p.key}`;
  });
  return { headers, filledFromMerge, combined };
}
