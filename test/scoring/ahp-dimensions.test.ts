import { describe, expect, it } from 'vitest';
import { ahpMatrix, ahpWeights } from '../../src/scoring/ahp';
import { dimensionsOf, dimensionTotals, distributeToIndicators, judgementsFromWeights, mostInconsistentPair, nearestSaaty, SAATY_SCALE } from '../../src/scoring/ahp-dimensions';

const ind = (column: string, dimension: string, label = column) => ({ column, dimension, label });

describe('dimensionsOf', () => {
  it('groups by dimension in order of first appearance; an indicator without one stands alone under its label', () => {
    const d = dimensionsOf([ind('a', '资金需求'), ind('b', '还款表现'), ind('c', '资金需求'), ind('d', '', '贷款品种数'), ind('e', '', '合作年限'), ind('f', '还款表现')]);
    expect(d.names).toEqual(['资金需求', '还款表现', '贷款品种数', '合作年限']);
    expect(d.members).toEqual([[0, 2], [1, 5], [3], [4]]);
  });

  it('an unlabelled indicator whose label equals a dimension name is not merged into that dimension', () => {
    const d = dimensionsOf([ind('a', 'X'), ind('b', '', 'X')]);
    expect(d.members).toEqual([[0], [1]]);
  });
});

describe('dimensionTotals', () => {
  it('sums the member weights', () => {
    const d = { names: ['X', 'Y', 'Z'], members: [[0, 2], [1], [3, 4]] };
    // X = .2 + .1, Y = .3, Z = .25 + .15
    expect(Array.from(dimensionTotals(d, [0.2, 0.3, 0.1, 0.25, 0.15]))).toEqual([0.2 + 0.1, 0.3, 0.25 + 0.15]);
  });
});

describe('nearestSaaty', () => {
  it('rounds on a log scale: the boundaries are the geometric means √3, √15, √35, √63', () => {
    const cases: [number, number][] = [
      [1, 1], [1.7, 1], [1.75, 3], [2, 3], [3, 3], [3.85, 3], [3.9, 5], [5.9, 5], [5.95, 7], [7.9, 7], [8, 9], [9, 9], [40, 9],
    ];
    for (const [r, want] of cases) expect(nearestSaaty(r), `ratio ${r}`).toBe(want);
    // where linear rounding would differ: 1.8 is nearer 1 than 3 on the line, but 1.8/1 > 3/1.8
    expect(nearestSaaty(1.8)).toBe(3);
    expect(nearestSaaty(3.95)).toBe(5);
  });

  it('ratios below 1 round to the reciprocal of their inverse, so a_ji = 1/a_ij', () => {
    expect(nearestSaaty(1 / 2)).toBe(1 / 3);
    expect(nearestSaaty(1 / 3.9)).toBe(1 / 5);
    expect(nearestSaaty(0.59)).toBe(1); // 1/0.59 = 1.69 < √3
    for (let r = 0.05; r < 20; r *= 1.07) expect(nearestSaaty(1 / r)).toBeCloseTo(1 / nearestSaaty(r), 12);
  });

  it('a zero or infinite ratio (one weight 0) clips to the ends of the scale', () => {
    expect(nearestSaaty(0)).toBe(1 / 9);
    expect(nearestSaaty(Infinity)).toBe(9);
    expect(() => nearestSaaty(NaN)).toThrow();
    expect(() => nearestSaaty(-1)).toThrow();
  });

  it('every result is on the scale the selects offer', () => {
    for (let r = 0.01; r < 100; r *= 1.3) expect(SAATY_SCALE.some((s) => Math.abs(s - nearestSaaty(r)) < 1e-15)).toBe(true);
  });
});

describe('judgementsFromWeights', () => {
  it('a_ij = w_i/w_j rounded to Saaty, for i < j; zero weights give 9 or 1/9, two zeros give 1', () => {
    // ratios: .5/.25 = 2 → 3; .5/.25 → 3; .5/0 → 9; .25/.25 = 1 → 1; .25/0 → 9; .25/0 → 9
    expect(judgementsFromWeights([0.5, 0.25, 0.25, 0])).toEqual(new Map([['0,1', 3], ['0,2', 3], ['0,3', 9], ['1,2', 1], ['1,3', 9], ['2,3', 9]]));
    expect(judgementsFromWeights([0, 0.5, 0])).toEqual(new Map([['0,1', 1 / 9], ['0,2', 1], ['1,2', 9]]));
    expect(judgementsFromWeights([0.7])).toEqual(new Map());
  });

  it('expert weights whose ratios are on the scale come back from AHP unchanged (CR = 0)', () => {
    // .45 : .15 : .05 = 9 : 3 : 1 → a = [[1, 3, 9], [1/3, 1, 3], [1/9, 1/3, 1]], consistent, w = (9, 3, 1)/13
    const j = judgementsFromWeights([0.45, 0.15, 0.05]);
    expect(j).toEqual(new Map([['0,1', 3], ['0,2', 9], ['1,2', 3]]));
    const r = ahpWeights(ahpMatrix(3, j));
    [9 / 13, 3 / 13, 1 / 13].forEach((w, i) => expect(r.weights[i]).toBeCloseTo(w, 10));
    expect(r.cr).toBeCloseTo(0, 10);
  });

  it('weights ordered the other way give the reciprocal judgements', () => {
    expect(judgementsFromWeights([0.05, 0.15, 0.45])).toEqual(new Map([['0,1', 1 / 3], ['0,2', 1 / 9], ['1,2', 1 / 3]]));
  });
});

describe('distributeToIndicators', () => {
  const d = { names: ['X', 'Y', 'Z'], members: [[0, 2], [1], [3, 4]] };

  it('splits each dimension weight by the expert weights within it, equally when they are all 0', () => {
    // X: .6 split .2 : .1 → .4, .2; Y: .3 to its only member; Z: expert 0, 0 → .05 each
    const w = distributeToIndicators(d, [0.6, 0.3, 0.1], [0.2, 0.5, 0.1, 0, 0]);
    const want = [0.4, 0.3, 0.2, 0.05, 0.05];
    want.forEach((v, k) => expect(w[k], `indicator ${k}`).toBeCloseTo(v, 12));
    expect(w.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
  });

  it('applying the result and distributing again changes nothing (the split within a dimension is kept)', () => {
    const dims = [0.6, 0.3, 0.1];
    const once = distributeToIndicators(d, dims, [0.2, 0.5, 0.1, 0, 0]);
    const twice = distributeToIndicators(d, dims, once);
    once.forEach((v, k) => expect(twice[k]).toBeCloseTo(v, 12));
    expect(Array.from(dimensionTotals(d, once)).map((v) => Number(v.toFixed(12)))).toEqual(dims);
  });
});

describe('mostInconsistentPair', () => {
  it('finds the one judgement that contradicts a consistent matrix', () => {
    // from w = 8 : 4 : 2 : 1 (a_ij = w_i/w_j), with a_14 flipped from 8 to 1/8
    const w = [8, 4, 2, 1];
    const a = w.map((wi) => w.map((wj) => wi / wj));
    a[0]![3] = 1 / 8;
    a[3]![0] = 8;
    const r = ahpWeights(a);
    expect(r.consistent).toBe(false);
    const p = mostInconsistentPair(a, r.weights)!;
    expect([p.i, p.j]).toEqual([0, 3]);
    expect(p.implied).toBeCloseTo(r.weights[0]! / r.weights[3]!, 12);
  });

  it('is null for a single criterion', () => {
    expect(mostInconsistentPair([[1]], [1])).toBeNull();
  });
});
