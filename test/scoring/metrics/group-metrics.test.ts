import { describe, expect, it } from 'vitest';
import { calibration, conversionByTier } from '../../../src/scoring/metrics';

describe('conversionByTier', () => {
  it('gives count, rate and share of events per tier, by hand', () => {
    // tier:  0 0 1 1 1 2 2 2 2 3   (tier 3 is outside tiers = 3: left out)
    // event: 1 1 1 0 0 1 0 0 0 1
    // tier 0: 2 rows, 2 events → rate 1;   tier 1: 3 rows, 1 event → 1/3;   tier 2: 4 rows, 1 event → 1/4
    // events in tiers 0..2: 4 → shares 2/4, 1/4, 1/4
    const rows = conversionByTier(Uint8Array.from([0, 0, 1, 1, 1, 2, 2, 2, 2, 3]), Uint8Array.from([1, 1, 1, 0, 0, 1, 0, 0, 0, 1]));
    expect(rows).toEqual([
      { tier: 0, count: 2, events: 2, rate: 1, share: 0.5 },
      { tier: 1, count: 3, events: 1, rate: 1 / 3, share: 0.25 },
      { tier: 2, count: 4, events: 1, rate: 0.25, share: 0.25 },
    ]);
  });
});

describe('calibration', () => {
  it('compares mean predicted probability with the event rate per group', () => {
    // row:   0    1    2    3    4    5
    // p:    0.2  0.4  NaN  0.9  0.7  0.5
    // event: 0    1    1    1    0    1
    // group: 0    0    0    1    1    9 (outside groups = 3)
    // g0: rows 0, 1 (row 2 has no probability) → predicted (0.2 + 0.4)/2 = 0.3, actual 1/2
    // g1: rows 3, 4 → predicted 0.8, actual 1/2;  g2: empty → NaN
    const rows = calibration(
      Float64Array.from([0.2, 0.4, NaN, 0.9, 0.7, 0.5]),
      Uint8Array.from([0, 1, 1, 1, 0, 1]),
      Uint8Array.from([0, 0, 0, 1, 1, 9]),
      3,
    );
    expect(rows.map((r) => r.count)).toEqual([2, 2, 0]);
    expect(rows[0]!.predicted).toBeCloseTo(0.3, 15);
    expect(rows[1]!.predicted).toBeCloseTo(0.8, 15);
    expect(rows.map((r) => r.actual).slice(0, 2)).toEqual([0.5, 0.5]);
    expect(rows[2]!.predicted).toBeNaN();
    expect(rows[2]!.actual).toBeNaN();
  });
});
