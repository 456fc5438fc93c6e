import { describe, expect, it } from 'vitest';
import { runBound, syntheticScreen, weightSets, weightedSumInto } from '../../bench/bound';
import { scoreInto } from '../../src/scoring/score';
import { weightVector } from '../../src/scoring/weights';

describe('the typed-array bound', () => {
  it('computes the score the app computes (scoreInto), so it bounds the same work', () => {
    const s = syntheticScreen(2_000);
    for (const percent of weightSets(s.specs, 3)) {
      const w = weightVector(s.matrix.columns, percent);
      const app = scoreInto(s.matrix, w);
      const bound = weightedSumInto(s.matrix, w, new Float64Array(s.rows));
      for (let i = 0; i < s.rows; i++) expect(bound[i]).toBeCloseTo(app[i]!, 9);
    }
  });

  it('gives a slider figure per engine with 50 changes per repetition', () => {
    const figures = runBound('10k', 1);
    expect(figures.map((f) => [f.metric, f.engine, f.size, f.unit, f.samples.length])).toEqual([
      ['slider', 'typed-array-bound', '10k', 'ms', 50],
      ['slider', 'node-screen', '10k', 'ms', 50],
    ]);
    for (const f of figures) expect(f.samples.every((x) => Number.isFinite(x) && x >= 0)).toBe(true);
  });
});
