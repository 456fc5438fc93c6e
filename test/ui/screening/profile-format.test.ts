import { describe, expect, it } from 'vitest';
import { formatIndicatorValue, percentileTone, topContributions, type IndicatorLike } from '../../../src/ui/screening/customer-profile-format';
import { profileEn, profileZh } from '../../../src/ui/i18n/messages-profile';

describe('formatIndicatorValue', () => {
  it('shows amounts in 万 (÷10,000, two decimals), ratios as percent, days, dates and flags', () => {
    expect(formatIndicatorValue(12_345_678.5, '元', 'zh')).toBe('1,234.57 万元');
    expect(formatIndicatorValue(12_345_678.5, '元', 'en')).toBe('1,234.57 万 CNY');
    expect(formatIndicatorValue(3_000, '万元', 'zh')).toBe('3,000 万元');
    expect(formatIndicatorValue(0.8534, 'ratio', 'zh')).toBe('85.3%');
    expect(formatIndicatorValue(-0.125, 'ratio', 'en')).toBe('-12.5%');
    expect(formatIndicatorValue(85.34, '%', 'en')).toBe('85.3%');
    expect(formatIndicatorValue(45, 'days', 'zh')).toBe('45 天');
    expect(formatIndicatorValue(45, 'days', 'en')).toBe('45 days');
    expect(formatIndicatorValue(7.25, 'years', 'en')).toBe('7.3 years');
    expect(formatIndicatorValue(Date.UTC(2026, 2, 31), 'date', 'zh')).toBe('2026-03-31');
    expect(formatIndicatorValue(1, 'flag', 'zh')).toBe('是');
    expect(formatIndicatorValue(0, 'flag', 'en')).toBe('no');
    expect(formatIndicatorValue(1234, 'count', 'en')).toBe('1,234');
    expect(formatIndicatorValue(2.5, 'kg', 'en')).toBe('2.5 kg');
  });

  it('never shows a missing value as a number', () => {
    expect(formatIndicatorValue(Number.NaN, '元', 'zh')).toBe('缺失');
    expect(formatIndicatorValue(Number.NaN, 'ratio', 'en')).toBe('missing');
  });
});

describe('percentileTone', () => {
  it('reads the percentile in the indicator’s direction, in thirds', () => {
    expect(percentileTone(80, 'benefit')).toBe('good');
    expect(percentileTone(80, 'cost')).toBe('poor');
    expect(percentileTone(10, 'cost')).toBe('good');
    expect(percentileTone(50, 'benefit')).toBe('middle');
    expect(percentileTone(66.6, 'benefit')).toBe('middle');
    expect(percentileTone(66.7, 'benefit')).toBe('good');
    expect(percentileTone(33.3, 'benefit')).toBe('poor');
    expect(percentileTone(90, 'none')).toBe('neutral');
    expect(percentileTone(Number.NaN, 'benefit')).toBe('missing');
  });
});

describe('topContributions', () => {
  const ind = (label: string, points?: number): IndicatorLike => ({ column: `c_${label}`, label, unit: '', value: 1, percentile: 50, direction: 'benefit', ...(points === undefined ? {} : { points }) });
  it('orders by points, ties by label, leaves out zero, missing and NaN points, and keeps the top n', () => {
    const top = topContributions([ind('b', 5), ind('a', 5), ind('c', 12.5), ind('d', 0), ind('e'), ind('f', Number.NaN), ind('g', 1)], 3);
    expect(top.map((t) => [t.label, t.points])).toEqual([['c', 12.5], ['a', 5], ['b', 5]]);
    expect(topContributions([ind('x', 0)])).toEqual([]);
  });
});

describe('profile text', () => {
  it('has every key in both languages, non-empty, with the same placeholders', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    expect(Object.keys(profileZh).sort()).toEqual(Object.keys(profileEn).sort());
    for (const key of Object.keys(profileEn) as (keyof typeof profileEn)[]) {
      expect(profileZh[key].trim(), key).not.toBe('');
      expect(placeholders(profileZh[key]), key).toEqual(placeholders(profileEn[key]));
    }
  });
});
