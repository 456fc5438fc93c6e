import { describe, expect, it } from 'vitest';
import { psiFromQuantiles } from '../../../src/scoring/metrics/psi';
import { fitIndicator } from '../../../src/scoring/normalise';
import { holdoutSplit } from '../../../src/scoring/split';
import { idRanks } from '../../../src/scoring/tiers';
import type { IndicatorSpec } from '../../../src/scoring/types';
import { EVAL_HOLDOUT_SHARE, EVAL_SEED, gather, knownOf, plattCalibration, scoreMetrics } from '../../../src/ui/evaluation/eval-compute';
import { transformedValues } from '../../../src/scoring/normalise';
import type { Outcome } from '../../../src/ui/evaluation/outcome';
import { seeded } from '../../support/random';

function outcomeOf(event: number[], known: number[]): Outcome {
  const e = Uint8Array.from(event, (v, i) => (known[i] ? v : 0));
  return { table: 't', column: 'c', eventValue: '1', event: e, known: Uint8Array.from(known), count: known.filter(Boolean).length, events: e.reduce((a, b) => a + b, 0) };
}

describe('gather and knownOf', () => {
  it('take the given rows, in order, keeping the array type', () => {
    const g = gather(Float64Array.of(10, 11, 12, 13), Uint32Array.of(3, 0, 2));
    expect(g).toBeInstanceOf(Float64Array);
    expect([...g]).toEqual([13, 10, 12]);
    expect([...knownOf(Uint32Array.of(0, 1, 2, 3), outcomeOf([0, 0, 0, 0], [1, 0, 1, 0]))]).toEqual([0, 2]);
  });
});

describe('scoreMetrics leaves customers without an outcome out', () => {
  // row 3 has no outcome: as a non-event it would change AUC from 3/4 (worked below) to 5/6
  const score = Float64Array.of(0.9, 0.8, 0.7, 0.6, 0.5);
  const tier = Uint8Array.of(0, 0, 1, 1, 2);
  const outcome = outcomeOf([1, 0, 1, 0, 0], [1, 1, 1, 0, 1]);
  const known = Uint32Array.of(0, 1, 2, 4);
  const m = scoreMetrics(score, tier, idRanks(['a', 'b', 'c', 'd', 'e']), outcome, known);

  it('AUC over known pairs: (.9>.8) (.9>.5) (.7<.8) (.7>.5) → 3/4; KS at the worked threshold', () => {
    expect(m.roc.auc).toBeCloseTo(0.75, 12);
    expect(m.roc.events).toBe(2);
    expect(m.roc.nonEvents).toBe(2);
    // CDFs at ≤0.5: E 0, N 1/2; ≤0.7: E 1/2, N 1/2; ≤0.8: E 1/2, N 1; ≤0.9: 1, 1 → max gap 1/2
    expect(m.ks.ks).toBeCloseTo(0.5, 12);
  });

  it('conversion per tier over known customers: 1 of 2, 1 of 1, 0 of 1; overall 2 of 4', () => {
    expect(m.count).toBe(4);
    expect(m.events).toBe(2);
    expect(m.rate).toBe(0.5);
    expect(m.conversion.map((r) => [r.count, r.events])).toEqual([[2, 1], [1, 1], [1, 0]]);
    expect(m.conversion.map((r) => r.share)).toEqual([0.5, 0.5, 0]);
  });

  it('lift groups are cut among the known customers only', () => {
    expect(m.lift.reduce((a, r) => a + r.count, 0)).toBe(4);
  });
});

describe('plattCalibration', () => {
  const random = seeded(7);
  const n = 3000;
  const ids = Array.from({ length: n }, (_, i) => `C${String(i).padStart(5, '0')}`);
  const score = Float64Array.from({ length: n }, () => 100 * random());
  // the true probability rises with the score; a fifth of the customers has no outcome
  const known = Array.from({ length: n }, () => (random() < 0.8 ? 1 : 0));
  const event = Array.from(score, (s) => (random() < 1 / (1 + Math.exp(-(-4 + 0.05 * s))) ? 1 : 0));
  const outcome = outcomeOf(event, known);
  const tier = Uint8Array.from(score, (s) => (s > 90 ? 0 : s > 65 ? 1 : 2));
  const c = plattCalibration(score, tier, idRanks(ids), ids, outcome);

  it('fits on the known training customers and reports on the known holdout customers of the seeded split', () => {
    const split = holdoutSplit(ids, EVAL_HOLDOUT_SHARE, EVAL_SEED);
    const train = [...split.train].filter((r) => known[r]);
    const holdout = [...split.holdout].filter((r) => known[r]);
    expect(c.train).toBe(train.length);
    expect(c.holdout).toBe(holdout.length);
    expect(c.holdoutEvents).toBe(holdout.reduce((a, r) => a + outcome.event[r]!, 0));
    expect(c.byTier.reduce((a, r) => a + r.count, 0)).toBe(holdout.length);
    expect(c.byDecile.reduce((a, r) => a + r.count, 0)).toBe(holdout.length);
    // the intercept is not penalised: on the training rows the mean fitted probability is their event rate
    const p = (s: number) => 1 / (1 + Math.exp(-(c.fit.intercept + c.fit.coefficients[0]! * s)));
    const meanP = train.reduce((a, r) => a + p(score[r]!), 0) / train.length;
    const rate = train.reduce((a, r) => a + outcome.event[r]!, 0) / train.length;
    expect(meanP).toBeCloseTo(rate, 8);
    // and the slope recovers the planted one roughly
    expect(c.fit.coefficients[0]!).toBeGreaterThan(0.03);
    expect(c.fit.coefficients[0]!).toBeLessThan(0.07);
  });

  it('per decile, the predicted rate falls from the top group down (a monotone map of the score)', () => {
    const predicted = c.byDecile.map((r) => r.predicted);
    for (let g = 1; g < predicted.length; g++) expect(predicted[g]!).toBeLessThan(predicted[g - 1]!);
  });
});

describe('transformedValues (values on a stored scale, for PSI)', () => {
  const spec: IndicatorSpec = { column: 'x', label: 'x', dimension: '', direction: 'benefit', transform: 'log1p', winsor: [0.05, 0.95], scaling: 'minmax', missing: 'median' };
  const random = seeded(11);
  const raw = Float64Array.from({ length: 2000 }, () => Math.exp(8 * random()) - 1);
  const fitted = fitIndicator(spec, raw);

  it('puts raw values on the stored quantiles\' scale: the fitting data against its own quantiles is stable', () => {
    const same = psiFromQuantiles(fitted.quantiles, transformedValues(fitted, raw));
    expect(same.psi).toBeLessThan(0.01);
    // untransformed, the same data would look like a major shift
    expect(psiFromQuantiles(fitted.quantiles, raw).psi).toBeGreaterThan(0.25);
  });

  it('applies the signed log1p and the clip bounds, and keeps missing values missing', () => {
    const out = transformedValues(fitted, Float64Array.of(0, Math.E - 1, 1e12, NaN));
    expect(out[0]).toBe(Math.max(0, fitted.clipLow));
    expect(out[1]).toBeCloseTo(Math.min(Math.max(1, fitted.clipLow), fitted.clipHigh), 12);
    expect(out[2]).toBe(fitted.clipHigh);
    expect(out[3]).toBeNaN();
  });
});
