import { describe, expect, it } from 'vitest';
import { parseInputSpec } from '../../../src/notebook/format/input-spec';
import { withStoredFit } from '../../../src/notebook/format/model-fit';
import { fitIndicators, normalise } from '../../../src/scoring/normalise';
import { toStoredFit } from '../../../src/scoring/stored-fit';

const MODEL = `type: model
label: 模型 # the screening model
matrix: m
indicators:
  - { column: balance, label: 余额, direction: benefit, transform: log1p, winsor: [0.1, 0.9], scaling: rank, missing: worst }
  - { column: overdue, label: 逾期, direction: cost, scaling: minmax, missing: median }
weights: weights
tiers: { mode: quota, strategic: 10, growth: 25 }
`;

function modelOf(source: string) {
  const parsed = parseInputSpec(source);
  if ('error' in parsed) throw new Error(parsed.error.message);
  if (parsed.spec.type !== 'model') throw new Error('not a model');
  return parsed.spec.model;
}

describe('a model with its fitted scale stored in the notebook', () => {
  const data = new Map([
    ['balance', Float64Array.from([0, 10, 100, 1000, 1e6, Number.NaN, 50])],
    ['overdue', Float64Array.from([0, 0, 5, 90, Number.NaN, 3, 0])],
  ]);

  it('round-trips: the stored scale reads back as the same fitted parameters, and scores the same', () => {
    const model = modelOf(MODEL);
    const fitted = fitIndicators(model.indicators, data);
    const text = withStoredFit(MODEL, fitted.map(toStoredFit));
    // the rest of the definition keeps its text and comment
    expect(text.startsWith(MODEL.split('\n').slice(0, 5).join('\n'))).toBe(true);
    expect(text).toContain('# the screening model');
    const stored = modelOf(text).fitted!;
    expect(stored.map((f) => f.column)).toEqual(['balance', 'overdue']);
    expect(stored[1]!.clipLow).toBe(-Infinity); // not winsorised: YAML's .inf round-trips
    const a = normalise(fitted, data);
    const b = normalise(stored, data);
    a.values.forEach((column, j) => expect(Array.from(b.values[j]!)).toEqual(Array.from(column)));
    // new data beyond the sample is scored on the stored scale (clamped), not refitted
    const next = new Map([
      ['balance', Float64Array.from([2e6])],
      ['overdue', Float64Array.from([200])],
    ]);
    expect(Array.from(normalise(stored, next).values.map((v) => v[0]))).toEqual([1, 0]);
    // removing it leaves the definition as it was
    expect(withStoredFit(text, null)).toBe(MODEL);
  });

  it('refuses a scale fitted with other settings, naming the indicator', () => {
    const model = modelOf(MODEL);
    const text = withStoredFit(MODEL, fitIndicators(model.indicators, data).map(toStoredFit));
    const edited = text.replace('scaling: minmax', 'scaling: zscore');
    const parsed = parseInputSpec(edited);
    expect('error' in parsed && parsed.error.message).toMatch(/overdue was fitted with other settings \(scaling\): refit/);
  });
});
