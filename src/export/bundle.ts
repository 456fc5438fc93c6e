/**
 * The one entry the UI calls: a list to the bytes of one downloadable file, whole or split by a
 * column (one file per account manager, in a ZIP, or one sheet per manager in one workbook).
 */

import { IssueList, type ExportColumn, type ExportFailure, type ExportIssue } from './columns.ts';
import { toCsv } from './csv.ts';
import { safeFileName } from './names.ts';
import { splitBy, type ExportGroup } from './split.ts';
import { toXlsx } from './xlsx.ts';
import { zipFiles, type ZipEntry } from './zip.ts';

export interface ExportListOptions {
  readonly format: 'csv' | 'xlsx';
  /** CSV only; default UTF-8 (with BOM) */
  readonly encoding?: 'utf-8' | 'gbk';
  /** the header of the column to split by (e.g. 客户经理); absent: one file */
  readonly splitBy?: string;
  /** XLSX split into files in a ZIP (default) or sheets of one workbook; CSV always gives files */
  readonly splitAs?: 'files' | 'sheets';
  /** the file name without extension, e.g. 名单_2025-03-31 (made safe here) */
  readonly baseName: string;
  /** the name of the group of rows with no value to split by, e.g. (未分配) */
  readonly unassigned: string;
}

/** A file ready to save. */
export interface ExportedFile {
  readonly ok: true;
  readonly fileName: string;
  readonly mime: string;
  readonly bytes: Uint8Array;
}

export const MIME = {
  csvUtf8: 'text/csv;charset=utf-8',
  csvGbk: 'text/csv;charset=gbk',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  zip: 'application/zip',
} as const;

/**
 * One file for the list: a CSV or an XLSX, or split by a column: for CSV a ZIP of CSV files; for
 * XLSX a ZIP of workbooks or one workbook with a sheet per group (sheet names Excel-safe and unique).
 * Issues from a part name it in `sheet` (the file in the ZIP, or the sheet); rows are that part's rows.
 */
export async function exportList(columns: readonly ExportColumn[], options: ExportListOptions): Promise<ExportedFile | ExportFailure> {
  const base = safeFileName(options.baseName, 'export');
  const encoding = options.encoding ?? 'utf-8';
  const csvMime = encoding === 'gbk' ? MIME.csvGbk : MIME.csvUtf8;

  if (options.splitBy === undefined) {
    const result = options.format === 'csv' ? toCsv(columns, { encoding }) : await toXlsx([{ name: options.baseName, columns }]);
    if (!result.ok) return result;
    return options.format === 'csv'
      ? { ok: true, fileName: `${base}.csv`, mime: csvMime, bytes: result.bytes }
      : { ok: true, fileName: `${base}.xlsx`, mime: MIME.xlsx, bytes: result.bytes };
  }

  const split = splitBy(columns, options.splitBy, options.unassigned);
  if (!Array.isArray(split)) return { ok: false, issues: split.issues, total: split.issues.length };
  // an empty list still gives its header, in one part named after the list
  const groups: ExportGroup[] = split.length > 0 ? split : [{ name: options.baseName, fileName: base, columns: columns.map((c) => ({ header: c.header, values: [] })) }];

  if (options.format === 'xlsx' && options.splitAs === 'sheets') {
    const result = await toXlsx(groups.map((g) => ({ name: g.name, columns: g.columns })));
    return result.ok ? { ok: true, fileName: `${base}.xlsx`, mime: MIME.xlsx, bytes: result.bytes } : result;
  }

  const issues = new IssueList();
  const entries: ZipEntry[] = [];
  for (const g of groups) {
    const name = `${g.fileName}.${options.format}`;
    const result = options.format === 'csv' ? toCsv(g.columns, { encoding }) : await toXlsx([{ name: g.name, columns: g.columns }]);
    if (result.ok) entries.push({ name, bytes: result.bytes, compress: options.format === 'csv' });
    else issues.addAll({ ...result, issues: result.issues.map((i): ExportIssue => ({ ...i, sheet: name })) });
  }
  if (!issues.empty) return issues.failure();
  const zip = await zipFiles(entries);
  return zip.ok ? { ok: true, fileName: `${base}.zip`, mime: MIME.zip, bytes: zip.bytes } : zip;
}
