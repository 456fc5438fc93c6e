import { compactDate, excelSerial, isoDate, slashDate } from '../dates';
import type { ColumnKind } from '../../extract/schema';
import { CREDIT_CODE_ALPHABET } from '../../extract/credit-code';

/**
 * Text forms of values, clean and messy. The clean form is what an injected value is compared
 * with (the report's `original`); the messy forms are the data-quality problems of DOMAIN.md.
 */

/** The clean text of a generated value of a column of this kind; null is the empty string. */
export function cleanText(kind: ColumnKind, value: number | string | null): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  switch (kind) {
    case 'amount':
      return value.toFixed(2);
    case 'date':
      return isoDate(value);
    default:
      return String(value);
  }
}

/** "1234567.89" → "1,234,567.89" */
export function withThousands(text: string): string {
  const [whole, fraction] = text.split('.');
  const sign = whole!.startsWith('-') ? '-' : '';
  const digits = sign ? whole!.slice(1) : whole!;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

/** An amount in 元 as 万元 (exact: fen are 10⁻⁶ 万元), trailing zeros dropped: 1234567.89 → "123.456789". */
export function inWan(yuan: number): string {
  return trimZeros((Math.round(yuan * 100) / 1_000_000).toFixed(6));
}

/** A rate as percent text: 0.0385 → "3.85%". */
export function asPercent(rate: number): string {
  return `${trimZeros((Math.round(rate * 1_000_000) / 10_000).toFixed(4))}%`;
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/** How a missing value is written in real extracts. */
export const MISSING_TOKENS = ['', '-', '—', '无', 'NULL', 'N/A'] as const;

/** The date formats a date may come in, besides the clean YYYY-MM-DD. */
export const DATE_VARIANTS = ['compact', 'slash', 'excel-serial'] as const;
export type DateVariant = (typeof DATE_VARIANTS)[number];

/** A day number in one of the other formats: 20240305, 2024/3/5 or an Excel serial (45356). */
export function dateVariant(day: number, variant: DateVariant): string {
  if (variant === 'compact') return compactDate(day);
  if (variant === 'slash') return slashDate(day);
  return String(excelSerial(day));
}

/** A long numeric id as Excel's General format shows it: 120240305000012301 → "1.2024E+17". */
export function excelMangled(id: string): string {
  const [mantissa, exponent] = Number(id).toExponential(5).split('e');
  return `${trimZeros(mantissa!)}E${exponent!.startsWith('-') ? '' : '+'}${exponent!.replace('+', '')}`;
}

/** Ways a 统一社会信用代码 is found broken. */
export const CODE_DEFECTS = ['check', 'length', 'character'] as const;
export type CodeDefect = (typeof CODE_DEFECTS)[number];

/** Breaks a valid credit code: a wrong check character, a dropped character, or a letter O typed for 0. */
export function brokenCreditCode(code: string, defect: CodeDefect, pick: number): string {
  if (defect === 'length') return code.slice(0, 17);
  if (defect === 'character') return `${code.slice(0, 10)}O${code.slice(11)}`;
  const alphabet = CREDIT_CODE_ALPHABET.replace(code[17]!, '');
  return code.slice(0, 17) + alphabet[Math.floor(pick * alphabet.length)]!;
}

/** Swaps full-width and half-width brackets: 华信（深圳）科技 ↔ 华信(深圳)科技. */
export function flipBrackets(name: string): string {
  if (name.includes('（')) return name.replaceAll('（', '(').replaceAll('）', ')');
  return name.replaceAll('(', '（').replaceAll(')', '）');
}
