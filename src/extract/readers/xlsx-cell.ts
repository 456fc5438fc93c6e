import type { CellValue } from 'exceljs';

/** A cell as staged text, and what went wrong when its value could not be read. */
export interface CellText {
  readonly text: string | null;
  /** the cell holds text (not a number, date or boolean): header detection counts these */
  readonly isString: boolean;
  readonly problem?: 'formula-no-result' | 'invalid-date';
}

const EMPTY: CellText = { text: null, isString: false };
const DAY_MS = 86_400_000;
/** Before this instant a date cell is a time of day alone (Excel serial < 1 is 1899-12-30 + time). */
const SERIAL_ONE = Date.UTC(1899, 11, 31);

/**
 * The text a cell is staged as. Dates `YYYY-MM-DD` (with ` HH:MM:SS` when there is a time),
 * numbers the shortest text that reads back as the same double, booleans `true`/`false`, rich
 * text and hyperlinks as their plain text, formulas as their cached result, and Excel errors
 * (`#N/A`, `#DIV/0!`) as written, so cleaning can report them by name.
 */
export function cellText(value: CellValue): CellText {
  if (value === null || value === undefined) return EMPTY;
  if (typeof value === 'string') return { text: value === '' ? null : value, isString: value !== '' };
  if (typeof value === 'number') return { text: Object.is(value, -0) ? '0' : String(value), isString: false };
  if (typeof value === 'boolean') return { text: value ? 'true' : 'false', isString: false };
  if (value instanceof Date) {
    const text = dateText(value);
    return text === null ? { text: null, isString: false, problem: 'invalid-date' } : { text, isString: false };
  }
  if ('error' in value) return { text: String(value.error), isString: false };
  if ('richText' in value) return cellText(value.richText.map((run) => run.text).join(''));
  if ('hyperlink' in value) return cellText(value.text as CellValue);
  if ('formula' in value || 'sharedFormula' in value) {
    if (value.result === undefined || value.result === null) return { text: null, isString: false, problem: 'formula-no-result' };
    return cellText(value.result);
  }
  return EMPTY;
}

/** The formula of a formula cell, for the issue when it has no cached result. */
export function formulaOf(value: CellValue): string | undefined {
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    if ('formula' in value && value.formula) return `=${value.formula}`;
    if ('sharedFormula' in value) return `=${value.sharedFormula}`;
  }
  return undefined;
}

/** ExcelJS gives dates as UTC instants of the wall-clock value; format them in UTC. */
function dateText(date: Date): string | null {
  const ms = date.getTime();
  if (!Number.isFinite(ms)) return null;
  const dayMs = ((ms % DAY_MS) + DAY_MS) % DAY_MS;
  const time = dayMs === 0 ? '' : timeText(dayMs);
  if (ms < SERIAL_ONE && time !== '') return time;
  const day = `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  return time === '' ? day : `${day} ${time}`;
}

function timeText(dayMs: number): string {
  const seconds = Math.floor(dayMs / 1000);
  const millis = dayMs % 1000;
  const hms = `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
  return millis === 0 ? hms : `${hms}.${pad(millis, 3)}`;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}
