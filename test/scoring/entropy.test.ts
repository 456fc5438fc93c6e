import { describe, expect, it } from 'vitest';
import { entropyWeights } from '../../src/scoring/entropy';
import type { NormalisedMatrix } from '../../src/scoring/normalise';
import { rng } from './random';

const matrix = (columns: Record<string, number[]>): NormalisedMatrix => ({
  rows: Object.values(columns)[0]!.length,
  columns: Object.keys(columns),
  values: Object.values(columns).map((v) => Float64Array.from(v)),
});

/** The formula written out directly: p = x/Σx, e = −(1/ln n)·Σ p ln p with 0·ln 0 = 0. */
function directEntropy(x: number[]): number {
  const s = x.reduce((a, b) => a + b, 0);
  const sum = x.reduce((acc, v) => (v === 0 ? acc : acc + (v / s) * Math.log(v / s)), 0);
  return -sum / Math.log(x.length);
}

describe('entropyWeights', () => {
  it('a 3×3 example against the formula (worked by hand)', () => {
    // a = (1, 0, 0): p = (1, 0, 0) → e = 0 → 1 − e = 1
    // b = (.5, .5, .5): constant → undefined, weight 0
    // c = (.2, .4, .4): Σ p ln p = .2·ln .2 + 2·.4·ln .4 = −.321888 − .733033 = −1.054920
    //   e = 1.054920 / ln 3 (1.098612) = .960230 → 1 − e = .039770
    // weights: a = 1/1.039770 = .961751, c = .039770/1.039770 = .038249
    const m = matrix({ a: [1, 0, 0], b: [0.5, 0.5, 0.5], c: [0.2, 0.4, 0.4] });
    const r = entropyWeights(m);
    expect(r.undefinedColumns).toEqual(['b']);
    expect(r.entropy[0]).toBeCloseTo(directEntropy([1, 0, 0]), 12);
    expect(r.entropy[0]).toBeCloseTo(0, 12);
    expect(Number.isNaN(r.entropy[1]!)).toBe(true);
    expect(r.entropy[2]).toBeCloseTo(directEntropy([0.2, 0.4, 0.4]), 12);
    expect(r.entropy[2]).toBeCloseTo(0.96023, 5);
    expect(r.weights[0]).toBeCloseTo(0.961751, 5);
    expect(r.weights[1]).toBe(0);
    expect(r.weights[2]).toBeCloseTo(0.038249, 5);
  });

  it('all-zero columns are undefined too; every column undefined → all weights 0', () => {
    const r = entropyWeights(matrix({ z: [0, 0, 0], k: [0.3, 0.3, 0.3] }));
    expect(r.undefinedColumns).toEqual(['z', 'k']);
    expect(Array.from(r.weights)).toEqual([0, 0]);
  });

  it('random matrices: weights sum to 1 and follow 1 − e of the direct formula', () => {
    const random = rng(4);
    const cols: Record<string, number[]> = {};
    for (let j = 0; j < 6; j++) cols[`c${j}`] = Array.from({ length: 50 }, () => (random() < 0.2 ? 0 : random() ** (j + 1)));
    const r = entropyWeights(matrix(cols));
    const d = Object.values(cols).map((x) => 1 - directEntropy(x));
    const total = d.reduce((a, b) => a + b, 0);
    d.forEach((dj, j) => expect(r.weights[j]).toBeCloseTo(dj / total, 12));
    expect(Array.from(r.weights).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
});
