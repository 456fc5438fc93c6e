import { describe, expect, it } from 'vitest';
import { cellId, type InputCell } from '../../../src/notebook/document';
import { inputSpecOf, withInputValue } from '../../../src/notebook/format';

const input = (source: string): InputCell => ({ id: cellId('c1'), kind: 'input', name: 'w', source, collapsed: true });

describe('setting an input value', () => {
  it('replaces only the value, keeping comments, spacing and key order', () => {
    const source = '# 资金需求\ntype:   slider\nlabel: 资金需求权重   # shown above\nmin: 0\nmax: 100\nvalue: 30   # was 25\n';
    const cell = withInputValue(input(source), 45.5);
    expect(cell.source).toBe(source.replace('value: 30', 'value: 45.5'));
    expect(cell).toMatchObject({ id: 'c1', name: 'w', collapsed: true });
  });

  it('keeps the quoting style of a text value', () => {
    expect(withInputValue(input("type: select\noptions: ['a b', \"c'd\"]\nvalue: 'a b'"), "c'd").source).toBe(
      "type: select\noptions: ['a b', \"c'd\"]\nvalue: 'c''d'",
    );
    expect(withInputValue(input('type: date\nvalue: "2024-06-30"'), '2024-12-31').source).toBe('type: date\nvalue: "2024-12-31"');
    expect(withInputValue(input('type: date\nvalue: 2024-06-30 # 截止'), '2024-12-31').source).toBe('type: date\nvalue: 2024-12-31 # 截止');
  });

  it('quotes a text that would otherwise read as something else', () => {
    const cell = withInputValue(input('type: select\noptions: [a, "1", "x: y"]\nvalue: a'), 'x: y');
    expect(cell.source).toBe('type: select\noptions: [a, "1", "x: y"]\nvalue: "x: y"');
    expect(inputSpecOf(cell)).toMatchObject({ spec: { value: 'x: y' } });
  });

  it('updates each weight in place, whatever order they are given in', () => {
    const source = 'type: weights\nweights:\n  需求: 40   # demand\n  质量: 35.5\n  关系: 24.5\nlocked: [关系]';
    const cell = withInputValue(input(source), { 关系: 24.5, 质量: 30, 需求: 45.5 });
    expect(cell.source).toBe('type: weights\nweights:\n  需求: 45.5   # demand\n  质量: 30\n  关系: 24.5\nlocked: [关系]');
  });

  it('edits the YAML tree when the weights gain or lose a name, keeping comments', () => {
    const source = '# 权重\ntype: weights\nweights:\n  a: 50 # first\n  b: 50\n';
    const cell = withInputValue(input(source), { a: 40, c: 60 });
    expect(cell.source).toContain('# 权重');
    expect(cell.source).toContain('a: 40 # first');
    expect(inputSpecOf(cell)).toEqual({ spec: { type: 'weights', weights: { a: 40, c: 60 } } });
  });

  it('adds a missing value key', () => {
    const cell = withInputValue(input('type: number # no value yet\nmin: 0'), 3);
    expect(inputSpecOf(cell)).toEqual({ spec: { type: 'number', min: 0, value: 3 } });
    expect(cell.source).toContain('# no value yet');
  });

  it('refuses a value of the wrong shape or a cell whose YAML does not parse', () => {
    expect(() => withInputValue(input('type: slider\nmin: 0\nmax: 1\nvalue: 0'), { a: 1 })).toThrow(/takes a number or a text/);
    expect(() => withInputValue(input('type: weights\nweights: {a: 100}'), 3)).toThrow(/takes weights/);
    expect(() => withInputValue(input('type: [slider'), 3)).toThrow(/no valid YAML/);
  });
});
