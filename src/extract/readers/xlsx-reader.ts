import type { Workbook, Worksheet } from 'exceljs';
import type { Database } from '../../engine/database';
import type { LoadIssue } from '../issues';
import type { ReaderContext, SourceInfo, StagedColumn, StagedSource } from '../staging';
import { nextStagingName } from '../staging';
import { throwIfAborted } from './cooperative';
import { IssueCollector } from './issue-collector';
import { errorMessage, loadError, sourceIssue } from './load-failure';
import { isOle2, isZip } from './sniff';
import { insertTextTable, renamedHeaderIssues, type TextTable } from './text-table';
import { zipDamage } from './zip-integrity';
import { composeHeaders, findHeader, type ComposedHeaders, type HeaderLayout } from './xlsx-header';
import { readSheet, type SheetContent } from './xlsx-sheet';

/** What a user can choose when reading a workbook; anything left out is detected. */
export interface XlsxOptions {
  /** the sheet to read (default: the first visible sheet with a header and data) */
  sheet?: string;
  /** the header's row number, 1-based (default: detected, see xlsx-header.ts) */
  headerRow?: number;
}

/**
 * Reads one sheet of an XLSX workbook into a staging table of text columns (see cellText for how
 * each kind of cell becomes text). `__row` is the sheet's own row number; empty rows are skipped
 * and total rows (合计) are kept for cleaning to recognise. All sheet names are returned as
 * `parts`. ExcelJS is loaded only when a workbook is read.
 */
export async function stageXlsx(
  db: Database,
  bytes: Uint8Array,
  source: SourceInfo,
  options: XlsxOptions = {},
  ctx: ReaderContext = {},
): Promise<StagedSource> {
  if (bytes.length === 0) throw loadError(source, 'empty-file');
  if (isOle2(bytes)) throw loadError(source, 'unsupported-format', { detail: { reason: 'xls-or-encrypted' } });
  if (!isZip(bytes)) throw loadError(source, 'unreadable', { detail: { reason: 'not-xlsx' } });
  ctx.onProgress?.({ phase: 'reading', done: 0, total: bytes.length });
  await checkZip(bytes, source);
  const workbook = await loadWorkbook(bytes, source);
  throwIfAborted(ctx.signal);
  const sheet = pickSheet(workbook, options.sheet, source);
  const content = await readSheet(sheet, options.headerRow, ctx.signal, (p) => ctx.onProgress?.(p));
  if (content.rows.length === 0) throw loadError(source, 'no-sheet-data', { detail: { sheet: sheet.name } });

  const layout = findHeader(content.head, options.headerRow);
  const dataRows = content.rows.filter((r) => r.row > layout.headerRow);
  if (dataRows.length === 0) {
    throw loadError(source, 'header-only', { row: layout.headerRow, detail: { sheet: sheet.name } });
  }
  const columns = usedColumns(content, layout);
  const composed = composeHeaders(layout, content.head, columns);
  const table: TextTable = {
    rowNumbers: Int32Array.from(dataRows, (r) => r.row),
    columns: columns.map((col, i) => ({
      header: composed.headers[i]!,
      values: dataRows.map((r) => r.texts.get(col) ?? null),
    })),
  };
  throwIfAborted(ctx.signal);
  const name = nextStagingName();
  const staged = await insertTextTable(db, name, table);
  return {
    source,
    table: name,
    columns: staged,
    rows: dataRows.length,
    options: { sheet: sheet.name, headerRow: layout.headerRow },
    issues: collectIssues(source, sheet.name, content, layout, composed, columns, staged),
    parts: workbook.worksheets.map((ws) => ws.name),
  };
}

/** Refuses a workbook whose ZIP entries fail their checksum or cannot be inflated (see zip-integrity). */
async function checkZip(bytes: Uint8Array, source: SourceInfo): Promise<void> {
  const damage = await zipDamage(bytes);
  if (damage === undefined) return;
  const code = /crc/i.test(damage) ? 'damaged-file' : 'unreadable';
  throw loadError(source, code, { detail: { reason: 'not-xlsx', message: damage } });
}

/** ExcelJS, imported on first use so the app loads it only for workbooks. */
async function loadWorkbook(bytes: Uint8Array, source: SourceInfo): Promise<Workbook> {
  const module = await import('exceljs');
  // CommonJS (Node) and the browser build both arrive as a default export; keep a fallback.
  const { Workbook } = module.default ?? module;
  const workbook = new Workbook();
  try {
    // ExcelJS (JSZip) reads a Uint8Array in the browser and Node alike; its types say Buffer.
    await workbook.xlsx.load(bytes as unknown as Parameters<Workbook['xlsx']['load']>[0]);
  } catch (error) {
    throw loadError(source, 'unreadable', { detail: { reason: 'not-xlsx', message: errorMessage(error) } });
  }
  return workbook;
}

/** The requested sheet, or the first visible one with a header and data (then any with content). */
function pickSheet(workbook: Workbook, name: string | undefined, source: SourceInfo): Worksheet {
  const sheets = workbook.worksheets;
  if (name !== undefined) {
    const sheet = sheets.find((s) => s.name === name);
    if (!sheet) throw loadError(source, 'no-sheet-data', { detail: { sheet: name, reason: 'no-such-sheet' } });
    return sheet;
  }
  const hasData = (s: Worksheet) => s.actualRowCount >= 2;
  const sheet =
    sheets.find((s) => s.state === 'visible' && hasData(s)) ??
    sheets.find(hasData) ??
    sheets.find((s) => s.actualRowCount > 0);
  if (!sheet) throw loadError(source, 'no-sheet-data', { detail: { sheets: sheets.length } });
  return sheet;
}

/** Columns with a header or any data below it, in sheet order (fully empty columns are left out). */
function usedColumns(content: SheetContent, layout: HeaderLayout): number[] {
  const used = new Set<number>();
  for (const r of content.rows) {
    if (r.row < (layout.groupRow ?? layout.headerRow)) continue;
    for (const [col, text] of r.texts) if (text.trim() !== '') used.add(col);
  }
  return [...used].sort((a, b) => a - b);
}

function collectIssues(
  source: SourceInfo,
  sheet: string,
  content: SheetContent,
  layout: HeaderLayout,
  composed: ComposedHeaders,
  columns: readonly number[],
  staged: readonly StagedColumn[],
): LoadIssue[] {
  const issues = new IssueCollector();
  if (layout.groupRow !== undefined || composed.filledFromMerge > 0) {
    issues.add(sourceIssue(source, 'merged-header', 'info', {
      detail: {
        sheet,
        headerRow: layout.headerRow,
        ...(layout.groupRow !== undefined ? { groupRow: layout.groupRow } : {}),
        filledFromMerge: composed.filledFromMerge,
        combined: composed.combined,
      },
    }));
  }
  renamedHeaderIssues(source, staged).forEach((i) => issues.add(i));
  const headerOf = new Map(columns.map((col, i) => [col, staged[i]!.header]));
  for (const p of content.problems) {
    const column = headerOf.get(p.col);
    if (p.row <= layout.headerRow || column === undefined) continue;
    const code = p.problem === 'formula-no-result' ? 'formula-no-result' : 'not-a-date';
    issues.add(sourceIssue(source, code, 'warning', { row: p.row, column, ...(p.value ? { value: p.value } : {}) }));
  }
  return issues.list();
}
