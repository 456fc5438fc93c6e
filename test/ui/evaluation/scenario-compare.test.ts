import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../../src/scoring/model-spec';
import { Screen, screenParams, type ScreenData } from '../../../src/scoring/screen';
import type { IndicatorSpec } from '../../../src/scoring/types';
import { comparisonScreen, CURRENT_SET, defaultSelection, scenarioSets } from '../../../src/ui/evaluation/scenario-compare-sets';

const indicator = (column: string): IndicatorSpec => ({ column, label: column, dimension: '', winsor: null, direction: 'benefit', transform: 'none', scaling: 'minmax', missing: 'median' });
const SPEC: ModelSpec = { matrix: 'm', indicators: [indicator('a'), indicator('b')], weights: 'weights', tiers: { mode: 'quota', strategic: 'strategic_pct', growth: 'growth_pct' }, overrides: {} };
const w = { weights: { a: 60, b: 40 } };

describe('defaultSelection', () => {
  it('takes champion, challenger and suggested when saved, whatever their order', () => {
    expect(defaultSelection({ suggested: w, other: w, challenger: w, champion: w })).toEqual(['champion', 'challenger', 'suggested']);
  });
  it('fills up to two with other sets, then with the current sliders', () => {
    expect(defaultSelection({ champion: w, other: w, third: w })).toEqual(['champion', 'other']);
    expect(defaultSelection({ only: w })).toEqual(['only', CURRENT_SET]);
    expect(defaultSelection({})).toEqual([CURRENT_SET]);
  });
});

describe('scenarioSets', () => {
  const current = new Map<string, unknown>([['weights', { a: 0.5, b: 0.5 }], ['strategic_pct', 10], ['growth_pct', 20]]);
  const saved = { champion: { weights: { a: 80, b: 20 }, strategic_pct: 30 }, challenger: { weights: { a: 10, b: 90 } }, gone: { weights: { a: 1 } } };

  it('keeps the notebook order, the current sliders last, and drops unticked sets', () => {
    const sets = scenarioSets(SPEC, current, saved, new Set([CURRENT_SET, 'challenger', 'champion', 'not saved']), 'now');
    expect(sets.map((s) => s.name)).toEqual(['champion', 'challenger', 'now']);
  });

  it('gives screenParams the saved percent weights, the current values for what a set leaves out', () => {
    const [champion, challenger, now] = scenarioSets(SPEC, current, saved, new Set(['champion', 'challenger', CURRENT_SET]), 'now');
    expect(screenParams(SPEC, champion!.inputs)).toEqual({ weights: { a: 80, b: 20 }, tiers: { mode: 'quota', strategic: { percent: 30 }, growth: { percent: 20 } } });
    expect(screenParams(SPEC, challenger!.inputs)).toEqual({ weights: { a: 10, b: 90 }, tiers: { mode: 'quota', strategic: { percent: 10 }, growth: { percent: 20 } } });
    expect(screenParams(SPEC, now!.inputs)).toEqual({ weights: { a: 50, b: 50 }, tiers: { mode: 'quota', strategic: { percent: 10 }, growth: { percent: 20 } } });
  });
});

describe('comparisonScreen', () => {
  const data: ScreenData = { rows: 4, ids: ['d', 'c', 'b', 'a'], numbers: new Map([['a', Float64Array.from([1, 2, 3, 4])], ['b', Float64Array.from([4, 1, 3, 2])]]), text: {} };
  it('is one copy per screen, scoring like it, and re-weighting it leaves the shared screen\'s arrays alone', () => {
    const shared = new Screen(data, SPEC);
    const params = { weights: { a: 100, b: 0 }, tiers: { mode: 'quota' as const, strategic: { percent: 25 }, growth: { percent: 25 } } };
    const state = shared.update(params);
    const before = { score: Array.from(state.score), tier: Array.from(state.tiering.tier) };
    const copy = comparisonScreen(shared);
    expect(comparisonScreen(shared)).toBe(copy);
    expect(copy).not.toBe(shared);
    expect(Array.from(copy.update(params).score)).toEqual(before.score);
    copy.update({ ...params, weights: { a: 0, b: 100 } });
    expect(Array.from(state.score)).toEqual(before.score);
    expect(Array.from(state.tiering.tier)).toEqual(before.tier);
  });
});
