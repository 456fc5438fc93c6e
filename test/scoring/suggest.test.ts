import { describe, expect, it } from 'vitest';
import { fitLogistic } from '../../src/scoring/logistic';
import type { NormalisedMatrix } from '../../src/scoring/normalise';
import { holdoutSplit } from '../../src/scoring/split';
import { suggestWeights, weightMetrics } from '../../src/scoring/suggest';
import { rng } from './random';

/** AUC by brute force over every (event, non-event) pair, ties ½: independent of the metrics module. */
function pairAuc(score: number[], event: number[]): number {
  let won = 0;
  let pairs = 0;
  score.forEach((s, i) => {
    if (event[i] !== 1) return;
    score.forEach((t, k) => {
      if (event[k] === 1) return;
      pairs++;
      won += s > t ? 1 : s === t ? 0.5 : 0;
    });
  });
  return won / pairs;
}

/** KS by brute force: at every distinct score, the two empirical CDFs of "score ≤ threshold". */
function bruteKs(score: number[], event: number[]): number {
  const events = score.filter((_, i) => event[i] === 1);
  const others = score.filter((_, i) => event[i] !== 1);
  return Math.max(...[...new Set(score)].map((t) => Math.abs(events.filter((s) => s <= t).length / events.length - others.filter((s) => s <= t).length / others.length)));
}

/**
 * A matrix of 4 indicators in [0, 1] and outcomes drawn from a known logistic model in which
 * `strong` and `weak` help, `noise` does nothing and `harmful` works against signing; about 60%
 * of the customers have an outcome.
 */
function planted(n: number, seed: number) {
  const random = rng(seed);
  const columns = ['strong', 'weak', 'noise', 'harmful'];
  const beta = [3, 1.5, 0, -2];
  const values = columns.map(() => Float64Array.from({ length: n }, () => random()));
  const event = new Uint8Array(n);
  const known = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const eta = -1.5 + beta.reduce((s, b, j) => s + b * values[j]![i]!, 0);
    event[i] = random() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
    known[i] = random() < 0.6 ? 1 : 0;
  }
  const matrix: NormalisedMatrix = { rows: n, columns, values };
  const ids = Array.from({ length: n }, (_, i) => `K${i}`);
  return { matrix, ids, event, known };
}

describe('suggestWeights', () => {
  const { matrix, ids, event, known } = planted(3000, 17);
  const s = suggestWeights(matrix, ids, event, known);

  it('fits on the training customers with an outcome only: the coefficients of an independent fit on those rows', () => {
    const knownRows = [...known.keys()].filter((i) => known[i] === 1);
    const split = holdoutSplit(knownRows.map((i) => ids[i]!), 0.3, 42);
    const train = Uint32Array.from(split.train, (r) => knownRows[r]!);
    const copy = fitLogistic(
      matrix.values.map((v) => Float64Array.from(train, (i) => v[i]!)),
      Uint8Array.from(train, (i) => event[i]!),
      { lambda: 1 },
    );
    expect(s.intercept).toBeCloseTo(copy.intercept, 9);
    s.coefficients.forEach((b, j) => expect(b).toBeCloseTo(copy.coefficients[j]!, 9));
    expect(s.train.count + s.holdout.count).toBe(knownRows.length);
    expect(s.train.count).toBe(split.train.length);
    expect(s.train.events).toBe([...train].filter((i) => event[i] === 1).length);
    expect([s.seed, s.holdoutShare, s.lambda]).toEqual([42, 0.3, 1]);
  });

  it('recovers the planted signs: the harmful indicator is negative, weight 0 and listed', () => {
    expect(s.coefficients[0]).toBeGreaterThan(s.coefficients[1]!);
    expect(s.coefficients[1]).toBeGreaterThan(0);
    expect(s.coefficients[3]).toBeLessThan(0);
    expect(s.negative).toContain('harmful');
    expect(s.percent['harmful']).toBe(0);
  });

  it('percent weights: every column, ∝ the positive coefficients to within the 0.1 rounding, one decimal, summing to 100', () => {
    expect(Object.keys(s.percent)).toEqual(matrix.columns);
    const positive = [...s.coefficients].reduce((t, b) => t + Math.max(b, 0), 0);
    matrix.columns.forEach((c, j) => {
      expect(Math.abs(s.percent[c]! - (100 * Math.max(s.coefficients[j]!, 0)) / positive)).toBeLessThanOrEqual(0.1 + 1e-9);
      expect(Math.abs(s.percent[c]! * 10 - Math.round(s.percent[c]! * 10))).toBeLessThan(1e-9);
    });
    expect(Object.values(s.percent).reduce((a, b) => a + b, 0)).toBeCloseTo(100, 9);
  });

  it('reports AUC, Gini and KS of the weighted score (not the logistic prediction) on the holdout, recomputed by brute force', () => {
    const knownRows = [...known.keys()].filter((i) => known[i] === 1);
    const holdout = [...holdoutSplit(knownRows.map((i) => ids[i]!), 0.3, 42).holdout].map((r) => knownRows[r]!);
    const total = Object.values(s.percent).reduce((a, b) => a + b, 0);
    const score = holdout.map((i) => matrix.columns.reduce((t, c, j) => t + (s.percent[c]! / total) * matrix.values[j]![i]!, 0));
    const outcome = holdout.map((i) => event[i]!);
    expect(s.holdout.count).toBe(holdout.length);
    expect(s.holdout.events).toBe(outcome.filter((e) => e === 1).length);
    expect(s.holdout.auc).toBeCloseTo(pairAuc(score, outcome), 9);
    expect(s.holdout.gini).toBeCloseTo(2 * s.holdout.auc - 1, 12);
    expect(s.holdout.ks).toBeCloseTo(bruteKs(score, outcome), 9);
    // the planted signal: better than chance, and better than equal weights (which also reward
    // the harmful indicator and the noise); the train AUC is of the same order
    const equal = holdout.map((i) => matrix.values.reduce((t, v) => t + v[i]! / 4, 0));
    expect(s.holdout.auc).toBeGreaterThan(0.65);
    expect(s.holdout.auc).toBeGreaterThan(pairAuc(equal, outcome) + 0.05);
    // (an AUC on ~540 held-out customers has a sampling error of a few hundredths)
    expect(Math.abs(s.train.auc - s.holdout.auc)).toBeLessThan(0.1);
  });

  it('ignores the outcome of customers without one, and another seed gives another split', () => {
    const scrambled = Uint8Array.from(event, (e, i) => (known[i] === 1 ? e : 1 - e));
    expect(suggestWeights(matrix, ids, scrambled, known)).toEqual(s);
    const other = suggestWeights(matrix, ids, event, known, { seed: 7 });
    expect(other.holdout.count).not.toBe(s.holdout.count);
    expect(other.seed).toBe(7);
  });

  it('refuses what it cannot fit, with the reason', () => {
    expect(() => suggestWeights(matrix, ids, new Uint8Array(matrix.rows), known)).toThrow(/0 events/);
    const reversed: NormalisedMatrix = { ...matrix, columns: ['harmful'], values: [matrix.values[3]!] };
    expect(() => suggestWeights(reversed, ids, event, known)).toThrow(/positive coefficient/);
    expect(() => suggestWeights(matrix, ids.slice(1), event, known)).toThrow(/ids has 2999 rows/);
  });
});

describe('weightMetrics', () => {
  it('AUC with ties ½ and KS on the given rows only (worked by hand)', () => {
    // two indicators, weights ½ / ½; rows 0–3 score 0.9, 0.8, 0.8, 0.3; row 4 is not evaluated
    const matrix: NormalisedMatrix = { rows: 5, columns: ['a', 'b'], values: [Float64Array.from([1, 0.6, 1, 0.3, 0]), Float64Array.from([0.8, 1, 0.6, 0.3, 1])] };
    const event = Uint8Array.from([1, 0, 1, 0, 1]);
    const m = weightMetrics(matrix, Float64Array.from([0.5, 0.5]), event, Uint32Array.from([0, 1, 2, 3]));
    // events {0.9, 0.8} vs non-events {0.8, 0.3}: 1 + 1 + ½ + 1 of 4 pairs
    expect(m.auc).toBeCloseTo(3.5 / 4, 12);
    // F_event − F_nonevent at 0.3: 0 − ½; at 0.8: ½ − 1; at 0.9: 1 − 1 → KS ½
    expect(m.ks).toBeCloseTo(0.5, 12);
  });
});
