import { describe, expect, it } from 'vitest';
import { weightVector } from '../../src/scoring/weights';
import { rng } from './random';

const list = (a: Float64Array) => Array.from(a);

describe('weightVector', () => {
  it('turns percentages into fractions aligned with the columns (worked by hand)', () => {
    // 50 + 30 + 20 = 100 → .5, .3, .2 in column order; the key "zzz" is not a column
    expect(list(weightVector(['need', 'repay', 'size'], { size: 20, need: 50, repay: 30, zzz: 40 }))).toEqual([0.5, 0.3, 0.2]);
  });

  it('rescales when the percentages do not sum to 100, missing/negative/NaN count as 0', () => {
    // 30 and 10 of 40 → .75, .25; c is missing, d negative, e NaN
    expect(list(weightVector(['a', 'b', 'c', 'd', 'e'], { a: 30, b: 10, d: -5, e: NaN }))).toEqual([0.75, 0.25, 0, 0, 0]);
  });

  it('all zero → equal shares; no columns → empty', () => {
    expect(list(weightVector(['a', 'b', 'c', 'd'], { a: 0 }))).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(weightVector([], { a: 10 })).toHaveLength(0);
  });

  it('always sums to 1 (random percentages)', () => {
    const random = rng(3);
    for (let t = 0; t < 100; t++) {
      const columns = Array.from({ length: 1 + Math.floor(random() * 12) }, (_, j) => `c${j}`);
      const percent = Object.fromEntries(columns.map((c) => [c, random() < 0.3 ? 0 : random() * 100]));
      const w = weightVector(columns, percent);
      expect(list(w).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      expect(list(w).every((v) => v >= 0)).toBe(true);
    }
  });
});
