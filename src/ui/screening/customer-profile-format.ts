import type { Locale } from '../i18n/locale';
import { message, type MessageKey } from '../i18n/messages';
import { formatCell } from '../format';

/**
 * How the customer profile words its numbers: indicator values in their unit, percentile tones,
 * the top score contributions. Pure functions (no DOM, no Lit) so they are tested in Node.
 */

/** One indicator of a customer, placed among all customers: what the profile shows and these helpers word. */
export interface IndicatorLike {
  readonly column: string;
  readonly label: string;
  /** as the indicator library declares it: 元 (shown in 万), 万元, ratio (shown as %), %, days, months, years, count, persons, flag, date */
  readonly unit: string;
  /** NaN = missing */
  readonly value: number;
  /** 0–100 among all customers, NaN when missing */
  readonly percentile: number;
  readonly direction: 'benefit' | 'cost' | 'none';
  /** contribution to the score, points out of 100 */
  readonly points?: number;
}

/** A number grouped for the locale, rounded to `digits` decimals (the shared formatter groups it). */
function grouped(value: number, locale: Locale, digits: number): string {
  const f = 10 ** digits;
  return formatCell(Math.round(value * f) / f, 'DOUBLE', locale);
}

/** Units worded with a message, keyed by the unit names the indicator library declares. */
const WORDED: Readonly<Record<string, { key: MessageKey; digits: number }>> = {
  days: { key: 'profile.unit.days', digits: 0 },
  天: { key: 'profile.unit.days', digits: 0 },
  months: { key: 'profile.unit.months', digits: 0 },
  years: { key: 'profile.unit.years', digits: 1 },
  persons: { key: 'profile.unit.persons', digits: 0 },
  'loans/year': { key: 'profile.unit.loansPerYear', digits: 2 },
};

/**
 * An indicator value in its unit: amounts in 元 shown in 万 (two decimals, the grid's 万
 * rounding), `万元` as given, ratios (fractions) as percent with one decimal, `%` as given,
 * days/months/years/persons worded, a `date` (epoch ms, as the screening matrix holds dates) as
 * YYYY-MM-DD, a `flag` as yes/no; anything else as the number followed by its unit. Missing
 * (NaN) is the word for missing, never 0.
 */
export function formatIndicatorValue(value: number, unit: string, locale: Locale): string {
  if (Number.isNaN(value)) return message(locale, 'profile.missing');
  const u = unit.trim();
  switch (u) {
    case '元':
    case 'yuan':
    case 'CNY':
      return message(locale, 'profile.unit.wan', { value: formatCell(value, 'DOUBLE', locale, 10_000) });
    case '万元':
      return message(locale, 'profile.unit.wan', { value: grouped(value, locale, 2) });
    case 'ratio':
    case 'share':
      return message(locale, 'profile.unit.percent', { value: grouped(value * 100, locale, 1) });
    case '%':
      return message(locale, 'profile.unit.percent', { value: grouped(value, locale, 1) });
    case 'date':
      return formatCell(value, 'DATE', locale);
    case 'flag':
      return message(locale, value ? 'profile.flag.yes' : 'profile.flag.no');
    case '':
    case 'count':
      return grouped(value, locale, 2);
  }
  const worded = WORDED[u];
  if (worded) return message(locale, worded.key, { value: grouped(value, locale, worded.digits) });
  return `${grouped(value, locale, 2)} ${u}`;
}

/** Whether a customer's position is good for the bank: the percentile read in the indicator's direction. */
export type Tone = 'good' | 'middle' | 'poor' | 'neutral' | 'missing';

/**
 * The tone of a percentile given the direction: for a benefit indicator the top third is good
 * and the bottom third poor, for a cost indicator (overdue days) the other way round; an
 * indicator without a direction is only a position. Thirds, because a finer scale would claim
 * more than a percentile among a few thousand customers says.
 */
export function percentileTone(percentile: number, direction: IndicatorLike['direction']): Tone {
  if (Number.isNaN(percentile)) return 'missing';
  if (direction === 'none') return 'neutral';
  const goodness = direction === 'benefit' ? percentile : 100 - percentile;
  if (goodness >= 200 / 3) return 'good';
  return goodness <= 100 / 3 ? 'poor' : 'middle';
}

/** One bar of the "why this tier" chart. */
export interface Contribution {
  readonly column: string;
  readonly label: string;
  readonly points: number;
}

/**
 * The indicators that gave the most points, largest first (ties by label, so the order is the
 * same every time), without those that gave none or have no points at all.
 */
export function topContributions(indicators: readonly IndicatorLike[], count = 6): Contribution[] {
  return indicators
    .filter((i): i is IndicatorLike & { points: number } => typeof i.points === 'number' && Number.isFinite(i.points) && i.points > 0)
    .map((i) => ({ column: i.column, label: i.label, points: i.points }))
    .sort((a, b) => b.points - a.points || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0))
    .slice(0, count);
}
