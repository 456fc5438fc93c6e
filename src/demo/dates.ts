/**
 * Dates as whole days since 1970-01-01 (UTC), the layout of Arrow DateDay and DuckDB DATE, so
 * generated columns go to DuckDB without conversion and never meet a time zone.
 */

/** Excel's day 0 is 1899-12-30 (it counts the non-existent 1900-02-29). */
const EXCEL_EPOCH_OFFSET = 25_569;

/**
 * The day number of a calendar date; month is 1–12 (may overflow into other years). Integer
 * arithmetic (H. Hinnant's days_from_civil) rather than Date objects: it runs ~100 M times at
 * the largest size.
 */
export function dayOf(year: number, month: number, day: number): number {
  const monthIndex = year * 12 + (month - 1);
  let y = Math.floor(monthIndex / 12);
  const m = monthIndex - y * 12 + 1;
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Parses `YYYY-MM-DD` strictly. */
export function parseIsoDay(text: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) throw new Error(`Expected a date as YYYY-MM-DD, got "${text}"`);
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const day = dayOf(y, m, d);
  const back = ymdOf(day);
  if (back.year !== y || back.month !== m || back.day !== d) throw new Error(`Not a calendar date: "${text}"`);
  return day;
}

export interface Ymd {
  year: number;
  month: number;
  day: number;
}

/** The calendar date of a day number (H. Hinnant's civil_from_days). */
export function ymdOf(dayNumber: number): Ymd {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  if (month !== 2) return MONTH_DAYS[month - 1]!;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

/** Adds whole months, keeping the day of month where the target month has it (else its last day). */
export function addMonths(dayNumber: number, months: number): number {
  const { year, month, day } = ymdOf(dayNumber);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return dayOf(y, m, Math.min(day, daysInMonth(y, m)));
}

/**
 * Fills `out[1..count]` with the dates 1..count months after `dayNumber` (an installment
 * schedule), converting the start date once instead of once per installment.
 */
export function monthlySchedule(dayNumber: number, count: number, out: Float64Array): void {
  const { year, month, day } = ymdOf(dayNumber);
  for (let k = 1; k <= count; k++) {
    const index = year * 12 + (month - 1) + k;
    const y = Math.floor(index / 12);
    const m = index - y * 12 + 1;
    out[k] = dayOf(y, m, Math.min(day, daysInMonth(y, m)));
  }
}

/** The last day of the month `months` months after the month of `dayNumber`. */
export function monthEnd(dayNumber: number, months = 0): number {
  const { year, month } = ymdOf(dayNumber);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return dayOf(y, m, daysInMonth(y, m));
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** `2024-03-05` */
export function isoDate(dayNumber: number): string {
  const { year, month, day } = ymdOf(dayNumber);
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

/** `20240305` */
export function compactDate(dayNumber: number): string {
  const { year, month, day } = ymdOf(dayNumber);
  return `${year}${pad2(month)}${pad2(day)}`;
}

/** `2024/3/5`, as Excel and WPS show dates in a Chinese locale. */
export function slashDate(dayNumber: number): string {
  const { year, month, day } = ymdOf(dayNumber);
  return `${year}/${month}/${day}`;
}

/** The Excel serial number of a date (1900 date system). */
export function excelSerial(dayNumber: number): number {
  return dayNumber + EXCEL_EPOCH_OFFSET;
}
