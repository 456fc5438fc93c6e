import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../src/scoring/model-spec';
import { HISTOGRAM_BINS, Screen, screenParams, type ScreenData, type ScreenParams, type ScreenState } from '../../src/scoring/screen';
import { assignSegments, SEGMENTS } from '../../src/scoring/segments';
import type { IndicatorSpec } from '../../src/scoring/types';
import { permutation, rng } from './random';
import { refFit, refRun, refTiers, type RefColumn, type RefRun, type RefTiers } from './reference-scoring';

/**
 * Screen checked against the independent reference (reference-scoring.ts: plain loops from
 * DOMAIN.md) on eight hand-made customers: three indicators (a skewed amount with a missing value,
 * a cost-type rank with ties, a count whose missing value counts as zero), the library columns the
 * segments and overrides read, and text columns. The data is built so that the cases that matter
 * happen: a barred customer ranks 2nd (overdue 45 > 30), another has a bad class, and two
 * customers with the same indicators tie exactly at the strategic quota.
 */
const ROWS = [
  // id, balance, overdue, other banks, bad class, late, on-time, maturing, utilisation, growth, industry, region, manager
  ['C07', 1.5e6, 0, 3, 0, 0, 1, 0, 0.8, 0.1, '制造业', '华东', '王伟'],
  ['C02', NaN, 0, 0, 0, 0, 1, 2e5, 0.5, 0.3, '批发和零售业', '华东', '李娜'],
  ['C05', 8e5, 45, 4, 0, 4, 0.6, 0, 0.9, -0.2, '制造业', '华南', '王伟'],
  ['C01', 2e7, 0, NaN, 1, 0, 1, 0, 0.3, 0.05, '建筑业', '华北', '张敏'],
  ['C08', 0, 12, 0, 0, 1, 0.9, 0, 0.1, 0, '批发和零售业', '华南', '李娜'],
  ['C03', 3e6, 0, 2, 0, 0, 1, 0, 0.75, 0.25, '制造业', '华北', '张敏'],
  ['C06', 1e5, 0, 1, 0, 0, NaN, 0, 0.2, NaN, '建筑业', '华东', '王伟'],
  ['C04', 3e6, 0, 2, 0, 0, 1, 5e5, 0.75, 0.25, '制造业', '华南', '李娜'],
] as const;
const NUMBER_COLUMNS = ['total_balance', 'max_overdue_days', 'other_banks', 'bad_class', 'late_installments', 'on_time_ratio', 'maturing_90d', 'utilisation', 'balance_growth_12m'] as const;
const TEXT_COLUMNS = ['industry', 'region', 'manager'] as const;

/** The rows in the given order as ScreenData (a shuffle is a permutation of the rows). */
function screenData(order: readonly number[] = ROWS.map((_, i) => i)): ScreenData {
  const rows = order.map((i) => ROWS[i]!);
  return {
    rows: rows.length,
    ids: rows.map((r) => r[0]),
    numbers: new Map(NUMBER_COLUMNS.map((c, k) => [c, Float64Array.from(rows, (r) => r[1 + k] as number)])),
    text: Object.fromEntries(TEXT_COLUMNS.map((c, k) => [c, rows.map((r) => r[1 + NUMBER_COLUMNS.length + k] as string)])),
  };
}

const indicator = (column: string, rest: Pick<IndicatorSpec, 'direction' | 'transform' | 'scaling' | 'missing'>): IndicatorSpec => ({ column, label: column, dimension: '', winsor: null, ...rest });
const SPEC: ModelSpec = {
  matrix: 'indicator_matrix',
  indicators: [
    indicator('total_balance', { direction: 'benefit', transform: 'log1p', scaling: 'minmax', missing: 'median' }),
    indicator('max_overdue_days', { direction: 'cost', transform: 'none', scaling: 'rank', missing: 'median' }),
    indicator('other_banks', { direction: 'benefit', transform: 'none', scaling: 'minmax', missing: 'zero' }),
  ],
  weights: 'weights',
  tiers: { mode: 'quota', strategic: 'strategic_pct', growth: 'growth_pct' },
  overrides: { overdueColumn: 'max_overdue_days', maxOverdueDays: 'overdue_cap', badClassColumn: 'bad_class' },
};

const P1: ScreenParams = { weights: { total_balance: 40, max_overdue_days: 20, other_banks: 40 }, tiers: { mode: 'quota', strategic: { percent: 25 }, growth: { percent: 40 } }, maxOverdueDays: 30 };
// weights summing to 50 (fractions .2/.2/.6), cut-offs, and no overdue cap
const P2: ScreenParams = { weights: { total_balance: 10, max_overdue_days: 10, other_banks: 30 }, tiers: { mode: 'cutoff', strategic: 60, growth: 40 } };

const column = (data: ScreenData, name: string): RefColumn => Array.from(data.numbers.get(name)!);

/** The reference run of the model on `data` (fitted on `fitOn`, by default the data itself). */
function reference(data: ScreenData, params: ScreenParams, fitOn: ScreenData = data): { run: RefRun; tiers: RefTiers } {
  const fits = SPEC.indicators.map((spec) => refFit(spec, column(fitOn, spec.column)));
  const run = refRun(fits, new Map(SPEC.indicators.map((s) => [s.column, column(data, s.column)])), params.weights);
  const overdue = column(data, 'max_overdue_days');
  const badClass = column(data, 'bad_class');
  const barred = overdue.map((d, i) => (params.maxOverdueDays !== undefined && d > params.maxOverdueDays) || badClass[i]! > 0);
  return { run, tiers: refTiers(run.score, data.ids, params.tiers, barred) };
}

/** Every number of a state against the reference, as the views draw them. */
function expectState(screen: Screen, state: ScreenState, params: ScreenParams): void {
  const data = screen.data;
  const { run, tiers } = reference(data, params);
  const n = data.rows;
  for (let i = 0; i < n; i++) expect(state.score[i], data.ids[i]).toBeCloseTo(run.score[i]!, 9);
  expect(Array.from(state.tiering.tier)).toEqual(tiers.tier);
  expect(state.tiering.counts).toEqual(tiers.counts);
  tiers.cuts.forEach((cut, t) => (Number.isNaN(cut) ? expect(state.tiering.cuts[t]).toBeNaN() : expect(state.tiering.cuts[t]).toBeCloseTo(cut, 9)));

  // histogram: 2-point bins per tier; every customer in the bin holding its score; sums to n
  const histogram = new Int32Array(3 * HISTOGRAM_BINS);
  for (let i = 0; i < n; i++) {
    let bin = 0;
    while (bin < HISTOGRAM_BINS - 1 && run.score[i]! >= 2 * (bin + 1)) bin++;
    histogram[tiers.tier[i]! * HISTOGRAM_BINS + bin]!++;
  }
  expect(Array.from(state.histogram)).toEqual(Array.from(histogram));
  expect(state.histogram.reduce((a, b) => a + b, 0)).toBe(n);

  // tiers × segments: the primary segment of assignSegments, counted per reference tier
  const num = (c: string) => data.numbers.get(c);
  const { primary } = assignSegments(n, {
    maxOverdueDays: num('max_overdue_days'),
    lateInstallments: num('late_installments'),
    onTimeRatio: num('on_time_ratio'),
    maturing90d: num('maturing_90d'),
    otherBanks: num('other_banks'),
    utilisation: num('utilisation'),
    balanceGrowth: num('balance_growth_12m'),
    totalBalance: num('total_balance'),
  });
  const bySegment = new Int32Array(3 * SEGMENTS.length);
  for (let i = 0; i < n; i++) bySegment[tiers.tier[i]! * SEGMENTS.length + primary[i]!]!++;
  expect(Array.from(state.tierBySegment)).toEqual(Array.from(bySegment));
  expect(state.tierBySegment.reduce((a, b) => a + b, 0)).toBe(n);

  // balance per tier, an unknown balance counting nothing
  const balance = column(data, 'total_balance');
  const tierBalance = [0, 1, 2].map((t) => balance.reduce((sum, b, i) => (tiers.tier[i] === t && !Number.isNaN(b) ? sum + b : sum), 0));
  expect(state.tierBalance).toEqual(tierBalance);

  // contributions: each row's points sum to its score; per tier, the mean points per indicator
  run.points.forEach((points, i) => expect(points.reduce((a, b) => a + b, 0)).toBeCloseTo(state.score[i]!, 9));
  const byTier = screen.contributionsByTier(state);
  for (let t = 0; t < 3; t++) {
    const members = tiers.tier.flatMap((tier, i) => (tier === t ? [i] : []));
    SPEC.indicators.forEach((_, j) => {
      const mean = members.length ? members.reduce((sum, i) => sum + run.points[i]![j]!, 0) / members.length : 0;
      expect(byTier[t]![j], `tier ${t}, indicator ${j}`).toBeCloseTo(mean, 9);
    });
  }
}

describe('Screen', () => {
  it('the data exercise what they should: a barred customer in the top 2, a tie at the strategic quota, a missing value per rule', () => {
    const { run, tiers } = reference(screenData(), P1);
    const ids = screenData().ids;
    // reference order: C07, C05 (overdue 45), then C03 and C04 with equal scores, C01 (bad class) ...
    expect(tiers.order.slice(0, 5).map((i) => ids[i])).toEqual(['C07', 'C05', 'C03', 'C04', 'C01']);
    expect(run.score[5]).toBe(run.score[7]); // C03 and C04: the same indicators, the same score
    // hence: strategic = C07 and C03 (C05 is skipped, C03 wins the tie by id); growth = C05, C04, C01
    const tierOf = (id: string) => tiers.tier[ids.indexOf(id)];
    expect(['C07', 'C03', 'C05', 'C04', 'C01'].map(tierOf)).toEqual([0, 0, 1, 1, 1]);
    // C02's missing balance gets the median of the seven present normalised balances (the 4th of
    // them ascending: C07's log1p(1.5e6)/log1p(2e7), min-max from log1p(0) = 0); C01's missing bank
    // count counts as 0 banks → 0
    expect(run.normalised[0]![1]).toBeCloseTo(Math.log1p(1.5e6) / Math.log1p(2e7), 12);
    expect(run.normalised[2]![3]).toBe(0);
    // overdue days 0 ×6, 12, 45 → mid-ranks (cost, reversed): 0 → 1 − 2.5/7, 12 → 1 − 6/7, 45 → 0
    expect(run.normalised[1]!.map((v) => Number(v.toFixed(12)))).toEqual([1 - 2.5 / 7, 1 - 2.5 / 7, 0, 1 - 2.5 / 7, 1 - 6 / 7, 1 - 2.5 / 7, 1 - 2.5 / 7, 1 - 2.5 / 7].map((v) => Number(v.toFixed(12))));
  });

  it('scores, tiers, counts, cuts, histogram, tiers × segments, tier balances and contributions match the reference', () => {
    const screen = new Screen(screenData(), SPEC);
    expectState(screen, screen.update(P1), P1);
    // the segments by hand for two customers: C05 is overdue 45 > 30 (risk edge), C04 matures (maturing)
    expect(SEGMENTS[screen.segment[2]!]!.id).toBe('risk-edge');
    expect(SEGMENTS[screen.segment[7]!]!.id).toBe('maturing');
  });

  it('a second update with other weights, cut-offs and no overdue cap is right (the reused buffers are overwritten)', () => {
    const screen = new Screen(screenData(), SPEC);
    const first = screen.update(P1);
    const firstTiers = Array.from(first.tiering.tier);
    const second = screen.update(P2);
    expect(second.score).toBe(first.score); // the documented reuse: the same buffer, now P2's
    expectState(screen, second, P2);
    // P2 changes the outcome (else the test would prove nothing): without the cap C05 may be strategic
    expect(Array.from(second.tiering.tier)).not.toEqual(firstTiers);
    expect(second.tiering.tier[2]).toBe(0);
    // and back: the same numbers as the first time
    expectState(screen, screen.update(P1), P1);
  });

  it('is deterministic under a row shuffle: the same score and tier for every customer id', () => {
    const base = new Screen(screenData(), SPEC).update(P1);
    const byId = new Map(screenData().ids.map((id, i) => [id, { score: base.score[i]!, tier: base.tiering.tier[i]! }]));
    const random = rng(11);
    for (let k = 0; k < 5; k++) {
      const screen = new Screen(screenData(permutation(ROWS.length, random)), SPEC);
      const state = screen.update(P1);
      screen.data.ids.forEach((id, i) => {
        expect(state.tiering.tier[i], id).toBe(byId.get(id)!.tier);
        expect(state.score[i], id).toBeCloseTo(byId.get(id)!.score, 12);
      });
      expectState(screen, state, P1);
    }
  });

  it('stored fitted parameters score new data on the development sample\'s scale (clamped beyond it), not refitted', () => {
    const a = screenData();
    const fittedOnA = new Screen(a, SPEC).fitted;
    // data B: a balance beyond A's maximum (2e7), an overdue beyond A's (45), a bank count beyond A's (4), one missing balance
    const b: ScreenData = {
      rows: 3,
      ids: ['N1', 'N2', 'N3'],
      numbers: new Map([
        ['total_balance', Float64Array.from([5e7, 3e6, NaN])],
        ['max_overdue_days', Float64Array.from([0, 90, 12])],
        ['other_banks', Float64Array.from([9, 2, 0])],
      ]),
      text: {},
    };
    const screen = new Screen(b, SPEC, fittedOnA);
    expect(screen.fitted).toBe(fittedOnA);
    const fits = SPEC.indicators.map((spec) => refFit(spec, column(a, spec.column)));
    const ref = refRun(fits, new Map(SPEC.indicators.map((s) => [s.column, column(b, s.column)])), P1.weights);
    // by hand: N1's balance and banks are beyond A's maxima → 1; N2's overdue beyond A's → rank 1 → cost 0;
    // N3's missing balance gets A's median (as C02 did); N3's 12 days keep A's mid-rank 1 − 6/7
    expect(screen.matrix.values[0]![0]).toBe(1);
    expect(screen.matrix.values[2]![0]).toBe(1);
    expect(screen.matrix.values[1]![1]).toBe(0);
    expect(screen.matrix.values[0]![2]).toBeCloseTo(Math.log1p(1.5e6) / Math.log1p(2e7), 12);
    expect(screen.matrix.values[1]![2]).toBeCloseTo(1 - 6 / 7, 12);
    ref.normalised.forEach((values, j) => values.forEach((v, i) => expect(screen.matrix.values[j]![i], `${SPEC.indicators[j]!.column} row ${i}`).toBeCloseTo(v, 12)));
    const state = screen.update({ ...P1, tiers: { mode: 'cutoff', strategic: 80, growth: 50 } });
    ref.score.forEach((s, i) => expect(state.score[i]).toBeCloseTo(s, 9));
    // refitting on B would have given another scale: N1 is not 1 on overdue days there, but its B mid-rank
    expect(new Screen(b, SPEC).matrix.values[0]![2]).not.toBeCloseTo(screen.matrix.values[0]![2]!, 6);
  });
});

describe('screenParams', () => {
  const inputs = (entries: Record<string, unknown>) => new Map(Object.entries(entries));

  it('resolves input names: weights (fractions, as cells see them) → percent, quota percents → {percent}, the overdue cap', () => {
    const p = screenParams(SPEC, inputs({ weights: { total_balance: 0.5, max_overdue_days: 0.3, other_banks: 0.2 }, strategic_pct: 10, growth_pct: 25, overdue_cap: 30 }));
    if (typeof p === 'string') throw new Error(p);
    expect(Object.keys(p.weights)).toEqual(['total_balance', 'max_overdue_days', 'other_banks']);
    expect(p.weights['total_balance']).toBeCloseTo(50, 12);
    expect(p.weights['max_overdue_days']).toBeCloseTo(30, 12);
    expect(p.weights['other_banks']).toBeCloseTo(20, 12);
    expect(p.tiers).toEqual({ mode: 'quota', strategic: { percent: 10 }, growth: { percent: 25 } });
    expect(p.maxOverdueDays).toBe(30);
  });

  it('takes numbers given directly; cut-off mode gives plain numbers; no cap when the spec has none', () => {
    const spec: ModelSpec = { ...SPEC, tiers: { mode: 'cutoff', strategic: 'high', growth: 40 }, overrides: {} };
    const p = screenParams(spec, inputs({ weights: { total_balance: 1 }, high: 75 }));
    if (typeof p === 'string') throw new Error(p);
    expect(p.tiers).toEqual({ mode: 'cutoff', strategic: 75, growth: 40 });
    expect('maxOverdueDays' in p).toBe(false);
  });

  it('reports a missing weights input or tier input as a message', () => {
    expect(screenParams(SPEC, inputs({ strategic_pct: 10, growth_pct: 25 }))).toBe('the weights input weights is missing');
    expect(screenParams(SPEC, inputs({ weights: { total_balance: 1 }, strategic_pct: 10 }))).toBe('a tier input is missing');
    // a tier input that is not a number counts as missing
    expect(screenParams(SPEC, inputs({ weights: { total_balance: 1 }, strategic_pct: '10', growth_pct: 25 }))).toBe('a tier input is missing');
  });
});
