import { describe, expect, it } from 'vitest';
import { NO_GROUP, decileOf, ks, liftTable, roc } from '../../../src/scoring/metrics';

/**
 * Hand-worked ROC/AUC, KS, deciles and lift. The ROC/KS example has a tie at 0.8 holding one
 * event and two non-events, so a row-by-row walk (instead of one step per distinct value) would
 * give a different curve and a different KS.
 */

// score 0.9 0.8 0.8 0.8 0.7 0.6 NaN
// event   1   1   0   0   1   0   1
const score = Float64Array.from([0.9, 0.8, 0.8, 0.8, 0.7, 0.6, NaN]);
const event = Uint8Array.from([1, 1, 0, 0, 1, 0, 1]);

describe('roc', () => {
  it('counts ties as ½ (Mann–Whitney) and excludes NaN scores', () => {
    // events 0.9, 0.8, 0.7 against non-events 0.8, 0.8, 0.6 (9 pairs):
    //   0.9 beats all three → 3; 0.8 ties two (½ + ½) and beats 0.6 → 2; 0.7 beats only 0.6 → 1
    //   AUC = 6/9 = 2/3, Gini = 2·2/3 − 1 = 1/3
    const r = roc(score, event);
    expect(r.auc).toBeCloseTo(2 / 3, 15);
    expect(r.gini).toBeCloseTo(1 / 3, 15);
    expect([r.events, r.nonEvents, r.excluded]).toEqual([3, 3, 1]);
    // one point per distinct score, from (0,0): ≥0.9 → 1 event; ≥0.8 → 2 events, 2 non-events; ≥0.7 → 3, 2; ≥0.6 → 3, 3
    expect([...r.thresholds]).toEqual([0.9, 0.8, 0.7, 0.6]);
    expect([...r.tpr]).toEqual([0, 1 / 3, 2 / 3, 1, 1]);
    expect([...r.fpr]).toEqual([0, 0, 2 / 3, 2 / 3, 1]);
  });

  it('is NaN without both classes', () => {
    expect(roc(Float64Array.from([1, 2]), Uint8Array.from([1, 1])).auc).toBeNaN();
  });

  it('refuses arrays of different lengths', () => {
    expect(() => roc(Float64Array.from([1, 2]), Uint8Array.from([1]))).toThrow(RangeError);
  });
});

describe('ks', () => {
  it('is taken at distinct values, each tie whole', () => {
    // ascending t:        0.6  0.7  0.8  0.9
    // F_event(≤t):          0  1/3  2/3    1
    // F_nonevent(≤t):     1/3  1/3    1    1
    // |difference|:       1/3    0  1/3    0   → KS = 1/3, first reached at 0.6
    // (row by row, the two non-events at 0.8 before the event would give |1 − 1/3| = 2/3)
    const r = ks(score, event);
    expect(r.ks).toBeCloseTo(1 / 3, 15);
    expect(r.threshold).toBe(0.6);
    expect([...r.thresholds]).toEqual([0.6, 0.7, 0.8, 0.9]);
    expect([...r.eventCdf]).toEqual([0, 1 / 3, 2 / 3, 1]);
    expect([...r.nonEventCdf]).toEqual([1 / 3, 1 / 3, 1, 1]);
  });
});

describe('decileOf and liftTable', () => {
  // row:     0  1  2  3  4  5  6  7
  // score:   2  4  5  4  1  3  2  NaN
  // idRank:  5  3  0  1  6  2  4  7
  // event:   1  0  1  1  0  0  0  1
  // sorted (score desc, idRank asc): r2(5) r3(4) r1(4) r5(3) r6(2) r0(2) r4(1); NaN row excluded
  // 7 rows in 3 groups: sizes 3, 2, 2 → g0 = r2 r3 r1, g1 = r5 r6, g2 = r0 r4
  // (the tie at 2 is split by idRank: r6 (rank 4) before r0 (rank 5))
  const s = Float64Array.from([2, 4, 5, 4, 1, 3, 2, NaN]);
  const idRank = Uint32Array.from([5, 3, 0, 1, 6, 2, 4, 7]);
  const e = Uint8Array.from([1, 0, 1, 1, 0, 0, 0, 1]);

  it('groups rows by score descending, ties by idRank, first groups larger', () => {
    expect([...decileOf(s, idRank, 3)]).toEqual([2, 0, 0, 0, 2, 1, 1, NO_GROUP]);
  });

  it('computes rates, lifts and capture by hand', () => {
    // overall rate 3/7; g0: 2 of 3; g1: 0 of 2; g2: 1 of 2
    const rows = liftTable(s, e, idRank, 3);
    const overall = 3 / 7;
    const expected = [
      { group: 0, count: 3, events: 2, rate: 2 / 3, cumCount: 3, cumEvents: 2, cumRate: 2 / 3, capture: 2 / 3, lift: 2 / 3 / overall, cumLift: 2 / 3 / overall, minScore: 4, maxScore: 5 },
      { group: 1, count: 2, events: 0, rate: 0, cumCount: 5, cumEvents: 2, cumRate: 2 / 5, capture: 2 / 3, lift: 0, cumLift: 2 / 5 / overall, minScore: 2, maxScore: 3 },
      { group: 2, count: 2, events: 1, rate: 1 / 2, cumCount: 7, cumEvents: 3, cumRate: 3 / 7, capture: 1, lift: 1 / 2 / overall, cumLift: 1, minScore: 1, maxScore: 2 },
    ];
    expect(rows).toHaveLength(3);
    rows.forEach((row, g) => {
      for (const [key, value] of Object.entries(expected[g]!)) expect(row[key as keyof typeof row]).toBeCloseTo(value, 14);
    });
    // the worked numbers: lift of the top group 14/9, cumulative lift of the top two 14/15
    expect(rows[0]!.lift).toBeCloseTo(14 / 9, 14);
    expect(rows[1]!.cumLift).toBeCloseTo(14 / 15, 14);
  });

  it('leaves groups empty when there are fewer rows than groups', () => {
    const rows = liftTable(Float64Array.from([3, 1]), Uint8Array.from([1, 0]), Uint32Array.from([0, 1]), 3);
    expect(rows.map((r) => r.count)).toEqual([1, 1, 0]);
    expect(rows[2]!.rate).toBeNaN();
    expect(rows[2]!.capture).toBe(1);
  });

  it('refuses a group count that does not fit a Uint8 code', () => {
    expect(() => decileOf(s, idRank, 0)).toThrow(RangeError);
    expect(() => decileOf(s, idRank, 255)).toThrow(RangeError);
  });
});
