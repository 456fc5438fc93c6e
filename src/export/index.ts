/**
 * List export: CSV (UTF-8 with BOM, or GBK) and XLSX, whole or split by a column (one file or sheet
 * per account manager), safe against formula injection. `exportList` makes the file, `download`
 * saves it; the rest is for callers that need one piece.
 */

export {
  describeIssue,
  MAX_ISSUES,
  type ExportBytes,
  type ExportColumn,
  type ExportFailure,
  type ExportIssue,
  type ExportIssueCode,
  type ExportResult,
  type ExportValue,
} from './columns.ts';
export { exportList, MIME, type ExportedFile, type ExportListOptions } from './bundle.ts';
export { toCsv, type CsvOptions } from './csv.ts';
export { download } from './download.ts';
export { encodeGbk, firstNotGbk } from './gbk.ts';
export { guardFormula, startsFormula } from './injection.ts';
export { fileNames, safeFileName, sheetNames } from './names.ts';
export { splitBy, type ExportGroup } from './split.ts';
export { toXlsx, type XlsxSheet } from './xlsx.ts';
