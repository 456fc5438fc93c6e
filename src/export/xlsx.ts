/**
 * XLSX workbooks through ExcelJS, imported on first use so it stays out of the main bundle (the app
 * loads it only when a user exports or opens a workbook).
 */

import type { Workbook } from 'exceljs';
import { IssueList, type ExportColumn, type ExportResult } from './columns.ts';
import { sheetNames } from './names.ts';
import { checkSheet } from './xlsx-check.ts';
import { columnFormat, columnWidths, valueFormat, xmlCellText } from './xlsx-format.ts';

/** One sheet to write: its name (made safe and unique by {@link toXlsx}) and its list. */
export interface XlsxSheet {
  readonly name: string;
  readonly columns: readonly ExportColumn[];
}

/**
 * An XLSX workbook: one sheet per entry (names made Excel-safe and unique, see `names.ts`), header
 * row bold and frozen, column widths fitted to content (capped), numbers as numbers with thousands
 * separators (integers without decimals), dates as real Excel dates (UTC, yyyy-mm-dd, with
 * hh:mm:ss when they have a time of day), text as text.
 *
 * Formula-injection safe: text is written as plain string cells (never a formula), and text starting
 * with = + - @ tab CR also gets a leading `'`, so it stays text when a user re-saves the sheet as CSV.
 *
 * Returns the bytes, or every cell it cannot hold exactly (`xlsx-check.ts`); issues name the sheet
 * when there are several. No sheets gives a workbook with one empty sheet (Excel needs one).
 */
export async function toXlsx(sheets: readonly XlsxSheet[]): Promise<ExportResult> {
  const names = sheetNames(sheets.map((s) => s.name));
  const issues = new IssueList();
  const rows = sheets.map((s, i) => checkSheet(s.columns, sheets.length > 1 ? names[i] : undefined, issues));
  if (!issues.empty) return issues.failure();

  const workbook = await newWorkbook();
  if (sheets.length === 0) workbook.addWorksheet('Sheet1');
  sheets.forEach((sheet, i) => writeSheet(workbook, names[i] ?? `Sheet${i + 1}`, sheet.columns, rows[i] ?? 0));
  const buffer = await workbook.xlsx.writeBuffer();
  // a Buffer in Node, an ArrayBuffer or Buffer polyfill in the browser: a plain Uint8Array either way
  return { ok: true, bytes: new Uint8Array(buffer as ArrayBuffer) };
}

function writeSheet(workbook: Workbook, name: string, columns: readonly ExportColumn[], rows: number): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  const widths = columnWidths(columns);
  const formats = columns.map((c) => columnFormat(c.values));
  sheet.columns = columns.map((_, j) => ({ width: widths[j] ?? 10 }));
  formats.forEach((format, j) => {
    if (format !== undefined) sheet.getColumn(j + 1).numFmt = format;
  });

  const header = sheet.addRow(columns.map((c) => xmlCellText(c.header)));
  header.font = { bold: true };

  for (let i = 0; i < rows; i++) {
    const row = sheet.addRow(
      columns.map((c) => {
        const value = c.values[i] ?? null;
        // strings stay plain string cells: ExcelJS writes a formula only for { formula } objects
        return typeof value === 'string' ? xmlCellText(value) : value;
      }),
    );
    columns.forEach((c, j) => {
      const format = valueFormat(c.values[i] ?? null);
      if (format !== undefined && format !== formats[j]) row.getCell(j + 1).numFmt = format;
    });
  }
}

/** A new ExcelJS workbook; the module is imported on first use. */
async function newWorkbook(): Promise<Workbook> {
  const module = await import('exceljs');
  // CommonJS (Node) and the browser build both arrive as a default export; keep a fallback
  const { Workbook } = module.default ?? module;
  const workbook = new Workbook();
  workbook.creator = 'Tierbook';
  return workbook;
}
