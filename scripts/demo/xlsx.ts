import { createRequire } from 'node:module';
import ExcelJS from 'exceljs';
import type { Database } from '../../src/engine/database';
import { quoteIdent } from '../../src/engine/database';
import type { ColumnKind } from '../../src/extract/schema';

/** Data rows a sheet can hold: 1,048,576 rows, one of them the header. */
export const EXCEL_MAX_DATA_ROWS = 1_048_575;
const PAGE_ROWS = 50_000;
const require = createRequire(import.meta.url);
const MS_PER_DAY = 86_400_000;

/** Why a table cannot go to Excel, or null. */
export function excelRowProblem(table: string, rows: number): string | null {
  if (rows <= EXCEL_MAX_DATA_ROWS) return null;
  return `Table ${table} has ${rows.toLocaleString('en-US')} rows, but an Excel sheet holds at most ` +
    `${EXCEL_MAX_DATA_ROWS.toLocaleString('en-US')} data rows (1,048,576 with the header). ` +
    'Use --format csv, csv-gbk or parquet, or fewer --customers.';
}

type Append = (this: unknown, source: unknown, options?: object) => unknown;

/**
 * Archiver (under ExcelJS) stamps every zip entry with the current time; a fixed stamp makes the
 * same data give the same bytes. The first entries are added inside ExcelJS's constructor, so
 * Archiver's `append` is wrapped for that synchronous call only (nothing else can run meanwhile),
 * then on the workbook's own archiver (`zip`, ExcelJS 4.4.0). If ExcelJS or Archiver change
 * these internals, files stay correct and only lose byte-stability (the determinism test says so).
 */
function pinnedWorkbookWriter(path: string, date: Date): ExcelJS.stream.xlsx.WorkbookWriter {
  const withDate = (append: Append): Append => function (this: unknown, source, options) {
    return append.call(this, source, { ...options, date });
  };
  const core = require('archiver/lib/core') as { prototype: { append: Append } };
  const original = core.prototype.append;
  core.prototype.append = withDate(original);
  let workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  try {
    workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  } finally {
    core.prototype.append = original;
  }
  const zip = (workbook as unknown as { zip?: { append?: Append } }).zip;
  if (zip && typeof zip.append === 'function') zip.append = withDate(zip.append.bind(zip) as Append);
  return workbook;
}

/**
 * Writes one table to a workbook with one sheet, streaming pages of rows out of DuckDB in table
 * order. Cells are typed as a bank's export would type them: DATE values and yyyy-mm-dd text in
 * date columns become Excel dates (shown as yyyy-mm-dd), plain numbers in numeric columns and
 * 5-digit serials in date columns become numbers, everything else (ids, 1,234.50, 85.3%,
 * 20240305, 无...) stays text, and an empty value is an empty cell. `kinds` gives each column's
 * kind (schema.ts); without it (the truth table) values keep their DuckDB type.
 */
export async function writeXlsx(
  db: Database, table: string, headers: readonly string[], kinds: readonly (ColumnKind | null)[], sheetName: string,
  path: string, stamp: Date,
): Promise<void> {
  const workbook = pinnedWorkbookWriter(path, stamp);
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
    const columns = page.schema.fields.map((field, i) => ({
      isDate: String(field.type).startsWith('Date'), kind: kinds[i] ?? null, vector: page.getChildAt(i)!,
    }));
    for (let r = 0; r < page.numRows; r++) {
      const values = columns.map(({ isDate, kind, vector }) => cellValue(vector.get(r), isDate, kind));
      const row = sheet.addRow(values);
      values.forEach((value, c) => {
        if (value instanceof Date) row.getCell(c + 1).numFmt = 'yyyy-mm-dd';
      });
      row.commit();
    }
  }
  sheet.commit();
  await workbook.commit();
}

const NUMERIC_KINDS: ReadonlySet<ColumnKind> = new Set(['amount', 'rate', 'integer', 'flag']);
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const EXCEL_SERIAL = /^\d{5}$/;

/** The cell for a value (see writeXlsx). Exported for the tests that read the cells back. */
export function cellValue(value: unknown, isDate: boolean, kind: ColumnKind | null): ExcelJS.CellValue {
  if (value === null || value === undefined || value === '') return null;
  if (isDate) return new Date(Math.round(Number(value) / MS_PER_DAY) * MS_PER_DAY);
  if (typeof value === 'bigint') return Number(value);
  if (typeof value !== 'string' || kind === null) return value as ExcelJS.CellValue;
  if (NUMERIC_KINDS.has(kind) && PLAIN_NUMBER.test(value)) return Number(value);
  if (kind === 'date') {
    const iso = ISO_DATE.exec(value);
    if (iso) return new Date(Date.UTC(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3])));
    if (EXCEL_SERIAL.test(value)) return Number(value);
  }
  return value;
}
