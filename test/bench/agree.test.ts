import { describe, expect, it } from 'vitest';
import { assertAgree, compareFrames, describeAgreement, FramesDisagree, mergeAgreements, sameValue, type Frame } from '../../bench/pandas/agree';

/** Three customers, one column of each kind the matrix has: numbers, text, dates, missing values. */
const duck: Frame = {
  columns: ['customer_id', 'total_balance', 'utilisation', 'stage', 'next_maturity'],
  values: {
    customer_id: ['C1', 'C2', 'C3'],
    total_balance: [1_200_000, 0, 35.5],
    utilisation: [0.5, null, 0.25],
    stage: ['成熟期', '新设立', null],
    next_maturity: ['2026-01-31', null, '2026-03-15'],
  },
};

const withColumn = (frame: Frame, column: string, values: Frame['values'][string]): Frame => ({ ...frame, values: { ...frame.values, [column]: values } });

describe('compareFrames', () => {
  it('accepts equal frames, and NaN where the other has NULL', () => {
    const pandas = withColumn(duck, 'utilisation', [0.5, NaN, 0.25]);
    expect(compareFrames(duck, pandas)).toEqual({ ok: true, problems: [], columns: [] });
  });

  it('accepts a difference in the last bits (different summation order) but not one in the 1e-8th part', () => {
    // 0.1 + 0.2 − 0.05 and 0.25 differ in the last place: the kind of difference summing in another order makes
    expect(0.1 + 0.2 - 0.05).not.toBe(0.25);
    expect(compareFrames(withColumn(duck, 'utilisation', [0.5, null, 0.1 + 0.2 - 0.05]), withColumn(duck, 'utilisation', [0.5, null, 0.25])).ok).toBe(true);
    const off = compareFrames(duck, withColumn(duck, 'total_balance', [1_200_000 * (1 + 1e-8), 0, 35.5]));
    expect(off.ok).toBe(false);
    expect(off.columns.map((c) => c.column)).toEqual(['total_balance']);
  });

  it('finds a number off by one, names the row by customer_id and counts the rows', () => {
    const result = compareFrames(duck, withColumn(duck, 'total_balance', [1_200_001, 0, 36.5]));
    expect(result.ok).toBe(false);
    expect(result.columns).toEqual([
      {
        column: 'total_balance',
        rows: 2,
        examples: [
          { row: 0, key: 'C1', expected: 1_200_000, actual: 1_200_001 },
          { row: 2, key: 'C3', expected: 35.5, actual: 36.5 },
        ],
      },
    ]);
    expect(describeAgreement(result)).toBe('total_balance: 2 rows differ, e.g. row 0 ("C1"): expected 1200000, got 1200001; row 2 ("C3"): expected 35.5, got 36.5');
  });

  it('does not take NULL for 0, either way round', () => {
    const zeroForNull = compareFrames(duck, withColumn(duck, 'utilisation', [0.5, 0, 0.25]));
    expect(zeroForNull.columns).toEqual([{ column: 'utilisation', rows: 1, examples: [{ row: 1, key: 'C2', expected: null, actual: 0 }] }]);
    const nullForZero = compareFrames(duck, withColumn(duck, 'total_balance', [1_200_000, null, 35.5]));
    expect(nullForZero.columns[0]?.examples[0]).toEqual({ row: 1, key: 'C2', expected: 0, actual: null });
  });

  it('wants labels and dates equal exactly, and a number is not its text', () => {
    const result = compareFrames(duck, { ...duck, values: { ...duck.values, stage: ['成熟期', '扩张期', null], next_maturity: ['2026-01-31', null, '2026-03-16'], total_balance: ['1200000', 0, 35.5] } });
    expect(result.columns.map((c) => [c.column, c.rows])).toEqual([
      ['total_balance', 1],
      ['stage', 1],
      ['next_maturity', 1],
    ]);
  });

  it('reports missing, extra and reordered columns and a different row count', () => {
    const { stage: _stage, ...rest } = duck.values;
    const fewer = compareFrames(duck, { columns: ['customer_id', 'total_balance', 'utilisation', 'next_maturity', 'extra'], values: { ...rest, extra: [1, 2, 3] } });
    expect(fewer.problems).toEqual(['missing columns: stage', 'extra columns: extra']);
    const reordered = compareFrames(duck, { ...duck, columns: ['customer_id', 'utilisation', 'total_balance', 'stage', 'next_maturity'] });
    expect(reordered.problems).toEqual(['the columns are in another order']);
    const shorter = compareFrames(duck, { columns: duck.columns, values: Object.fromEntries(Object.entries(duck.values).map(([k, v]) => [k, v.slice(0, 2)])) });
    expect(shorter.ok).toBe(false);
    expect(shorter.problems).toEqual(['2 rows, expected 3']);
  });
});

describe('sameValue', () => {
  it('uses the absolute tolerance only when given', () => {
    expect(sameValue(1e-17, 0)).toBe(false);
    expect(sameValue(1e-17, 0, 1e-9, 1e-12)).toBe(true);
  });
});

describe('assertAgree', () => {
  it('throws FramesDisagree saying what differs, and passes silently when the frames agree', () => {
    expect(() => assertAgree(duck, duck, 'the matrices')).not.toThrow();
    expect(() => assertAgree(duck, withColumn(duck, 'utilisation', [0.5, 0, 0.25]), 'the matrices')).toThrow(FramesDisagree);
    expect(() => assertAgree(duck, withColumn(duck, 'utilisation', [0.5, 0, 0.25]), 'the matrices')).toThrow(/the matrices disagree:\nutilisation: 1 rows differ/);
  });
});

describe('mergeAgreements', () => {
  it('sums differing rows over batches and numbers the examples by their row in the whole matrix', () => {
    const first = compareFrames(duck, withColumn(duck, 'total_balance', [1_200_001, 0, 35.5]));
    const second = compareFrames(duck, withColumn(duck, 'total_balance', [1_200_000, 1, 35.5]));
    const merged = mergeAgreements([
      { offset: 0, agreement: first },
      { offset: 3, agreement: compareFrames(duck, duck) },
      { offset: 6, agreement: second },
    ]);
    expect(merged.ok).toBe(false);
    expect(merged.columns).toEqual([
      {
        column: 'total_balance',
        rows: 2,
        examples: [
          { row: 0, key: 'C1', expected: 1_200_000, actual: 1_200_001 },
          { row: 7, key: 'C2', expected: 0, actual: 1 },
        ],
      },
    ]);
    expect(mergeAgreements([{ offset: 0, agreement: compareFrames(duck, duck) }]).ok).toBe(true);
  });
});
