import { describe, expect, it } from 'vitest';
import { assignSegments, DEFAULT_SEGMENT_THRESHOLDS, SEGMENTS } from '../../src/scoring/segments';

const f64 = (v: number[]) => Float64Array.from(v);
const id = (k: number) => SEGMENTS[k]!.id;
const bits = (mask: number) => SEGMENTS.filter((_, k) => (mask & (1 << k)) !== 0).map((s) => s.id);

describe('SEGMENTS', () => {
  it('has the five DOMAIN.md segments and other last, each with both languages', () => {
    expect(SEGMENTS.map((s) => s.id)).toEqual(['high-need-high-credit', 'multi-channel', 'expanding', 'risk-edge', 'maturing', 'other']);
    for (const s of SEGMENTS) for (const t of [s.strategy, s.campaign, s.signature]) expect(t.zh && t.en).toBeTruthy();
  });
});

describe('assignSegments', () => {
  it('each rule on its own (worked by hand, default thresholds)', () => {
    // balances 1..8 → the .75 quantile: h = 7·.75 = 5.25 → 6 + .25·(7 − 6) = 6.25; rows with 7 and 8 are large
    const r = assignSegments(8, {
      maxOverdueDays: f64([31, 30, 0, 0, 0, 0, 0, 0]), // row 0: 31 > 30 → risk edge; row 1: 30 is not
      lateInstallments: f64([0, 0, 3, 0, 0, 0, 0, 0]), // row 2: 3 ≥ 3 → risk edge
      onTimeRatio: f64([1, 1, 1, 0.79, 1, 1, 1, NaN]), // row 3: .79 < .8 → risk edge; NaN never matches
      maturing90d: f64([0, 0, 0, 0, 5e5, 0, 0, 0]), // row 4 → maturing
      otherBanks: f64([0, 0, 0, 0, 0, 2, 0, 0]),
      utilisation: f64([0, 0, 0, 0, 0, 0.7, 0.9, 0]), // row 5: 2 banks and .7 → multi-channel; row 6 only .9 → not
      balanceGrowth: f64([0, 0, 0, 0, 0, 0, 0.2, 0]), // row 6 → expanding
      totalBalance: f64([1, 2, 3, 4, 5, 6, 7, 8]), // rows 6 and 7 large; row 7 clean (overdue 0 known) → high need
    });
    expect(Array.from(r.primary, id)).toEqual(['risk-edge', 'other', 'risk-edge', 'risk-edge', 'maturing', 'multi-channel', 'expanding', 'high-need-high-credit']);
    // row 6 also matches high need (large, clean)
    expect(bits(r.mask[6]!)).toEqual(['high-need-high-credit', 'expanding']);
    expect(bits(r.mask[1]!)).toEqual(['other']);
  });

  it('priority: risk edge > maturing > multi-channel > expanding > high need', () => {
    const all = { maxOverdueDays: f64([40, 0, 0, 0]), maturing90d: f64([1, 1, 0, 0]), otherBanks: f64([3, 3, 3, 0]), utilisation: f64([1, 1, 1, 0]), balanceGrowth: f64([1, 1, 1, 1]), totalBalance: f64([9, 9, 9, 9]) };
    const r = assignSegments(4, all);
    expect(Array.from(r.primary, id)).toEqual(['risk-edge', 'maturing', 'multi-channel', 'expanding']);
    // the risky row is never high need (not clean); the others are (9 ≥ the quantile 9)
    expect(bits(r.mask[0]!)).toEqual(['multi-channel', 'expanding', 'risk-edge', 'maturing']);
    expect(bits(r.mask[3]!)).toEqual(['high-need-high-credit', 'expanding']);
  });

  it('absent inputs never match: no repayment input → nobody is high need; thresholds can be overridden', () => {
    const r = assignSegments(2, { totalBalance: f64([1, 100]) });
    expect(Array.from(r.primary, id)).toEqual(['other', 'other']);
    const t = assignSegments(2, { balanceGrowth: f64([0.1, 0.05]) }, { growth: 0.1 });
    expect(Array.from(t.primary, id)).toEqual(['expanding', 'other']);
    expect(DEFAULT_SEGMENT_THRESHOLDS).toMatchObject({ overdueDays: 30, lateInstallments: 3, onTimeRatio: 0.8, maturingDays: 90, otherBanks: 2, utilisation: 0.7, growth: 0.2, balanceQuantile: 0.75 });
    expect(() => assignSegments(3, { totalBalance: f64([1]) })).toThrow(/totalBalance has 1 rows/);
  });
});
