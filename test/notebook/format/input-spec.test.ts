import { describe, expect, it } from 'vitest';
import { cellId, type InputCell } from '../../../src/notebook/document';
import { parseInputSpec, inputSpecOf } from '../../../src/notebook/format';

const input = (source: string): InputCell => ({ id: cellId('c1'), kind: 'input', name: 'x', source });
const errorOf = (source: string) => {
  const result = inputSpecOf(input(source));
  return 'error' in result ? [result.error.line, result.error.message] : null;
};

describe('an input spec', () => {
  it('reads each type, keeping optional keys only when given', () => {
    expect(inputSpecOf(input('type: slider\nlabel: 权重\nmin: 0\nmax: 100\nstep: 5\nvalue: 30 # default'))).toEqual({
      spec: { type: 'slider', label: '权重', min: 0, max: 100, step: 5, value: 30 },
    });
    expect(inputSpecOf(input('type: number\nvalue: 0.6'))).toEqual({ spec: { type: 'number', value: 0.6 } });
    expect(inputSpecOf(input('type: select\noptions: [全部, 2]\nvalue: 2'))).toEqual({ spec: { type: 'select', options: ['全部', 2], value: 2 } });
    expect(inputSpecOf(input('type: date\nvalue: 2024-02-29'))).toEqual({ spec: { type: 'date', value: '2024-02-29' } });
    expect(inputSpecOf(input('type: weights\nweights:\n  需求: 33.33\n  质量: 33.33\n  关系: 33.34\nlocked: [关系]'))).toEqual({
      spec: { type: 'weights', weights: { 需求: 33.33, 质量: 33.33, 关系: 33.34 }, locked: ['关系'] },
    });
  });

  it('accepts weights within 0.01 of 100', () => {
    expect(errorOf('type: weights\nweights: {a: 50.005, b: 50}')).toBeNull();
    expect(errorOf('type: weights\nweights: {a: 50.02, b: 50}')).toEqual([2, 'the weights should sum to 100; they sum to 100.02']);
  });

  it.each([
    ['bad YAML', 'type: slider\nmin: [0', 2, /^bad YAML: /],
    ['not a mapping', '- slider', 1, 'an input is YAML keys starting with `type:` (slider, number, select, date, weights, model)'],
    ['no type', 'value: 3', 1, '`type` should be one of slider, number, select, date, weights, model'],
    ['an unknown type', 'type: knob\nvalue: 3', 1, '`type` should be one of slider, number, select, date, weights, model'],
    ['an unknown key', 'type: slider\nmin: 0\nmax: 1\nvlaue: 1', 4, 'unknown key `vlaue` for a slider input (keys: type, label, min, max, step, value)'],
    ['a missing value', 'type: slider\nmin: 0\nmax: 1', 1, '`value` is missing (a number)'],
    ['a text for a number', 'type: slider\nmin: 0\nmax: 10\nvalue: "5"', 4, '`value` should be a number'],
    ['min not below max', 'type: slider\nmin: 5\nmax: 5\nvalue: 5', 3, '`min` (5) should be less than `max` (5)'],
    ['a value below min', 'type: slider\nmin: 0\nmax: 10\nvalue: -1', 4, '`value` (-1) is below `min` (0)'],
    ['a value above max', 'type: number\nmax: 10\nvalue: 11', 3, '`value` (11) is above `max` (10)'],
    ['a step of zero', 'type: slider\nmin: 0\nmax: 10\nstep: 0\nvalue: 1', 4, '`step` should be more than 0'],
    ['a label that is not text', 'type: date\nlabel: [a]\nvalue: 2024-01-01', 2, '`label` should be a text'],
    ['a value not among the options', 'type: select\noptions: [a, b]\nvalue: c', 3, '`value` (c) is not one of the options'],
    ['no options', 'type: select\noptions: []\nvalue: c', 2, '`options` should be a list of texts or numbers'],
    ['an impossible date', 'type: date\nvalue: 2023-02-29', 2, '`value` should be a date like 2024-06-30'],
    ['a negative weight', 'type: weights\nweights: {a: 110, b: -10}', 2, 'the weight of `b` should be a number ≥ 0'],
    ['a locked name that is not a weight', 'type: weights\nweights: {a: 100}\nlocked: [toString]', 3, '`locked` names `toString`, which is not one of the weights'],
  ])('with %s says so at the right line', (_what, source, line, message) => {
    const result = inputSpecOf(input(source));
    expect('error' in result).toBe(true);
    if (!('error' in result)) return;
    expect(result.error.line).toBe(line);
    expect(result.error.severity).toBe('error');
    if (typeof message === 'string') expect(result.error.message).toBe(message);
    else expect(result.error.message).toMatch(message);
  });
});

describe('a model input', () => {
  const model = [
    'type: model',
    'label: 评分模型',
    'matrix: indicators',
    'indicators:',
    '  - column: total_balance',
    '    label: 贷款余额',
    '    dimension: 资金需求',
    '    direction: benefit',
    '    transform: log1p',
    '    winsor: [0.01, 0.99]',
    '    scaling: minmax',
    '  - column: max_overdue_days',
    '    direction: cost',
    'weights: weights',
    'tiers: {mode: quota, strategic: strategic_pct, growth: 25}',
    'overrides: {overdueColumn: max_overdue_days, maxOverdueDays: overdue_cap}',
  ].join('\n');

  it('reads the indicators with their defaults, and the inputs it names', () => {
    expect(parseInputSpec(model)).toEqual({
      spec: {
        type: 'model',
        label: '评分模型',
        model: {
          matrix: 'indicators',
          indicators: [
            { column: 'total_balance', label: '贷款余额', dimension: '资金需求', direction: 'benefit', transform: 'log1p', winsor: [0.01, 0.99], scaling: 'minmax', missing: 'median' },
            { column: 'max_overdue_days', label: 'max_overdue_days', dimension: '', direction: 'cost', transform: 'none', winsor: null, scaling: 'rank', missing: 'median' },
          ],
          weights: 'weights',
          tiers: { mode: 'quota', strategic: 'strategic_pct', growth: 25 },
          overrides: { overdueColumn: 'max_overdue_days', maxOverdueDays: 'overdue_cap' },
        },
      },
    });
  });

  it('says what is wrong, at the key', () => {
    expect(parseInputSpec(model.replace('direction: cost', 'direction: sideways'))).toEqual({ error: expect.objectContaining({ message: 'indicator 2: expected one of benefit, cost' }) });
    expect(parseInputSpec(model.replace('winsor: [0.01, 0.99]', 'winsor: [0.99, 0.01]'))).toEqual({ error: expect.objectContaining({ message: expect.stringMatching(/winsor/) }) });
    expect(parseInputSpec(model.replace('tiers: {mode: quota', 'tiers: {mode: random'))).toEqual({ error: expect.objectContaining({ line: 15, message: expect.stringMatching(/tiers/) }) });
  });
});
