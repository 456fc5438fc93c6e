import { describe, expect, it } from 'vitest';
import { boundQuery } from '../../../src/runtime/ts/sql-template';

const tag = (strings: TemplateStringsArray, ...values: unknown[]) => boundQuery(strings, values);

describe('the sql tagged template', () => {
  it('binds ${} values as parameters, never as text', () => {
    const region = "east'; DROP TABLE loans; --";
    expect(tag`SELECT * FROM t WHERE region = ${region} AND score > ${0.5}`).toEqual({ sql: 'SELECT * FROM t WHERE region = ? AND score > ?', params: [region, 0.5] });
  });

  it('turns an array into a list of parameters, and an empty one into NULL', () => {
    expect(tag`SELECT * FROM t WHERE id IN (${[1, 2, 3]})`).toEqual({ sql: 'SELECT * FROM t WHERE id IN (?, ?, ?)', params: [1, 2, 3] });
    expect(tag`SELECT * FROM t WHERE id IN (${[]})`).toEqual({ sql: 'SELECT * FROM t WHERE id IN (NULL)', params: [] });
  });

  it('binds dates as ISO text, bigints as numbers, undefined as null', () => {
    expect(tag`${new Date('2024-01-01T00:00:00Z')} ${5n} ${undefined}`.params).toEqual(['2024-01-01T00:00:00.000Z', 5, null]);
  });

  it('also takes text with ? placeholders and a parameter list', () => {
    expect(boundQuery('SELECT ?', [[1]])).toEqual({ sql: 'SELECT ?', params: [1] });
  });

  it('refuses objects as parameters and a call that is neither form', () => {
    expect(() => tag`SELECT ${{ a: 1 }}`).toThrow('sql parameters must be');
    expect(() => boundQuery(42, [])).toThrow('tagged template');
  });
});
