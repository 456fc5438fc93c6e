import type { Locale } from './i18n/locale';

const NUMERIC_TYPE = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL|REAL)/;

/** True for DuckDB numeric type names: such columns are right-aligned. */
export function isNumericType(type: string): boolean {
  return NUMERIC_TYPE.test(type);
}

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: Locale): Intl.NumberFormat {
  let f = numberFormats.get(locale);
  if (!f) numberFormats.set(locale, (f = new Intl.NumberFormat(locale === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 4 })));
  return f;
}

/** Units a grid can show amounts in: as they are, in 万 (10⁴) or in 亿 (10⁸). */
export type DisplayUnit = 1 | 10_000 | 100_000_000;

/** Which columns a display unit applies to: floating amounts (DOUBLE, DECIMAL), not integers or counts of INTEGER type. */
export function takesUnit(type: string): boolean {
  return /^(DOUBLE|DECIMAL|FLOAT|REAL|HUGEINT|BIGINT)/.test(type);
}

/** A cell value as text: numbers grouped, dates as YYYY-MM-DD, missing (null, NaN) as an empty string. */
export function formatCell(value: unknown, type: string, locale: Locale, unit: DisplayUnit = 1): string {
  // NaN is how typed arrays (the screening's columns) hold a missing number or date
  if (value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value))) return '';
  if (unit !== 1 && typeof value === 'number' && takesUnit(type)) return numberFormat(locale).format(Math.round((value / unit) * 100) / 100);
  if (type === 'DATE' && typeof value === 'number') return new Date(value).toISOString().slice(0, 10);
  if (type.startsWith('TIMESTAMP') && typeof value === 'number') return new Date(value).toISOString().replace('T', ' ').replace(/\.000Z$|Z$/, '');
  if (typeof value === 'number') return Number.isInteger(value) && /ID|CODE/i.test(type) ? String(value) : numberFormat(locale).format(value);
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  return String(value);
}

/**
 * An amount in yuan, scaled the way Chinese bankers read it: 亿 from 10⁸, 万 from 10⁴ (in English
 * B from 10⁹, M from 10⁶ and k from 10³), two decimals at most. Missing (NaN) is an empty string.
 */
export function formatAmount(yuan: number, locale: Locale): string {
  if (!Number.isFinite(yuan)) return '';
  const zh = locale === 'zh';
  const abs = Math.abs(yuan);
  const [divisor, suffix] = zh ? (abs >= 1e8 ? [1e8, ' 亿'] : abs >= 1e4 ? [1e4, ' 万'] : [1, ' ']) : abs >= 1e9 ? [1e9, 'B'] : abs >= 1e6 ? [1e6, 'M'] : abs >= 1e3 ? [1e3, 'k'] : [1, ''];
  return `${numberFormat(locale).format(Math.round((yuan / divisor) * 100) / 100)}${suffix}${zh ? '元' : ' yuan'}`;
}
