/**
 * What an XLSX cannot hold, found before any workbook is built: XML 1.0 has no place for most
 * control characters or lone surrogates (ExcelJS would silently drop them), Excel holds at most
 * 32,767 characters in a cell, 1,048,576 rows and 16,384 columns in a sheet, and dates from
 * 1900-03-01 to 9999-12-31 (earlier ones fall before Excel's fictitious 1900-02-29 and would show a
 * day off, or not at all).
 */

import { excelRow, isValidDate, MAX_CELL_CHARS, rowCount, type ExportColumn, type ExportIssue, type IssueList } from './columns.ts';
import { guardFormula } from './injection.ts';

export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;
const MIN_DATE = Date.UTC(1900, 2, 1);
const MAX_DATE = Date.UTC(10000, 0, 1); // exclusive

/** Characters XML 1.0 forbids (C0 controls but tab, LF, CR; U+FFFE/U+FFFF) and lone surrogates. */
const NOT_XML =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Adds to `issues` everything in one sheet that an XLSX cannot hold; `sheet` names the sheet in each
 * issue when the workbook has several. Returns the number of rows (0 if the columns are ragged).
 */
export function checkSheet(columns: readonly ExportColumn[], sheet: string | undefined, issues: IssueList): number {
  const at = (issue: ExportIssue): ExportIssue => (sheet === undefined ? issue : { sheet, ...issue });
  const rows = rowCount(columns);
  if (typeof rows !== 'number') {
    issues.add(at(rows));
    return 0;
  }
  // a sheet too large is one issue, not a million
  if (rows + 1 > MAX_ROWS) issues.add(at({ code: 'too-many-rows', detail: { rows: rows + 1, max: MAX_ROWS } }));
  if (columns.length > MAX_COLUMNS) issues.add(at({ code: 'too-many-columns', detail: { columns: columns.length, max: MAX_COLUMNS } }));
  if (rows + 1 > MAX_ROWS || columns.length > MAX_COLUMNS) return rows;

  const text = (value: string, row: number, column: string) => {
    const bad = NOT_XML.exec(value);
    if (bad) issues.add(at({ code: 'invalid-character', char: bad[0], row, column }));
    const length = guardFormula(value).length;
    if (length > MAX_CELL_CHARS) issues.add(at({ code: 'cell-too-long', row, column, detail: { length, max: MAX_CELL_CHARS } }));
  };
  for (const c of columns) {
    text(c.header, 1, c.header);
    for (let i = 0; i < rows; i++) {
      const value = c.values[i] ?? null;
      if (value === null) continue;
      if (typeof value === 'string') text(value, excelRow(i), c.header);
      else if (typeof value === 'number') {
        if (!Number.isFinite(value)) issues.add(at({ code: 'not-finite-number', row: excelRow(i), column: c.header }));
      } else if (!isValidDate(value) || value.getTime() < MIN_DATE || value.getTime() >= MAX_DATE) {
        const detail = isValidDate(value) ? { min: '1900-03-01', max: '9999-12-31' } : undefined;
        issues.add(at({ code: 'invalid-date', row: excelRow(i), column: c.header, ...(detail && { detail }) }));
      }
    }
  }
  return rows;
}
