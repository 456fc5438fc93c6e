import { describe, expect, it } from 'vitest';
import type { NormalisedMatrix } from '../../src/scoring/normalise';
import { contributions, meanContributions, scoreInto } from '../../src/scoring/score';
import { rng } from './random';

const matrix = (values: number[][]): NormalisedMatrix => ({
  rows: values[0]!.length,
  columns: values.map((_, j) => `c${j}`),
  values: values.map((v) => Float64Array.from(v)),
});

describe('scoreInto / contributions / meanContributions', () => {
  // c0 = (1, .5, 0), c1 = (0, .5, 1), weights .7/.3
  const m = matrix([
    [1, 0.5, 0],
    [0, 0.5, 1],
  ]);
  const w = Float64Array.from([0.7, 0.3]);

  it('score = 100·Σ w·v (worked by hand)', () => {
    // row 0: 100·(.7·1 + .3·0) = 70; row 1: 100·(.35 + .15) = 50; row 2: 100·(0 + .3) = 30
    expect(Array.from(scoreInto(m, w)).map((v) => Number(v.toFixed(10)))).toEqual([70, 50, 30]);
    const out = new Float64Array(3).fill(99);
    expect(scoreInto(m, w, out)).toBe(out); // reused, and reset (not accumulated)
    expect(out[2]).toBeCloseTo(30, 12);
  });

  it('contributions per indicator (worked by hand) and their means', () => {
    // row 1: 100·.7·.5 = 35, 100·.3·.5 = 15
    expect(Array.from(contributions(m, w, 1)).map((v) => Number(v.toFixed(10)))).toEqual([35, 15]);
    // all rows: c0 mean .5 → 35, c1 mean .5 → 15; rows {0, 2}: c0 mean .5 → 35, c1 mean .5 → 15; row {0}: 70, 0
    expect(Array.from(meanContributions(m, w)).map((v) => Number(v.toFixed(10)))).toEqual([35, 15]);
    expect(Array.from(meanContributions(m, w, Uint32Array.from([0]))).map((v) => Number(v.toFixed(10)))).toEqual([70, 0]);
    expect(Array.from(meanContributions(m, w, new Uint32Array(0))).every(Number.isNaN)).toBe(true);
  });

  it('checks shapes', () => {
    expect(() => scoreInto(m, Float64Array.from([1]))).toThrow(/1 weights for 2/);
    expect(() => scoreInto(m, w, new Float64Array(2))).toThrow(/out has 2 rows/);
    expect(() => contributions(m, w, 3)).toThrow(/row 3/);
  });

  it('random data: scores in [0, 100], contributions sum to the score', () => {
    const random = rng(6);
    const cols = Array.from({ length: 12 }, () => Array.from({ length: 300 }, () => random()));
    cols[0]!.fill(1); // an extreme column
    const mm = matrix(cols);
    const raw = Array.from({ length: 12 }, () => random());
    const total = raw.reduce((a, b) => a + b, 0);
    const ww = Float64Array.from(raw, (v) => v / total);
    const score = scoreInto(mm, ww);
    for (let i = 0; i < 300; i++) {
      expect(score[i]).toBeGreaterThanOrEqual(0);
      expect(score[i]).toBeLessThanOrEqual(100 + 1e-9);
      expect(Array.from(contributions(mm, ww, i)).reduce((a, b) => a + b, 0)).toBeCloseTo(score[i]!, 9);
    }
    // all-ones matrix → every score is 100 (up to rounding)
    const ones = matrix(Array.from({ length: 12 }, () => new Array<number>(5).fill(1)));
    Array.from(scoreInto(ones, ww)).forEach((s) => expect(s).toBeCloseTo(100, 9));
  });
});
