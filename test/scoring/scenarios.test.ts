import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../src/scoring/model-spec';
import { compareScenarios, migrationRows, scenarioInputs, type ScenarioSet } from '../../src/scoring/scenarios';
import { Screen, screenParams, type ScreenData } from '../../src/scoring/screen';
import type { IndicatorSpec } from '../../src/scoring/types';
import { rng } from './random';

const indicator = (column: string): IndicatorSpec => ({ column, label: column, dimension: '', winsor: null, direction: 'benefit', transform: 'none', scaling: 'minmax', missing: 'median' });
const SPEC: ModelSpec = {
  matrix: 'indicator_matrix',
  indicators: [indicator('a'), indicator('b')],
  weights: 'weights',
  tiers: { mode: 'quota', strategic: 'strategic_pct', growth: 'growth_pct' },
  overrides: {},
};

/**
 * Ten customers C00..C09 (ids in row order). Indicator a falls 9..0, b is shuffled; min-max
 * scaling makes score = 100·a/9 under A (all weight on a) and 100·b/9 under B (all on b).
 * Quotas: strategic 20% = 2 rows, growth 30% = 3 rows.
 *   A ranks C00 C01 | C02 C03 C04 | C05..C09
 *   B ranks by b = [5,9,8,0,7,1,6,2,3,4]: C01 C02 | C04 C06 C00 | C09 C08 C07 C05 C03
 */
const B_VALUES = [5, 9, 8, 0, 7, 1, 6, 2, 3, 4];
const TINY: ScreenData = {
  rows: 10,
  ids: Array.from({ length: 10 }, (_, i) => `C0${i}`),
  numbers: new Map([
    ['a', Float64Array.from({ length: 10 }, (_, i) => 9 - i)],
    ['b', Float64Array.from(B_VALUES)],
  ]),
  text: {},
};
const inputs = (a: number, b: number) => new Map<string, unknown>([['weights', { a, b }], ['strategic_pct', 20], ['growth_pct', 30]]);
const SETS: ScenarioSet[] = [
  { name: 'A', inputs: inputs(1, 0) },
  { name: 'B', inputs: inputs(0, 1) },
];
// events C01, C02, C06; C09's outcome unknown (and it is an event row, which must not count)
const OUTCOME = { event: Uint8Array.from([0, 1, 1, 0, 0, 0, 1, 0, 0, 1]), known: Uint8Array.from([1, 1, 1, 1, 1, 1, 1, 1, 1, 0]) };

describe('compareScenarios on a hand-worked case', () => {
  const screen = new Screen(TINY, SPEC);
  const result = compareScenarios(screen, SPEC, SETS, OUTCOME);
  const [a, b] = result.scenarios;

  it('gives each scenario its tier counts and strategic list in rank order', () => {
    expect(result.skipped).toEqual([]);
    expect(a!.counts).toEqual([2, 3, 5]);
    expect(b!.counts).toEqual([2, 3, 5]);
    expect(a!.strategicIds).toEqual(['C00', 'C01']);
    expect(b!.strategicIds).toEqual(['C01', 'C02']);
    expect(a!.params.weights).toEqual({ a: 100, b: 0 });
  });

  it('keeps copies: the first scenario is not overwritten by the second run', () => {
    // A's scores are 100·(9 − i)/9 whatever ran after it
    Array.from(a!.score).forEach((s, i) => expect(s).toBeCloseTo((100 * (9 - i)) / 9, 9));
    expect(Array.from(a!.tier)).toEqual([0, 0, 1, 1, 1, 2, 2, 2, 2, 2]);
    expect(Array.from(b!.tier)).toEqual([1, 0, 0, 2, 1, 2, 1, 2, 2, 2]);
  });

  it('counts the migration matrix and the overlaps', () => {
    expect(result.pairs).toHaveLength(1);
    const pair = result.pairs[0]!;
    // C00 S→G, C01 S→S, C02 G→S, C03 G→Gen, C04 G→G, C06 Gen→G, C05 C07 C08 C09 Gen→Gen
    expect(Array.from(pair.migration)).toEqual([1, 1, 0, 1, 1, 1, 0, 1, 4]);
    // strategic {C00,C01} vs {C01,C02}: 1 in both, union 3
    expect(pair.strategic).toEqual({ a: 2, b: 2, both: 1, jaccard: 1 / 3 });
    // strategic+growth {C00..C04} vs {C01,C02,C04,C06,C00}: 4 in both, union 6
    expect(pair.strategicGrowth.both).toBe(4);
    expect(pair.strategicGrowth.jaccard).toBeCloseTo(4 / 6, 12);
  });

  it('lists who moved in one cell, highest under B first', () => {
    const idRank = screen.idRank;
    expect(Array.from(migrationRows(a!, b!, 1, 0, idRank))).toEqual([2]); // C02 growth → strategic
    expect(Array.from(migrationRows(a!, b!, 2, 2, idRank)).map((i) => TINY.ids[i])).toEqual(['C09', 'C08', 'C07', 'C05']);
  });

  it('measures each scenario on the known rows only', () => {
    // 9 known rows, 3 events (C01 C02 C06), 6 non-events
    const ma = a!.metrics!;
    expect(ma.known).toBe(9);
    expect(ma.events).toBe(3);
    expect(ma.overallRate).toBeCloseTo(1 / 3, 12);
    // A: event scores ∝ 8, 7, 3; non-events ∝ 9, 6, 5, 4, 2, 1. Wins: 8 → 5, 7 → 5, 3 → 2: 12 / 18
    expect(ma.auc).toBeCloseTo(12 / 18, 12);
    expect(ma.gini).toBeCloseTo(1 / 3, 12);
    // from the top: 9(n) 1/6, 8(e) 1/3−1/6, 7(e) 2/3−1/6 = 1/2 (largest), 6(n) 2/3−2/6 ...
    expect(ma.ks).toBeCloseTo(1 / 2, 12);
    // strategic C00 C01: 1 of 2 → rate 1/2, lift (1/2)/(1/3) = 1.5; general C05..C08: 1 (C06) of 4
    expect(ma.tiers.map((t) => [t.count, t.events])).toEqual([[2, 1], [3, 1], [4, 1]]);
    expect(ma.strategicLift).toBeCloseTo(1.5, 12);
    // 9 rows in 10 groups: the top group is the single top row, C00, a non-event
    expect(ma.topDecileCapture).toBe(0);

    const mb = b!.metrics!;
    // B: events ∝ 9, 8, 6; non-events ∝ 5, 0, 7, 1, 2, 3. Wins: 9 → 6, 8 → 6, 6 → 5: 17 / 18
    expect(mb.auc).toBeCloseTo(17 / 18, 12);
    expect(mb.gini).toBeCloseTo(16 / 18, 12);
    // 9(e) 1/3, 8(e) 2/3, 7(n) 2/3−1/6, 6(e) 1−1/6 = 5/6 (largest)
    expect(mb.ks).toBeCloseTo(5 / 6, 12);
    expect(mb.tiers.map((t) => [t.count, t.events])).toEqual([[2, 2], [3, 1], [4, 0]]);
    expect(mb.strategicLift).toBeCloseTo(3, 12);
    expect(mb.topDecileCapture).toBeCloseTo(1 / 3, 12); // C01, an event
  });

  it('skips a set whose inputs are missing, and has no metrics without outcomes', () => {
    const r = compareScenarios(screen, SPEC, [{ name: 'broken', inputs: new Map([['weights', { a: 1 }]]) }, SETS[0]!]);
    expect(r.skipped).toEqual([{ name: 'broken', reason: 'a tier input is missing' }]);
    expect(r.scenarios.map((s) => s.name)).toEqual(['A']);
    expect(r.scenarios[0]!.metrics).toBeNull();
    expect(r.pairs).toEqual([]);
  });
});

describe('scenarioInputs', () => {
  it('turns a saved set (weights in percent) into the inputs screenParams reads (fractions)', () => {
    const current = new Map<string, unknown>([['weights', { a: 0.5, b: 0.5 }], ['strategic_pct', 20], ['growth_pct', 30]]);
    const set = { weights: { a: 70, b: 30 }, strategic_pct: 10 };
    const params = screenParams(SPEC, scenarioInputs(SPEC, current, set));
    expect(params).toEqual({ weights: { a: 70, b: 30 }, tiers: { mode: 'quota', strategic: { percent: 10 }, growth: { percent: 30 } } });
    // the current inputs are left alone
    expect(current.get('weights')).toEqual({ a: 0.5, b: 0.5 });
  });
});

describe('compareScenarios against an independent recomputation', () => {
  // 400 customers, three scenarios, values with ties (rounded), a fifth of outcomes unknown
  const random = rng(20261129);
  const n = 400;
  const data: ScreenData = {
    rows: n,
    ids: Array.from({ length: n }, (_, i) => `K${String((i * 7919) % 1000).padStart(4, '0')}`),
    numbers: new Map([
      ['a', Float64Array.from({ length: n }, () => Math.round(random() * 20))],
      ['b', Float64Array.from({ length: n }, () => Math.round(random() * 50))],
    ]),
    text: {},
  };
  const event = Uint8Array.from({ length: n }, (_, i) => (random() < 0.15 + 0.02 * data.numbers.get('a')![i]! ? 1 : 0));
  const known = Uint8Array.from({ length: n }, () => (random() < 0.8 ? 1 : 0));
  const sets: ScenarioSet[] = [
    { name: 'x', inputs: inputs(0.7, 0.3) },
    { name: 'y', inputs: inputs(0.2, 0.8) },
    { name: 'z', inputs: new Map<string, unknown>([['weights', { a: 0.5, b: 0.5 }], ['strategic_pct', 5], ['growth_pct', 40]]) },
  ];
  const result = compareScenarios(new Screen(data, SPEC), SPEC, sets, { event, known });

  /** Each scenario on a fresh screen of its own: tiers and scores no other run can have touched. */
  const fresh = sets.map((s) => {
    const state = new Screen(data, SPEC).update(screenParams(SPEC, s.inputs) as Exclude<ReturnType<typeof screenParams>, string>);
    return { score: Array.from(state.score), tier: Array.from(state.tiering.tier) };
  });

  it('has the same tiers and scores as separate runs', () => {
    result.scenarios.forEach((s, k) => {
      expect(Array.from(s.tier)).toEqual(fresh[k]!.tier);
      expect(Array.from(s.score)).toEqual(fresh[k]!.score);
      expect(s.counts).toEqual([0, 1, 2].map((t) => fresh[k]!.tier.filter((x) => x === t).length));
    });
  });

  it('has pairwise matrices and overlaps equal to plain counting', () => {
    expect(result.pairs.map((p) => [p.a, p.b])).toEqual([[0, 1], [0, 2], [1, 2]]);
    for (const pair of result.pairs) {
      const ta = fresh[pair.a]!.tier, tb = fresh[pair.b]!.tier;
      for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) expect(pair.migration[3 * r + c]).toBe(ta.filter((t, i) => t === r && tb[i] === c).length);
      const setOf = (t: number[], max: number) => new Set(t.flatMap((x, i) => (x <= max ? [data.ids[i]!] : [])));
      for (const [max, o] of [[0, pair.strategic], [1, pair.strategicGrowth]] as const) {
        const A = setOf(ta, max), B = setOf(tb, max);
        const both = [...A].filter((id) => B.has(id)).length;
        expect(o.both).toBe(both);
        expect(o.jaccard).toBeCloseTo(both / new Set([...A, ...B]).size, 12);
      }
    }
  });

  it('has the strategic list sorted by score, then id', () => {
    result.scenarios.forEach((s, k) => {
      const expected = fresh[k]!.tier
        .flatMap((t, i) => (t === 0 ? [i] : []))
        .sort((x, y) => fresh[k]!.score[y]! - fresh[k]!.score[x]! || (data.ids[x]! < data.ids[y]! ? -1 : 1))
        .map((i) => data.ids[i]);
      expect(s.strategicIds).toEqual(expected);
    });
  });

  it('has AUC by pair counting, KS by brute force over thresholds, conversion by plain counting', () => {
    result.scenarios.forEach((s, k) => {
      const rows = fresh[k]!.score.flatMap((_, i) => (known[i] ? [i] : []));
      const pos = rows.filter((i) => event[i]).map((i) => fresh[k]!.score[i]!);
      const neg = rows.filter((i) => !event[i]).map((i) => fresh[k]!.score[i]!);
      let wins = 0;
      for (const p of pos) for (const q of neg) wins += p > q ? 1 : p === q ? 0.5 : 0;
      const auc = wins / (pos.length * neg.length);
      const m = s.metrics!;
      expect(m.auc).toBeCloseTo(auc, 12);
      expect(m.gini).toBeCloseTo(2 * auc - 1, 12);
      let best = 0;
      for (const t of new Set([...pos, ...neg])) best = Math.max(best, Math.abs(pos.filter((v) => v >= t).length / pos.length - neg.filter((v) => v >= t).length / neg.length));
      expect(m.ks).toBeCloseTo(best, 12);
      const strat = rows.filter((i) => fresh[k]!.tier[i] === 0);
      const rate = strat.filter((i) => event[i]).length / strat.length;
      expect(m.strategicLift).toBeCloseTo(rate / (pos.length / rows.length), 12);
      // top 10% of the known rows by score (ties by id): ceil-first sizes, so the top group has ceil(n/10) rows
      const top = [...rows].sort((x, y) => fresh[k]!.score[y]! - fresh[k]!.score[x]! || (data.ids[x]! < data.ids[y]! ? -1 : 1)).slice(0, Math.ceil(rows.length / 10));
      expect(m.topDecileCapture).toBeCloseTo(top.filter((i) => event[i]).length / pos.length, 12);
    });
  });
});
