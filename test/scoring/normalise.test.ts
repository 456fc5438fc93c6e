import { describe, expect, it } from 'vitest';
import { applyIndicator, compactFit, fitIndicator, fitIndicators, MAX_EXACT_RANK_LEVELS, normalise, RANK_QUANTILE_TOLERANCE } from '../../src/scoring/normalise';
import type { IndicatorSpec } from '../../src/scoring/types';
import { rng } from './random';

const spec = (over: Partial<IndicatorSpec> = {}): IndicatorSpec => ({
  column: 'x',
  label: 'x',
  dimension: '',
  direction: 'benefit',
  transform: 'none',
  winsor: null,
  scaling: 'minmax',
  missing: 'median',
  ...over,
});
const f64 = (values: number[]) => Float64Array.from(values);
const list = (a: Float64Array) => Array.from(a);

/** Independent mid-rank: count values below and equal, by brute force. */
function naiveMidRank(values: number[]): number[] {
  const present = values.filter((v) => !Number.isNaN(v));
  const n = present.length;
  return values.map((v) => {
    if (Number.isNaN(v)) return NaN;
    const less = present.filter((w) => w < v).length;
    const equal = present.filter((w) => w === v).length;
    const averageRank = less + (equal + 1) / 2; // 1-based ranks less+1 .. less+equal
    return (averageRank - 1) / (n - 1);
  });
}

describe('fitIndicator / applyIndicator', () => {
  it('min-max with the median rule (worked by hand)', () => {
    // present 1, 2, 3, 5: min 1, max 5 → (x − 1)/4 = 0, .25, .5, 1
    // mean = 11/4 = 2.75; squared deviations 3.0625 + .5625 + .0625 + 5.0625 = 8.75; sd = √(8.75/4)
    // missing → median of the normalised present values (0, .25, .5, 1) = (.25 + .5)/2 = .375
    const values = f64([1, 2, 3, NaN, 5]);
    const fitted = fitIndicator(spec(), values);
    expect([fitted.min, fitted.max, fitted.mean, fitted.present, fitted.absent]).toEqual([1, 5, 2.75, 4, 1]);
    expect(fitted.sd).toBeCloseTo(Math.sqrt(8.75 / 4), 12);
    expect(fitted.missingValue).toBe(0.375);
    expect(list(applyIndicator(fitted, values))).toEqual([0, 0.25, 0.5, 0.375, 1]);
    // new data beyond the fitted range is clamped to [0, 1]
    expect(list(applyIndicator(fitted, f64([-3, 9, Infinity])))).toEqual([0, 1, 0.375]);
  });

  it('cost direction reverses, and the worst rule gives 0 after the reversal', () => {
    // overdue days 0, 10, 40: min-max 0, .25, 1 → reversed 1, .75, 0; missing → worst = 0
    const fitted = fitIndicator(spec({ direction: 'cost', missing: 'worst' }), f64([0, 10, 40]));
    expect(list(applyIndicator(fitted, f64([0, 10, 40, NaN])))).toEqual([1, 0.75, 0, 0]);
  });

  it('z-score: clamp((z + 3)/6), the zero rule, population sd (worked by hand)', () => {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, population sd 2
    // 2 → z −1.5 → 1.5/6 = .25;  9 → z 2 → 5/6;  5 → .5;  a raw 0 → z −2.5 → .5/6
    // 20 → z 7.5 → 10.5/6 → clamped to 1
    const fitted = fitIndicator(spec({ scaling: 'zscore', missing: 'zero' }), f64([2, 4, 4, 4, 5, 5, 7, 9]));
    expect([fitted.mean, fitted.sd]).toEqual([5, 2]);
    expect(fitted.missingValue).toBeCloseTo(0.5 / 6, 15);
    const out = applyIndicator(fitted, f64([2, 9, 5, NaN, 20]));
    expect(out[0]).toBeCloseTo(0.25, 15);
    expect(out[1]).toBeCloseTo(5 / 6, 15);
    expect(out[2]).toBe(0.5);
    expect(out[3]).toBeCloseTo(0.5 / 6, 15);
    expect(out[4]).toBe(1);
  });

  it('log1p keeps the sign of negative values', () => {
    // e − 1 → log1p = 1;  −(e − 1) → −1;  0 → 0; min-max over −1..1
    const e1 = Math.E - 1;
    const fitted = fitIndicator(spec({ transform: 'log1p' }), f64([-e1, 0, e1]));
    expect(fitted.min).toBeCloseTo(-1, 15);
    expect(fitted.max).toBeCloseTo(1, 15);
    const out = applyIndicator(fitted, f64([-e1, 0, e1, Math.exp(0.5) - 1]));
    expect(list(out).map((v) => Number(v.toFixed(12)))).toEqual([0, 0.5, 1, 0.75]);
  });

  it('winsor bounds are type-7 percentiles (numpy.percentile of 1..10 at 10 and 90 is 1.9 and 9.1)', () => {
    // h = (n − 1)·p = 9·.1 = .9 → 1 + .9·(2 − 1) = 1.9;  9·.9 = 8.1 → 9 + .1·(10 − 9) = 9.1
    const fitted = fitIndicator(spec({ winsor: [0.1, 0.9] }), f64([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]));
    expect(fitted.clipLow).toBeCloseTo(1.9, 12);
    expect(fitted.clipHigh).toBeCloseTo(9.1, 12);
    expect([fitted.min, fitted.max]).toEqual([fitted.clipLow, fitted.clipHigh]);
    // the clipped values 1.9, 2, ..., 9, 9.1 → mean 5.5 still (symmetric)
    expect(fitted.mean).toBeCloseTo(5.5, 12);
    expect(fitted.quantiles).toHaveLength(101);
    expect(fitted.quantiles[50]).toBeCloseTo(5.5, 12);
    // 1 and 10 are clipped to the ends
    expect(list(applyIndicator(fitted, f64([1, 10])))).toEqual([0, 1]);
    // no winsor: infinite bounds
    expect(fitIndicator(spec(), f64([1, 2])).clipLow).toBe(-Infinity);
  });

  it('rank: mid-ranks on the fitting data, interpolation on new data (worked by hand)', () => {
    // 10, 20, 20, 30 → 1-based ranks 1, 2.5, 2.5, 4 → (r − 1)/3 = 0, .5, .5, 1
    // median of (0, .5, .5, 1) = .5 for the missing one
    // new: 15 lies halfway between 10 (0) and 20 (.5) → .25; below the minimum → 0; above → 1
    const fitted = fitIndicator(spec({ scaling: 'rank' }), f64([20, 10, 30, 20, NaN]));
    expect(list(applyIndicator(fitted, f64([20, 10, 30, 20, NaN])))).toEqual([0.5, 0, 1, 0.5, 0.5]);
    expect(list(applyIndicator(fitted, f64([15, 5, 40])))).toEqual([0.25, 0, 1]);
    // a single present value: 0.5
    const one = fitIndicator(spec({ scaling: 'rank' }), f64([7, NaN]));
    expect(list(applyIndicator(one, f64([7, 100])))).toEqual([0.5, 0.5]);
  });

  it('rank on the fitting data equals an independent mid-rank computation (with ties, winsor, cost)', () => {
    const random = rng(1);
    const values = Array.from({ length: 600 }, () => (random() < 0.05 ? NaN : Math.round(random() * 80) * 1000));
    const fitted = fitIndicator(spec({ scaling: 'rank', transform: 'log1p' }), f64(values));
    expect(fitted.rankValues?.length).toBeLessThanOrEqual(81);
    const out = applyIndicator(fitted, f64(values));
    naiveMidRank(values).forEach((expected, i) => {
      if (Number.isNaN(expected)) return;
      expect(out[i]).toBeCloseTo(expected, 12);
    });
    // cost: 1 − the mid-rank; winsor: the clipped ends tie, and share their mid-rank
    const winsor = fitIndicator(spec({ scaling: 'rank', direction: 'cost', winsor: [0.05, 0.95] }), f64(values));
    const lo = winsor.clipLow;
    const hi = winsor.clipHigh;
    const clipped = values.map((v) => (Number.isNaN(v) ? v : Math.min(hi, Math.max(lo, v))));
    const outW = applyIndicator(winsor, f64(values));
    naiveMidRank(clipped).forEach((expected, i) => {
      if (!Number.isNaN(expected)) expect(outW[i]).toBeCloseTo(1 - expected, 12);
    });
  });

  it(`rank is exact on the fitting data at any size; a stored (compact) fit over ${MAX_EXACT_RANK_LEVELS} distinct values interpolates within ${RANK_QUANTILE_TOLERANCE}`, () => {
    const random = rng(2);
    // continuous values plus heavy ties (a fifth are one of three amounts)
    const values = Array.from({ length: 5000 }, () => (random() < 0.2 ? [100, 500, 900][Math.floor(random() * 3)]! : random() * 1000));
    const sorted = [...values].sort((a, b) => a - b);
    // independent mid-rank by binary-search-free scan of the sorted copy
    const midRank = (v: number) => (sorted.indexOf(v) + sorted.lastIndexOf(v)) / 2 / (values.length - 1);
    const worstError = (out: Float64Array) => values.reduce((worst, v, i) => Math.max(worst, Math.abs(out[i]! - midRank(v))), 0);

    const fitted = fitIndicator(spec({ scaling: 'rank' }), f64(values));
    expect(worstError(applyIndicator(fitted, f64(values)))).toBeLessThan(1e-12);

    const stored = compactFit(fitted);
    expect(stored.rankValues).toBeUndefined();
    const worst = worstError(applyIndicator(stored, f64(values)));
    expect(worst).toBeLessThanOrEqual(RANK_QUANTILE_TOLERANCE);
    expect(worst).toBeGreaterThan(0); // it really is the approximate path
    // a small table is stored as it is
    const small = fitIndicator(spec({ scaling: 'rank' }), f64([3, 1, 2, 2]));
    expect(compactFit(small)).toBe(small);
  });

  it('writes into out, and rejects an out of the wrong length', () => {
    const fitted = fitIndicator(spec(), f64([0, 1]));
    const out = new Float64Array(2);
    expect(applyIndicator(fitted, f64([1, 0]), out)).toBe(out);
    expect(list(out)).toEqual([1, 0]);
    expect(() => applyIndicator(fitted, f64([1]), out)).toThrow(/out has 2 rows/);
  });

  it('a column with no present value still gives a usable fit (all 0.5 or the rule)', () => {
    const fitted = fitIndicator(spec({ scaling: 'zscore' }), f64([NaN, NaN]));
    expect(fitted.present).toBe(0);
    expect(fitted.missingValue).toBe(0.5);
    expect(list(applyIndicator(fitted, f64([NaN, 3])))).toEqual([0.5, 0.5]);
    expect(JSON.parse(JSON.stringify(fitted.quantiles))).toEqual(new Array(101).fill(0)); // no NaN stored
  });
});

describe('fitIndicators / normalise', () => {
  const data = new Map([
    ['a', f64([1, 2, 3])],
    ['b', f64([30, 20, 10])],
  ]);

  it('fits and applies every indicator, each column in [0, 1]', () => {
    const fitted = fitIndicators([spec({ column: 'a' }), spec({ column: 'b', direction: 'cost' })], data);
    const m = normalise(fitted, data);
    expect(m.rows).toBe(3);
    expect(m.columns).toEqual(['a', 'b']);
    // a: 0, .5, 1;  b: min-max 1, .5, 0 reversed → 0, .5, 1
    expect(m.values.map(list)).toEqual([
      [0, 0.5, 1],
      [0, 0.5, 1],
    ]);
  });

  it('names the column the data lacks, and a column of another length', () => {
    expect(() => fitIndicators([spec({ column: 'missing_col' })], data)).toThrow(/"missing_col" is not in the data/);
    const fitted = fitIndicators([spec({ column: 'a' }), spec({ column: 'b' })], data);
    expect(() => normalise(fitted, new Map([['a', f64([1, 2])], ['b', f64([1, 2, 3])]]))).toThrow(/"b" has 3 rows/);
  });

  it('scores new data with the development sample parameters, not refitted', () => {
    const fitted = fitIndicators([spec({ column: 'a' })], data);
    const m = normalise(fitted, new Map([['a', f64([2, 2.5])]]));
    expect(list(m.values[0]!)).toEqual([0.5, 0.75]);
  });
});
