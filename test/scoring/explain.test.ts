import { describe, expect, it } from 'vitest';
import { explainRow } from '../../src/scoring/explain';
import type { NormalisedMatrix } from '../../src/scoring/normalise';
import { percentileOf, sortedPresent } from '../../src/scoring/percentiles';
import { scoreInto } from '../../src/scoring/score';
import { assignTiers, idRanks, rankOrder } from '../../src/scoring/tiers';

describe('explainRow', () => {
  // need = (1, .2, .6), repay = (.5, 1, 0); weights .6 / .4
  // scores: 100·(.6·1 + .4·.5) = 80;  100·(.12 + .4) = 52;  100·(.36 + 0) = 36
  const m: NormalisedMatrix = { rows: 3, columns: ['need', 'repay'], values: [Float64Array.from([1, 0.2, 0.6]), Float64Array.from([0.5, 1, 0])] };
  const w = Float64Array.from([0.6, 0.4]);
  const score = scoreInto(m, w);
  const ranks = idRanks(['a', 'b', 'c']);

  it('contributions largest first, rank, reason and the relevant cut (worked by hand)', () => {
    // cut-offs 70 / 50: row 0 strategic (80), row 1 growth (52), row 2 general (36) → cuts [80, 52]
    const tiering = assignTiers(score, ranks, { mode: 'cutoff', strategic: 70, growth: 50 });
    const order = Array.from(rankOrder(score, ranks));
    const e1 = explainRow(m, w, score, tiering, 1, order.indexOf(1) + 1);
    expect(e1.tier).toBe(1);
    expect(e1.reason).toBe('above-growth-cutoff');
    expect(e1.rank).toBe(2);
    expect(e1.score).toBeCloseTo(52, 10);
    expect(e1.cut).toBeCloseTo(52, 10); // the growth tier's lowest score
    // row 1: repay 100·.4·1 = 40 points, need 100·.6·.2 = 12 points
    expect(e1.top.map((t) => t.column)).toEqual(['repay', 'need']);
    expect(e1.top[0]!.points).toBeCloseTo(40, 10);
    expect(e1.top[1]).toMatchObject({ column: 'need', value: 0.2 });
    expect(e1.top[1]!.points).toBeCloseTo(12, 10);
    expect(explainRow(m, w, score, tiering, 0, 1).cut).toBeCloseTo(80, 10);
    expect(explainRow(m, w, score, tiering, 2, 3).cut).toBeCloseTo(52, 10); // the growth cut it missed
  });

  it('an overridden row is explained against the strategic cut', () => {
    // row 0 barred: strategic quota 1 → row 1 (52) is strategic, row 0 falls to growth with the override
    const tiering = assignTiers(score, ranks, { mode: 'quota', strategic: { count: 1 }, growth: { count: 1 } }, { badClass: Uint8Array.from([1, 0, 0]) });
    const e0 = explainRow(m, w, score, tiering, 0, 1);
    expect(e0).toMatchObject({ tier: 1, reason: 'override-class' });
    expect(e0.cut).toBeCloseTo(52, 10);
  });
});

describe('percentileOf', () => {
  it('mid-rank percentiles (worked by hand)', () => {
    // present 1, 2, 2, 3 (n = 4): 2 → average rank 2.5 → 100·1.5/3 = 50; 1 → 0; 3 → 100
    // 2.5 is not present: 3 values below → 100·(3 − .5)/3 = 83.33; 0 → clamped to 0
    const sorted = sortedPresent(Float64Array.from([3, NaN, 2, 1, 2]));
    expect(Array.from(sorted)).toEqual([1, 2, 2, 3]);
    expect(percentileOf(sorted, 2)).toBe(50);
    expect(percentileOf(sorted, 1)).toBe(0);
    expect(percentileOf(sorted, 3)).toBe(100);
    expect(percentileOf(sorted, 2.5)).toBeCloseTo(250 / 3, 10);
    expect(percentileOf(sorted, 0)).toBe(0);
    expect(percentileOf(sorted, 99)).toBe(100);
    expect(percentileOf(sorted, NaN)).toBeNaN();
    expect(percentileOf(new Float64Array(0), 1)).toBeNaN();
    expect(percentileOf(Float64Array.from([7]), 7)).toBe(50);
  });
});
