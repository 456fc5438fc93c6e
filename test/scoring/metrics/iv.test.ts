import { describe, expect, it } from 'vitest';
import { informationValue, ivBand } from '../../../src/scoring/metrics';

const ln = Math.log;

describe('informationValue', () => {
  it('keeps ties together, bins missing apart, and adds 0.5 to zero cells', () => {
    // value: 1 1 1 2 3 3 4 NaN NaN 5
    // event: 1 0 0 1 0 0 1  1   0  0        all events E = 4, non-events N = 6
    // 8 present values, 4 bins: a distinct value with `below` smaller values goes to ⌊below·4/8⌋:
    //   1 (0 below) → 0, 2 (3 below) → 1, 3 (4 below) → 2, 4 (6 below) → 3, 5 (7 below) → 3
    // bin {1,1,1}: 1 event, 2 non → %e 1/4, %n 2/6
    // bin {2}:     1 event, 0 non → 0.5 → %e 1/4, %n 0.5/6
    // bin {3,3}:   0 event → 0.5, 2 non → %e 0.5/4, %n 2/6
    // bin {4,5}:   1, 1 → %e 1/4, %n 1/6;   missing: 1, 1 → same
    const r = informationValue(Float64Array.from([1, 1, 1, 2, 3, 3, 4, NaN, NaN, 5]), Uint8Array.from([1, 0, 0, 1, 0, 0, 1, 1, 0, 0]), 4);
    const shares: [number, number][] = [[1 / 4, 2 / 6], [1 / 4, 0.5 / 6], [0.5 / 4, 2 / 6], [1 / 4, 1 / 6], [1 / 4, 1 / 6]];
    const woe = shares.map(([pe, pn]) => ln(pn / pe));
    const terms = shares.map(([pe, pn], i) => (pn - pe) * woe[i]!);
    expect(r.bins.map((b) => [b.low, b.high, b.missing, b.count, b.events, b.nonEvents])).toEqual([
      [1, 1, false, 3, 1, 2], [2, 2, false, 1, 1, 0], [3, 3, false, 2, 0, 2], [4, 5, false, 2, 1, 1], [NaN, NaN, true, 2, 1, 1],
    ]);
    expect(r.bins.map((b) => b.woe)).toEqual(woe.map((w) => expect.closeTo(w, 14)));
    expect(r.bins.map((b) => b.iv)).toEqual(terms.map((t) => expect.closeTo(t, 14)));
    // = (1/12)·ln(4/3) + (ln 3)/6 + (5/24)·ln(8/3) + 2·(−1/12)·ln(2/3)
    const byHand = ln(4 / 3) / 12 + ln(3) / 6 + (5 / 24) * ln(8 / 3) - (2 / 12) * ln(2 / 3);
    expect(r.iv).toBeCloseTo(byHand, 14);
    expect(r.iv).toBeCloseTo(0.4790, 4); // ≈ 0.02397 + 0.18310 + 0.20434 + 0.06758
    expect(r.band).toBe('strong');
  });

  it('refuses data without both events and non-events', () => {
    expect(() => informationValue(Float64Array.from([1, 2]), Uint8Array.from([0, 0]))).toThrow(RangeError);
  });

  it('bands at 0.02, 0.1, 0.3 and 0.5', () => {
    expect([0.0199, 0.02, 0.0999, 0.1, 0.2999, 0.3, 0.5, 0.5001].map(ivBand)).toEqual([
      'useless', 'weak', 'weak', 'medium', 'medium', 'strong', 'strong', 'suspicious',
    ]);
  });
});
