import ExcelJS from 'exceljs';
import type { Database } from '../../src/engine/database';
import { quoteIdent } from '../../src/engine/database';

/** Data rows a sheet can hold: 1,048,576 rows, one of them the header. */
export const EXCEL_MAX_DATA_ROWS = 1_048_575;
const PAGE_ROWS = 50_000;
const MS_PER_DAY = 86_400_000;

/** Why a table cannot go to Excel, or null. */
export function excelRowProblem(table: string, rows: number): string | null {
  if (rows <= EXCEL_MAX_DATA_ROWS) return null;
  return `Table ${table} has ${rows.toLocaleString('en-US')} rows, but an Excel sheet holds at most ` +
    `${EXCEL_MAX_DATA_ROWS.toLocaleString('en-US')} data rows (1,048,576 with the header). ` +
    'Use --format csv, csv-gbk or parquet, or fewer --customers.';
}

/**
 * Archiver stamps every zip entry with the current time; a fixed stamp makes the same data give
 * the same bytes. ExcelJS keeps its archiver as `zip` (4.4.0); if that ever changes, the file is
 * still right, only not byte-stable.
 */
function pinZipDates(workbook: ExcelJS.stream.xlsx.WorkbookWriter, date: Date): void {
  const zip = (workbook as unknown as { zip?: { append?: (source: unknown, options: object) => unknown } }).zip;
  if (!zip || typeof zip.append !== 'function') return;
  const append = zip.append.bind(zip);
  zip.append = (source: unknown, options: object) => append(source, { ...options, date });
}

/**
 * Writes one table to a workbook with one sheet, streaming pages of rows out of DuckDB in table
 * order. Text stays text; numbers are numbers; DATE columns become Excel dates shown as
 * yyyy-mm-dd; an empty string (a messy blank) is an empty cell.
 */
export async function writeXlsx(
  db: Database, table: string, headers: readonly string[], sheetName: string, path: string, stamp: Date,
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  pinZipDates(workbook, stamp);
  workbook.created = stamp;
  workbook.modified = stamp;
  workbook.creator = 'Tierbook demo generator';
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow([...headers]).commit();
  const count = Number((await db.query(`SELECT count(*) AS n FROM ${quoteIdent(table)}`)).getChild('n')!.get(0));
  for (let from = 0; from < count; from += PAGE_ROWS) {
    const page = await db.query(
      `SELECT * FROM ${quoteIdent(table)} WHERE rowid >= ${from} AND rowid < ${from + PAGE_ROWS} ORDER BY rowid`,
    );
    const columns = page.schema.fields.map((field, i) => ({ isDate: String(field.type).startsWith('Date'), vector: page.getChildAt(i)! }));
    for (let r = 0; r < page.numRows; r++) {
      const row = sheet.addRow(columns.map(({ isDate, vector }) => cellValue(vector.get(r), isDate)));
      columns.forEach(({ isDate }, c) => {
        if (isDate) row.getCell(c + 1).numFmt = 'yyyy-mm-dd';
      });
      row.commit();
    }
  }
  sheet.commit();
  await workbook.commit();
}

function cellValue(value: unknown, isDate: boolean): ExcelJS.CellValue {
  if (value === null || value === undefined || value === '') return null;
  if (isDate) return new Date(Math.round(Number(value) / MS_PER_DAY) * MS_PER_DAY);
  if (typeof value === 'bigint') return Number(value);
  return value as ExcelJS.CellValue;
}
