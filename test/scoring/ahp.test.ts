import { describe, expect, it } from 'vitest';
import { ahpMatrix, ahpWeights, RI_TABLE_NAME, SAATY_RI } from '../../src/scoring/ahp';
import { rng } from './random';

/** For a 3×3 reciprocal matrix [[1, a, b], [1/a, 1, c], [1/b, 1/c, 1]] the characteristic
 * polynomial gives λmax = 1 + t + 1/t with t = (a·c/b)^(1/3) — independent of power iteration. */
const lambda3 = (a: number, b: number, c: number) => {
  const t = Math.cbrt((a * c) / b);
  return 1 + t + 1 / t;
};

function residual(a: number[][], w: Float64Array, lambda: number): number {
  return Math.max(...a.map((row, i) => Math.abs(row.reduce((s, v, j) => s + v * w[j]!, 0) - lambda * w[i]!)));
}

describe('ahpWeights', () => {
  it('the textbook 3×3 example: weights .637/.258/.105, λmax 3.039, CR .033', () => {
    // a12 = 3, a13 = 5, a23 = 3. For n = 3 the eigenvector equals the normalised row geometric means:
    // (15^(1/3), 1, 15^(−1/3)) = (2.4662, 1, .4055), sum 3.8717 → (.6370, .2583, .1047)
    // t = (3·3/5)^(1/3) = 1.2164 → λmax = 1 + 1.2164 + .8221 = 3.0385
    // CI = (3.0385 − 3)/2 = .01926; CR = .01926/.58 = .0332
    const a = ahpMatrix(3, new Map([['0,1', 3], ['0,2', 5], ['1,2', 3]]));
    const r = ahpWeights(a);
    const g = [Math.cbrt(15), 1, Math.cbrt(1 / 15)];
    const gs = g[0]! + g[1]! + g[2]!;
    g.forEach((v, i) => expect(r.weights[i]).toBeCloseTo(v / gs, 10));
    expect(Array.from(r.weights).map((v) => Number(v.toFixed(3)))).toEqual([0.637, 0.258, 0.105]);
    expect(r.lambdaMax).toBeCloseTo(lambda3(3, 5, 3), 10);
    expect(r.lambdaMax).toBeCloseTo(3.0385, 4);
    expect(r.ci).toBeCloseTo((lambda3(3, 5, 3) - 3) / 2, 10);
    expect(r.cr).toBeCloseTo(0.0332, 4);
    expect(r.ri).toBe(0.58);
    expect(r.riTable).toBe(RI_TABLE_NAME);
    expect(r.consistent).toBe(true);
  });

  it('a consistent matrix (a_ij = w_i/w_j) gives back w, λmax = n, CR = 0', () => {
    const w = [0.4, 0.3, 0.2, 0.1];
    const r = ahpWeights(w.map((wi) => w.map((wj) => wi / wj)));
    w.forEach((wi, i) => expect(r.weights[i]).toBeCloseTo(wi, 12));
    expect(r.lambdaMax).toBeCloseTo(4, 12);
    expect(r.cr).toBeCloseTo(0, 12);
    expect(r.ri).toBe(0.9);
  });

  it('contradictory judgements are inconsistent', () => {
    // 1 ≫ 2 (9), 2 ≫ 3 (9), yet 3 ≫ 1 (a13 = 1/9): t = (9·9·9)^(1/3) = 9 → λmax = 1 + 9 + 1/9 = 10.111
    // CI = 7.111/2 = 3.556, CR = 3.556/.58 = 6.13
    const r = ahpWeights(ahpMatrix(3, new Map([['0,1', 9], ['0,2', 1 / 9], ['1,2', 9]])));
    expect(r.lambdaMax).toBeCloseTo(10 + 1 / 9, 9);
    expect(r.cr).toBeCloseTo((10 + 1 / 9 - 3) / 2 / 0.58, 9);
    expect(r.consistent).toBe(false);
  });

  it('random reciprocal matrices: a positive eigenpair (A·w = λ·w), λmax ≥ n, weights sum to 1', () => {
    const random = rng(5);
    const scale = [1 / 9, 1 / 7, 1 / 5, 1 / 3, 1, 3, 5, 7, 9];
    for (let n = 1; n <= 10; n++) {
      const upper = new Map<string, number>();
      for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) upper.set(`${i},${j}`, scale[Math.floor(random() * scale.length)]!);
      const a = ahpMatrix(n, upper);
      const r = ahpWeights(a);
      expect(residual(a, r.weights, r.lambdaMax)).toBeLessThan(1e-9);
      expect(Array.from(r.weights).every((v) => v > 0)).toBe(true);
      expect(Array.from(r.weights).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
      expect(r.lambdaMax).toBeGreaterThanOrEqual(n - 1e-9);
      expect(r.ri).toBe(SAATY_RI[n - 1]);
      if (n <= 2) expect(r.cr).toBe(0);
    }
  });

  it('refuses what is not a reciprocal matrix of positive judgements, or more than 10 criteria', () => {
    expect(() => ahpWeights([])).toThrow(/empty/);
    expect(() => ahpWeights([[1, 2], [0.5]])).toThrow(/not square/);
    expect(() => ahpWeights([[1, -2], [-0.5, 1]])).toThrow(/positive/);
    expect(() => ahpWeights([[1, 2], [0.4, 1]])).toThrow(/not reciprocal/);
    expect(() => ahpWeights([[2, 1], [1, 1]])).toThrow(/diagonal/);
    // within 1e-9 is accepted
    expect(() => ahpWeights([[1, 3], [1 / 3 + 1e-12, 1]])).not.toThrow();
    const big = Array.from({ length: 11 }, () => new Array<number>(11).fill(1));
    expect(() => ahpWeights(big)).toThrow(/stops at 10/);
  });
});

describe('ahpMatrix', () => {
  it('fills the reciprocals, the diagonal and unjudged pairs with 1', () => {
    expect(ahpMatrix(3, new Map([['0,2', 4]]))).toEqual([
      [1, 1, 4],
      [1, 1, 1],
      [0.25, 1, 1],
    ]);
  });

  it('rejects keys below the diagonal or out of range, and non-positive judgements', () => {
    expect(() => ahpMatrix(3, new Map([['1,0', 2]]))).toThrow(/"1,0"/);
    expect(() => ahpMatrix(3, new Map([['0,3', 2]]))).toThrow(/"0,3"/);
    expect(() => ahpMatrix(3, new Map([['0,1', 0]]))).toThrow(/positive/);
  });
});
