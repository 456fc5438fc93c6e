/**
 * How values look in the XLSX: text exactly as given (guarded against formulas), numbers with
 * thousands separators, dates as dates, columns as wide as their content. Pure functions, so the
 * workbook writer (`xlsx.ts`) only places cells.
 */

import { hasTimeOfDay, type ExportColumn, type ExportValue } from './columns.ts';
import { guardFormula } from './injection.ts';

/** Integers: thousands separators, no decimals (`1,234,567`). */
export const INTEGER_FORMAT = '#,##0';
/** Other numbers: separators, two to six decimals as the value needs (`1,234.50`, `0.123457`); the value itself is kept exact. */
export const DECIMAL_FORMAT = '#,##0.00####';
export const DATE_FORMAT = 'yyyy-mm-dd';
export const DATE_TIME_FORMAT = 'yyyy-mm-dd hh:mm:ss';

export function numberFormat(x: number): string {
  return Number.isInteger(x) ? INTEGER_FORMAT : DECIMAL_FORMAT;
}

export function dateFormat(d: Date): string {
  return hasTimeOfDay(d) ? DATE_TIME_FORMAT : DATE_FORMAT;
}

/** The format of a number or date cell (undefined for text and empty cells). */
export function valueFormat(value: ExportValue): string | undefined {
  if (typeof value === 'number') return numberFormat(value);
  return value instanceof Date ? dateFormat(value) : undefined;
}

/**
 * The format most of a column's cells need, to set once on the column (ExcelJS then gives it to
 * every new cell: a third of the time of setting it cell by cell); the other cells set their own.
 */
export function columnFormat(values: readonly ExportValue[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) {
    const format = valueFormat(v);
    if (format !== undefined) counts.set(format, (counts.get(format) ?? 0) + 1);
  }
  let best: string | undefined;
  for (const [format, n] of counts) if (best === undefined || n > (counts.get(best) ?? 0)) best = format;
  return best;
}

/**
 * Text as written into the file's XML: a leading `'` if it could start a formula (`injection.ts`; so
 * it stays text even after a user re-saves the sheet as CSV), and two escapes that make it read back
 * as given. Excel (and ExcelJS) read `_xHHHH_` in a string as the character U+HHHH, so a name
 * containing `_x0041_` would come back as `A`: the `_` that starts such a sequence is written as
 * `_x005F_` (Excel's own escape for it). And every XML reader turns a carriage return in text into a
 * line feed, so CR is written as `_x000D_`, as Excel does.
 */
export function xmlCellText(text: string): string {
  return guardFormula(text).replace(/_(?=x[0-9a-fA-F]{4}_)/g, '_x005F_').replaceAll('\r', '_x000D_');
}

/** Width of a column in Excel's units (characters of the default font), fitted to its content. */
const MIN_WIDTH = 6;
const MAX_WIDTH = 60;
/** Rows looked at per column: enough to fit the content of a list, bounded for a million rows. */
const WIDTH_SAMPLE = 10_000;

/** Column widths from the header (bold, so a little wider) and the first rows' displayed values. */
export function columnWidths(columns: readonly ExportColumn[]): number[] {
  return columns.map((c) => {
    let widest = displayWidth(guardFormula(c.header)) * 1.1;
    const n = Math.min(c.values.length, WIDTH_SAMPLE);
    for (let i = 0; i < n && widest < MAX_WIDTH; i++) widest = Math.max(widest, valueWidth(c.values[i] ?? null));
    return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.ceil(widest + 2)));
  });
}

/** Characters a value takes on screen as formatted above. */
function valueWidth(value: ExportValue): number {
  if (value === null) return 0;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return 0;
    const digits = Math.max(1, Math.floor(Math.log10(Math.abs(value) || 1)) + 1);
    // DECIMAL_FORMAT shows two to six decimals, and the point
    const decimals = Number.isInteger(value) ? 0 : Math.min(6, Math.max(2, String(value).split('.')[1]?.length ?? 6)) + 1;
    return digits + Math.floor((digits - 1) / 3) + decimals + (value < 0 ? 1 : 0);
  }
  if (value instanceof Date) return hasTimeOfDay(value) ? 19 : 10;
  return displayWidth(guardFormula(value));
}

/**
 * Width of text in half-width cells: CJK and full-width characters take two. The longest line
 * counts, since a cell with line breaks shows them as lines.
 */
export function displayWidth(text: string): number {
  let widest = 0;
  let width = 0;
  for (const ch of text) {
    if (ch === '\n') {
      widest = Math.max(widest, width);
      width = 0;
      continue;
    }
    const cp = ch.codePointAt(0) ?? 0;
    width += isWide(cp) ? 2 : 1;
    if (width > MAX_WIDTH) break;
  }
  return Math.max(widest, width);
}

/** East Asian wide and full-width ranges (Hangul, CJK, kana, full-width forms, emoji planes). */
function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    cp >= 0x1f300
  );
}
