import { describe, expect, it } from 'vitest';
import { assignTiers, idRanks, quotaRows, rankOrder, TIER_REASONS, type Eligibility } from '../../src/scoring/tiers';
import type { TierReason, TierRule } from '../../src/scoring/types';
import { permutation, rng } from './random';

const f64 = (v: number[]) => Float64Array.from(v);
const reasons = (r: Uint8Array) => Array.from(r, (k) => TIER_REASONS[k]!);

describe('idRanks', () => {
  it('ranks ids in ascending string order, duplicates by row', () => {
    // sorted: "a"(row 1), "a"(row 3), "b"(row 2), "c"(row 0) → ranks 3, 0, 2, 1
    expect(Array.from(idRanks(['c', 'a', 'b', 'a']))).toEqual([3, 0, 2, 1]);
    // code-unit order, not numeric: "C10" < "C9"
    expect(Array.from(idRanks(['C9', 'C10']))).toEqual([1, 0]);
  });
});

describe('TIER_REASONS', () => {
  it('lists every reason once, in the order of the TierReason union', () => {
    const all: TierReason[] = ['above-strategic-cutoff', 'within-strategic-quota', 'above-growth-cutoff', 'within-growth-quota', 'below-growth', 'override-overdue', 'override-class'];
    expect(TIER_REASONS).toEqual(all);
  });
});

describe('assignTiers, cut-off mode', () => {
  it('cut-offs are inclusive; an overdue customer falls to growth (worked by hand)', () => {
    // cuts 80 / 50; row 4 (85) is 45 days overdue > 30:
    // 90 → strategic; 80 → strategic (= cut); 60 → growth; 40 → general; 85 → growth, override-overdue
    const t = assignTiers(f64([90, 80, 60, 40, 85]), idRanks(['a', 'b', 'c', 'd', 'e']), { mode: 'cutoff', strategic: 80, growth: 50 }, { overdueDays: f64([0, 0, 0, NaN, 45]), maxOverdueDays: 30 });
    expect(Array.from(t.tier)).toEqual([0, 0, 1, 2, 1]);
    expect(reasons(t.reason)).toEqual(['above-strategic-cutoff', 'above-strategic-cutoff', 'above-growth-cutoff', 'below-growth', 'override-overdue']);
    expect(t.counts).toEqual([2, 2, 1]);
    expect(t.cuts).toEqual([80, 60]); // lowest score inside strategic and growth
  });

  it('an overridden customer below the growth cut is general with the override as reason; one below the strategic cut keeps the ordinary reason', () => {
    // cuts 90 / 96 (growth above strategic: an odd rule, but it isolates the fall-through); both rows barred
    // row 0: 95 ≥ 90 but barred, and 95 < 96 → general, override-class; row 1: 20 < 90 → general, below-growth
    const t = assignTiers(f64([95, 20]), idRanks(['a', 'b']), { mode: 'cutoff', strategic: 90, growth: 96 }, { badClass: Uint8Array.from([1, 1]) });
    expect(Array.from(t.tier)).toEqual([2, 2]);
    expect(reasons(t.reason)).toEqual(['override-class', 'below-growth']);
    expect(t.cuts.every(Number.isNaN)).toBe(true);
  });

  it('overdue beyond the maximum comes before a bad class; no maximum → no overdue check', () => {
    const el: Eligibility = { overdueDays: f64([60, 60]), maxOverdueDays: 30, badClass: Uint8Array.from([1, 0]) };
    const rule: TierRule = { mode: 'cutoff', strategic: 50, growth: 10 };
    expect(reasons(assignTiers(f64([70, 70]), idRanks(['a', 'b']), rule, el).reason)).toEqual(['override-overdue', 'override-overdue']);
    const noMax = assignTiers(f64([70, 70]), idRanks(['a', 'b']), rule, { overdueDays: f64([60, 60]) });
    expect(Array.from(noMax.tier)).toEqual([0, 0]);
  });
});

describe('assignTiers, quota mode', () => {
  // scores 50, 70, 70, 90, 70, 10 with ids f, e, d, c, b, a → id ranks 5, 4, 3, 2, 1, 0
  // order: row 3 (90), then the 70s by id: row 4 (b), row 2 (d), row 1 (e), then row 0 (50), row 5 (10)
  const score = f64([50, 70, 70, 90, 70, 10]);
  const ranks = idRanks(['f', 'e', 'd', 'c', 'b', 'a']);
  const quota = (s: number, g: number): TierRule => ({ mode: 'quota', strategic: { count: s }, growth: { count: g } });

  it('top N by score, ties broken by the smaller id (worked by hand)', () => {
    const t = assignTiers(score, ranks, quota(2, 2));
    // strategic rows 3, 4; growth rows 2, 1; general rows 0, 5
    expect(Array.from(t.tier)).toEqual([2, 1, 1, 0, 0, 2]);
    expect(reasons(t.reason)).toEqual(['below-growth', 'within-growth-quota', 'within-growth-quota', 'within-strategic-quota', 'within-strategic-quota', 'below-growth']);
    expect(t.cuts).toEqual([70, 70]);
  });

  it('an ineligible customer skips strategic and competes for growth', () => {
    // row 4 barred: strategic = rows 3, 2 (the next eligible); growth = the next two of the rest in order: rows 4, 1
    const t = assignTiers(score, ranks, quota(2, 2), { badClass: Uint8Array.from([0, 0, 0, 0, 1, 0]) });
    expect(Array.from(t.tier)).toEqual([2, 1, 0, 0, 1, 2]);
    expect(reasons(t.reason)[4]).toBe('override-class');
    expect(reasons(t.reason)[1]).toBe('within-growth-quota');
    // a barred customer ranked below the strategic boundary keeps the ordinary reason (row 5, last)
    const low = assignTiers(score, ranks, quota(2, 2), { badClass: Uint8Array.from([0, 0, 0, 0, 0, 1]) });
    expect(reasons(low.reason)[5]).toBe('below-growth');
  });

  it('quotas larger than available are clamped; percent rounds to whole customers', () => {
    const all = assignTiers(score, ranks, quota(100, 100));
    expect(all.counts).toEqual([6, 0, 0]);
    // 2 of 6 barred, quota 5: strategic = the 4 eligible; the barred rows 3 (1st) and 4 (2nd) are within the first 5
    const barred = assignTiers(score, ranks, quota(5, 1), { badClass: Uint8Array.from([0, 0, 0, 1, 1, 0]) });
    expect(barred.counts).toEqual([4, 1, 1]);
    expect(Array.from(barred.tier)).toEqual([0, 0, 0, 1, 2, 0]);
    expect(reasons(barred.reason)[3]).toBe('override-class');
    expect(reasons(barred.reason)[4]).toBe('override-class');
    // percent: 34% of 6 = 2.04 → 2; 50% → 3
    const pct = assignTiers(score, ranks, { mode: 'quota', strategic: { percent: 34 }, growth: { percent: 50 } });
    expect(pct.counts).toEqual([2, 3, 1]);
    expect(quotaRows({ percent: 25 }, 10)).toBe(3); // 2.5 rounds half up
    expect(quotaRows({ count: -4 }, 10)).toBe(0);
    expect(quotaRows({ percent: NaN }, 10)).toBe(0);
  });

  it('NaN scores rank last', () => {
    const t = assignTiers(f64([NaN, 1, 2]), idRanks(['a', 'b', 'c']), quota(2, 1));
    expect(Array.from(t.tier)).toEqual([1, 0, 0]);
    expect(Array.from(rankOrder(f64([NaN, 1, 2]), idRanks(['a', 'b', 'c'])))).toEqual([2, 1, 0]);
  });

  it('writes into the given arrays', () => {
    const out = { tier: new Uint8Array(6), reason: new Uint8Array(6) };
    const t = assignTiers(score, ranks, quota(1, 1), undefined, out);
    expect(t.tier).toBe(out.tier);
    expect(t.reason).toBe(out.reason);
  });
});

/** The naive reference: sort every row by (score desc, id asc) and walk the list. */
function naiveQuota(score: Float64Array, ids: string[], n: number, m: number, barred: Uint8Array): { tier: number[]; reason: string[] } {
  const order = [...score.keys()].sort((a, b) => score[b]! - score[a]! || (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0));
  const tier = new Array<number>(score.length).fill(2);
  let strategic = 0;
  let lastStrategicPos = -1;
  order.forEach((row, pos) => {
    if (strategic < n && !barred[row]) {
      tier[row] = 0;
      strategic++;
      lastStrategicPos = pos;
    }
  });
  let growth = 0;
  for (const row of order) if (tier[row] !== 0 && growth < m) (tier[row] = 1), growth++;
  const boundary = Math.max(n - 1, lastStrategicPos);
  const reason = new Array<string>(score.length);
  order.forEach((row, pos) => {
    reason[row] = tier[row] === 0 ? 'within-strategic-quota' : barred[row] && pos <= boundary ? 'override-class' : tier[row] === 1 ? 'within-growth-quota' : 'below-growth';
  });
  return { tier, reason };
}

describe('assignTiers, properties', () => {
  it('agrees with a naive full sort on 10,000 rows with many ties', () => {
    const random = rng(7);
    const rows = 10_000;
    const ids = permutation(rows, random).map((k) => `C${String(k).padStart(6, '0')}`);
    const ranks = idRanks(ids);
    for (const [scale, n, m] of [
      [20, 800, 1500], // 21 distinct scores: huge ties at both cuts
      [1000, 50, 3000],
      [0, 100, 100], // every score equal: the ids decide everything
      [50, 9990, 100], // quota near the row count, clamped
    ] as const) {
      const score = Float64Array.from({ length: rows }, () => Math.round(random() * scale));
      const barred = Uint8Array.from({ length: rows }, () => (random() < 0.1 ? 1 : 0));
      const t = assignTiers(score, ranks, { mode: 'quota', strategic: { count: n }, growth: { count: m } }, { badClass: barred });
      const ref = naiveQuota(score, ids, n, m, barred);
      expect(Array.from(t.tier)).toEqual(ref.tier);
      expect(reasons(t.reason)).toEqual(ref.reason);
      const eligible = rows - barred.reduce((a, b) => a + b, 0);
      expect(t.counts[0]).toBe(Math.min(n, eligible));
      expect(t.counts[1]).toBe(Math.min(m, rows - t.counts[0]));
    }
  });

  it('is deterministic under shuffling the rows (quota and cut-off)', () => {
    const random = rng(8);
    const rows = 3000;
    const ids = Array.from({ length: rows }, (_, i) => `K${i}`);
    const score = Float64Array.from({ length: rows }, () => Math.round(random() * 30));
    const overdue = Float64Array.from({ length: rows }, () => (random() < 0.1 ? 60 : 0));
    const rules: TierRule[] = [
      { mode: 'quota', strategic: { percent: 10 }, growth: { percent: 25 } },
      { mode: 'cutoff', strategic: 25, growth: 15 },
    ];
    for (const rule of rules) {
      const base = assignTiers(score, idRanks(ids), rule, { overdueDays: overdue, maxOverdueDays: 30 });
      const p = permutation(rows, random);
      const sIds = p.map((i) => ids[i]!);
      const shuffled = assignTiers(Float64Array.from(p, (i) => score[i]!), idRanks(sIds), rule, { overdueDays: Float64Array.from(p, (i) => overdue[i]!), maxOverdueDays: 30 });
      p.forEach((i, k) => {
        expect(shuffled.tier[k]).toBe(base.tier[i]);
        expect(shuffled.reason[k]).toBe(base.reason[i]);
      });
      expect(shuffled.cuts).toEqual(base.cuts);
    }
  });

  it('rankOrder matches a naive sort, and respects a subset of rows', () => {
    const random = rng(9);
    const ids = permutation(500, random).map(String);
    const score = Float64Array.from({ length: 500 }, () => Math.round(random() * 10));
    const naive = [...score.keys()].sort((a, b) => score[b]! - score[a]! || (ids[a]! < ids[b]! ? -1 : 1));
    expect(Array.from(rankOrder(score, idRanks(ids)))).toEqual(naive);
    const subset = Uint32Array.from([5, 1, 400, 7]);
    expect(Array.from(rankOrder(score, idRanks(ids), subset))).toEqual(naive.filter((r) => [5, 1, 400, 7].includes(r)));
  });

  it('quota mode on 100,000 rows (1,001 distinct scores) takes exactly the first rows of the full rank order', () => {
    // the scale the screening runs at (the speed itself is measured by bench/scoring.ts, not here):
    // thousands of rows share a score, so the boundary bins hold long runs of ties broken by id
    const random = rng(10);
    const rows = 100_000;
    const score = Float64Array.from({ length: rows }, () => Math.round(random() * 1000) / 10);
    const ranks = idRanks(Array.from({ length: rows }, (_, i) => `C${i}`));
    const t = assignTiers(score, ranks, { mode: 'quota', strategic: { percent: 5 }, growth: { percent: 15 } });
    // 5% of 100,000 = 5,000 strategic, then 15,000 growth, in the order of a full sort
    const expected = new Uint8Array(rows).fill(2);
    rankOrder(score, ranks).forEach((row, pos) => {
      if (pos < 5_000) expected[row] = 0;
      else if (pos < 20_000) expected[row] = 1;
    });
    expect(t.counts).toEqual([5_000, 15_000, 80_000]);
    // the first row whose tier differs (−1: none), a readable failure instead of a 100,000-element diff
    expect(t.tier.findIndex((v, i) => v !== expected[i])).toBe(-1);
  });
});
