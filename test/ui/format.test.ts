import { describe, expect, it } from 'vitest';
import { formatAmount, formatCell } from '../../src/ui/format';

describe('formatCell', () => {
  it('groups numbers, writes dates as YYYY-MM-DD and shows amounts in 万 or 亿 when asked', () => {
    expect(formatCell(12345678.5, 'DOUBLE', 'zh')).toBe('12,345,678.5');
    expect(formatCell(12345678.5, 'DOUBLE', 'zh', 10_000)).toBe('1,234.57');
    expect(formatCell(12345678.5, 'DOUBLE', 'en', 100_000_000)).toBe('0.12');
    expect(formatCell(42, 'INTEGER', 'zh', 10_000)).toBe('42');
    expect(formatCell(Date.UTC(2024, 2, 5), 'DATE', 'zh')).toBe('2024-03-05');
    expect(formatCell(null, 'DOUBLE', 'zh')).toBe('');
  });
});

describe('missing values', () => {
  it('shows NaN (a typed array\'s missing number or date) as empty, never throws', () => {
    expect(formatCell(Number.NaN, 'DATE', 'zh')).toBe('');
    expect(formatCell(Number.NaN, 'DOUBLE', 'en', 10_000)).toBe('');
  });
});

describe('formatAmount', () => {
  it('scales to 亿 and 万 in Chinese, M and k in English, two decimals at most', () => {
    expect(formatAmount(123_456_789, 'zh')).toBe('1.23 亿元');
    expect(formatAmount(45_678, 'zh')).toBe('4.57 万元');
    expect(formatAmount(999, 'zh')).toBe('999 元');
    expect(formatAmount(123_456_789, 'en')).toBe('123.46M yuan');
    expect(formatAmount(20_138_803_000, 'en')).toBe('20.14B yuan');
    expect(formatAmount(-2_500, 'en')).toBe('-2.5k yuan');
    expect(formatAmount(Number.NaN, 'en')).toBe('');
  });
});
