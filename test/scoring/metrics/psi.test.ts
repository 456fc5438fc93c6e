import { describe, expect, it } from 'vitest';
import { PSI_EPSILON, psi, psiBand, psiEdges, psiFromQuantiles } from '../../../src/scoring/metrics';

const ln = Math.log;

describe('psiEdges', () => {
  it('cuts the baseline at type-7 quantiles', () => {
    // 1..8, n − 1 = 7: 25% → h = 1.75 → 2 + 0.75·(3 − 2) = 2.75; 50% → h = 3.5 → 4.5; 75% → h = 5.25 → 6.25
    expect(psiEdges(Float64Array.from([8, 1, 2, 3, NaN, 4, 5, 6, 7]), 4)).toEqual([2.75, 4.5, 6.25]);
  });

  it('merges repeated edges', () => {
    // 0 0 0 0 0 0 1 2: 25% → h = 1.75 → 0; 50% → 0; 75% → h = 5.25 → 0 + 0.25·1 = 0.25
    expect(psiEdges(Float64Array.from([0, 0, 0, 0, 0, 0, 1, 2]), 4)).toEqual([0, 0.25]);
  });
});

describe('psi', () => {
  it('reuses baseline bins, upper edge inclusive, ε for empty bins, missing as its own bin', () => {
    // baseline 1..8 with bins = 4: edges 2.75, 4.5, 6.25 → two rows a bin, E = 1/4 each; no missing (E = 0 → ε)
    // current (8 rows): 1 2 2 1 → bin 0; 4.5 4.5 (upper edge inclusive) 3 → bin 1; bins 2, 3 empty; one NaN
    //   A = 4/8, 3/8, 0 (→ ε), 0 (→ ε), 1/8
    const baseline = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
    const current = Float64Array.from([1, 2, 4.5, 4.5, 3, NaN, 2, 1]);
    const r = psi(baseline, current, { bins: 4 });
    const e = PSI_EPSILON;
    const terms = [
      (0.5 - 0.25) * ln(0.5 / 0.25),
      (0.375 - 0.25) * ln(0.375 / 0.25),
      (e - 0.25) * ln(e / 0.25),
      (e - 0.25) * ln(e / 0.25),
      (0.125 - e) * ln(0.125 / e),
    ];
    expect(r.epsilon).toBe(1e-4);
    expect(r.bins.map((b) => b.term)).toEqual(terms.map((t) => expect.closeTo(t, 14)));
    expect(r.psi).toBeCloseTo(terms.reduce((a, b) => a + b), 13);
    expect(r.psi).toBeCloseTo(5.0251, 4); // ≈ 0.17329 + 0.05068 + 2·1.95523 + 0.89065
    expect(r.band).toBe('major');
    expect(r.bins.map((b) => b.actualCount)).toEqual([4, 3, 0, 0, 1]);
    expect(r.bins.map((b) => b.expected)).toEqual([0.25, 0.25, 0.25, 0.25, 0]);
    expect(r.bins.map((b) => [b.low, b.high, b.missing])).toEqual([
      [-Infinity, 2.75, false], [2.75, 4.5, false], [4.5, 6.25, false], [6.25, Infinity, false], [NaN, NaN, true],
    ]);
  });

  it('takes the given ε and the given edges', () => {
    const baseline = Float64Array.from([1, 2, 3, 4]);
    const current = Float64Array.from([1, 1, 1, 1]);
    // edges [2]: E = 1/2, 1/2; A = 1, 0 → ε = 0.01: (1 − ½)·ln 2 + (0.01 − ½)·ln(0.02)
    const r = psi(baseline, current, { edges: [2], epsilon: 0.01 });
    expect(r.psi).toBeCloseTo(0.5 * ln(2) + (0.01 - 0.5) * ln(0.02), 14);
    expect(() => psi(baseline, current, { edges: [2, 2] })).toThrow(RangeError);
    expect(() => psi(baseline, new Float64Array(0))).toThrow(RangeError);
  });

  it('bands at 0.1 and 0.25', () => {
    expect([0.0999, 0.1, 0.25, 0.2501].map(psiBand)).toEqual(['stable', 'shifting', 'shifting', 'major']);
  });
});

describe('psiFromQuantiles', () => {
  const quantiles = Array.from({ length: 101 }, (_, k) => k);

  it('takes the stored deciles as edges, 10% of the baseline each', () => {
    // edges 10, 20, …, 90; current 5, 10 (inclusive) → bin 0; 10.5 → bin 1; 95, 100 → bin 9; NaN left out
    // A over 5 present values: 0.4, 0.2, 0 × 7 (→ ε), 0.4; E = 0.1 each
    const r = psiFromQuantiles(quantiles, Float64Array.from([5, 10, 10.5, 95, 100, NaN]));
    const e = PSI_EPSILON;
    const expected = 2 * (0.4 - 0.1) * ln(4) + (0.2 - 0.1) * ln(2) + 7 * (e - 0.1) * ln(e / 0.1);
    expect(r.psi).toBeCloseTo(expected, 13);
    expect(r.edges).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90]);
    expect(r.bins.map((b) => b.expected)).toEqual(Array(10).fill(0.1));
  });

  it('merges repeated deciles and their 10% slices', () => {
    // 20th..30th percentiles all 20: deciles 10, 20, 20, 40, … → edges 10, 20, 40, …, 90; bin (10, 20] holds 20% of the baseline
    const q = quantiles.map((v, k) => (k >= 20 && k <= 30 ? 20 : v));
    const r = psiFromQuantiles(q, Float64Array.from([15, 20, 35]));
    expect(r.edges).toEqual([10, 20, 40, 50, 60, 70, 80, 90]);
    const shares = r.bins.map((b) => b.expected);
    expect(shares[1]).toBeCloseTo(0.2, 15);
    expect(shares.reduce((a, b) => a + b)).toBeCloseTo(1, 14);
    // A: bin 1 has 15 and 20 → 2/3, bin 2 (20, 40] has 35 → 1/3
    expect(r.bins.map((b) => b.actualCount)).toEqual([0, 2, 1, 0, 0, 0, 0, 0, 0]);
  });
});
