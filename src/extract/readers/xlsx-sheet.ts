import type { Cell, Worksheet } from 'exceljs';
import type { LoadProgress } from '../staging';
import { CHUNK_ROWS, pause } from './cooperative';
import { cellText, formulaOf, type CellText } from './xlsx-cell';
import { HEADER_SEARCH_ROWS, type HeadCell, type HeadRow } from './xlsx-header';

/** A row with content, as staged text by column number (1-based). */
export interface SheetRow {
  readonly row: number;
  readonly texts: ReadonlyMap<number, string>;
}

/** A cell whose value could not be read (no cached formula result, an impossible date). */
export interface CellProblem {
  readonly row: number;
  readonly col: number;
  readonly problem: NonNullable<CellText['problem']>;
  readonly value?: string;
}

/** The content of a sheet: its rows with content, the top rows with merge detail, problems. */
export interface SheetContent {
  readonly rows: readonly SheetRow[];
  readonly head: readonly HeadRow[];
  readonly problems: readonly CellProblem[];
}

/** Rows kept with merge detail for header detection: the search window and the row below it. */
const HEAD_ROWS = HEADER_SEARCH_ROWS + 1;

/** A cell covered by a merge but not its top-left cell (ExcelJS gives it the master's value). */
function masterOf(cell: Cell): HeadCell['master'] {
  if (!cell.isMerged || cell.master === cell) return undefined;
  const { row, col } = cell.master.fullAddress;
  return { row, col };
}

/**
 * Reads every row with content of a worksheet as text, in chunks (ExcelJS has already parsed the
 * workbook; this is the conversion, with progress and abort between chunks). A row whose cells
 * are all empty or blank is skipped; row numbers stay the sheet's own. Merge detail is kept for
 * the top rows, and down to the row below `headerRow` when the user set one.
 */
export async function readSheet(
  sheet: Worksheet,
  headerRow: number | undefined,
  signal: AbortSignal | undefined,
  onProgress: (p: LoadProgress) => void,
): Promise<SheetContent> {
  const rows: SheetRow[] = [];
  const head: HeadRow[] = [];
  const problems: CellProblem[] = [];
  const total = sheet.rowCount;
  for (let n = 1; n <= total; n++) {
    if (n % CHUNK_ROWS === 0) {
      onProgress({ phase: 'parsing', done: n, total });
      await pause(signal);
    }
    const row = sheet.findRow(n);
    if (!row?.hasValues) continue;
    const texts = new Map<number, string>();
    const cells = new Map<number, HeadCell>();
    const inHead = head.length < HEAD_ROWS || (headerRow !== undefined && n <= headerRow + 1);
    let blank = true;
    row.eachCell((cell, col) => {
      const text = cellText(cell.value);
      const master = masterOf(cell);
      if (text.problem && !master) problems.push({ row: n, col, problem: text.problem, ...valueOf(cell) });
      if (text.text === null) return;
      texts.set(col, text.text);
      if (text.text.trim() !== '') blank = false;
      if (inHead) cells.set(col, { text: text.text, isString: text.isString, ...(master ? { master } : {}) });
    });
    if (blank) continue;
    rows.push({ row: n, texts });
    if (inHead) head.push({ row: n, cells });
  }
  onProgress({ phase: 'parsing', done: total, total });
  return { rows, head, problems };
}

function valueOf(cell: Cell): { value?: string } {
  const formula = formulaOf(cell.value);
  return formula ? { value: formula } : {};
}
