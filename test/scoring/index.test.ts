import { describe, expect, it } from 'vitest';
import * as scoring from '../../src/scoring/index';

describe('src/scoring/index', () => {
  it('re-exports the public API', () => {
    const names = ['fitIndicator', 'applyIndicator', 'fitIndicators', 'normalise', 'weightVector', 'entropyWeights', 'ahpWeights', 'ahpMatrix', 'scoreInto', 'contributions', 'meanContributions', 'idRanks', 'assignTiers', 'rankOrder', 'assignSegments', 'riskGrid', 'earlyWarnings', 'explainRow', 'sortedPresent', 'percentileOf', 'rebalance'];
    for (const name of names) expect(typeof (scoring as Record<string, unknown>)[name], name).toBe('function');
    expect([scoring.TIER_STRATEGIC, scoring.TIER_GROWTH, scoring.TIER_GENERAL]).toEqual([0, 1, 2]);
    expect(scoring.TIERS).toEqual(['战略级', '成长型', '一般']);
    expect(scoring.SEGMENTS.at(-1)!.id).toBe('other');
    expect(scoring.TIER_REASONS).toHaveLength(7);
  });
});
