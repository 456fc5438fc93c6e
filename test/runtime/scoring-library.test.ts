import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { scoreMatrix, scoringLibrary } from '../../src/runtime/ts/scoring-library';
import type { ModelSpec } from '../../src/scoring/model-spec';
import { Screen, type ScreenData } from '../../src/scoring/screen';
import { SEGMENTS } from '../../src/scoring/segments';
import { TIER_REASONS } from '../../src/scoring/tiers';
import { TIERS, type IndicatorSpec } from '../../src/scoring/types';
import { SCORING_MEMBERS } from '../../src/ui/editor/ts-completion';

/**
 * scoreMatrix is what the demo notebook's `scored` cell calls: an Arrow matrix in, the ranked list
 * out. It must give exactly what the screening view's Screen gives on the same numbers.
 */

// seven customers, ids out of order; nulls where an extract has none (Arrow nulls, not NaN)
const IDS = ['K3', 'K1', 'K7', 'K2', 'K5', 'K4', 'K6'];
const BALANCE = [2e6, null, 9.5e6, 2e6, 9e6, 0, 3e5];
const OVERDUE = [0, 0, 40, 0, 5, 0, 0];
const UTILISATION = [0.7, 0.4, 0.95, 0.7, 0.2, null, 0.5];
const INDUSTRY = ['制造业', '建筑业', '制造业', '批发和零售业', '建筑业', '制造业', '批发和零售业'];

const matrix = () =>
  tableFromArrays({
    customer_id: IDS,
    industry: INDUSTRY,
    total_balance: BALANCE,
    max_overdue_days: OVERDUE,
    utilisation: UTILISATION,
  });

/** The same numbers as ScreenData written out by hand (null → NaN), for the Screen run directly. */
const screenData = (): ScreenData => ({
  rows: IDS.length,
  ids: IDS,
  numbers: new Map([
    ['total_balance', Float64Array.from(BALANCE, (v) => v ?? NaN)],
    ['max_overdue_days', Float64Array.from(OVERDUE)],
    ['utilisation', Float64Array.from(UTILISATION, (v) => v ?? NaN)],
  ]),
  text: { industry: INDUSTRY },
});

const indicator = (column: string, rest: Pick<IndicatorSpec, 'direction' | 'transform' | 'scaling' | 'missing'>): IndicatorSpec => ({ column, label: column, dimension: '', winsor: null, ...rest });
const MODEL: ModelSpec = {
  matrix: 'indicator_matrix',
  indicators: [
    indicator('total_balance', { direction: 'benefit', transform: 'log1p', scaling: 'rank', missing: 'worst' }),
    indicator('max_overdue_days', { direction: 'cost', transform: 'none', scaling: 'rank', missing: 'median' }),
    indicator('utilisation', { direction: 'benefit', transform: 'none', scaling: 'minmax', missing: 'median' }),
  ],
  weights: 'weights',
  tiers: { mode: 'quota', strategic: 'strategic_pct', growth: 'growth_pct' },
  overrides: { overdueColumn: 'max_overdue_days', maxOverdueDays: 'overdue_cap' },
};
// as a cell sees them: weights as fractions
const INPUTS = { weights: { total_balance: 0.5, max_overdue_days: 0.2, utilisation: 0.3 }, strategic_pct: 30, growth_pct: 30, overdue_cap: 30 };

describe('scoreMatrix', () => {
  it('on an Arrow matrix gives the Screen run directly: the same ids in rank order, scores, tiers, reasons, segments', () => {
    const list = scoreMatrix(matrix(), MODEL, INPUTS);

    const screen = new Screen(screenData(), MODEL);
    // the same parameters written out (percent weights, quota percents), not via screenParams
    const state = screen.update({ weights: { total_balance: 50, max_overdue_days: 20, utilisation: 30 }, tiers: { mode: 'quota', strategic: { percent: 30 }, growth: { percent: 30 } }, maxOverdueDays: 30 });
    // rank order by hand: score descending, equal scores by id
    const order = [...IDS.keys()].sort((a, b) => state.score[b]! - state.score[a]! || (IDS[a]! < IDS[b]! ? -1 : 1));

    expect(list.customer_id).toEqual(order.map((i) => IDS[i]));
    expect(Array.from(list.score)).toEqual(order.map((i) => state.score[i]));
    expect(list.tier).toEqual(order.map((i) => TIERS[state.tiering.tier[i]!]));
    expect(list.reason).toEqual(order.map((i) => TIER_REASONS[state.tiering.reason[i]!]));
    expect(list.segment).toEqual(order.map((i) => SEGMENTS[screen.segment[i]!]!.id));
    // the run is not trivial: round(30% of 7) = 2 strategic and 2 growth; K7 scores highest (largest
    // balance, highest utilisation) but is 40 days overdue, so it heads the list as growth
    expect(list.tier.filter((t) => t === '战略级')).toHaveLength(2);
    expect(list.tier.filter((t) => t === '成长型')).toHaveLength(2);
    expect([list.customer_id[0], list.tier[0], list.reason[0]]).toEqual(['K7', '成长型', 'override-overdue']);
    // K2 and K3 have the same numbers: equal scores, K2 first
    expect(list.score[list.customer_id.indexOf('K2')]).toBe(list.score[list.customer_id.indexOf('K3')]);
    expect(list.customer_id.indexOf('K2')).toBe(list.customer_id.indexOf('K3') - 1);
    // and the result is a table the cell can return
    expect(tableFromArrays({ ...list }).numRows).toBe(IDS.length);
  });

  it('throws a clear error when an input the model names is missing, or the matrix lacks an indicator', () => {
    const { strategic_pct: _s, ...noStrategic } = INPUTS;
    expect(() => scoreMatrix(matrix(), MODEL, noStrategic)).toThrow('scoreMatrix: a tier input is missing (pass every input the model names)');
    const { weights: _w, ...noWeights } = INPUTS;
    expect(() => scoreMatrix(matrix(), MODEL, noWeights)).toThrow('scoreMatrix: the weights input weights is missing');
    const missingColumn: ModelSpec = { ...MODEL, indicators: [...MODEL.indicators, indicator('other_banks', { direction: 'benefit', transform: 'none', scaling: 'rank', missing: 'zero' })] };
    expect(() => scoreMatrix(matrix(), missingColumn, INPUTS)).toThrow('The indicator column "other_banks" is not in the data');
  });
});

describe('scoringLibrary (the `scoring` object TypeScript cells see)', () => {
  it('has every function the editor offers after `scoring.`, so a completion never names a missing one', () => {
    expect(SCORING_MEMBERS.length).toBeGreaterThan(0);
    const library = scoringLibrary as Readonly<Record<string, unknown>>;
    const missing = SCORING_MEMBERS.map((c) => c.label).filter((name) => typeof library[name] !== 'function');
    expect(missing).toEqual([]);
  });
});
