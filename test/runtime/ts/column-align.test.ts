import { describe, expect, it } from 'vitest';
import { alignColumn } from '../../../src/runtime/ts/column-align';

describe('aligning an output column with its TypeScript line', () => {
  it('is the identity for a line without types', () => {
    expect(alignColumn('return a.b;', 'return a.b;', 7)).toBe(7);
  });

  it('skips removed annotations and casts', () => {
    const source = 'const x: number = foo.bar as number;';
    const output = 'const x = foo.bar ;';
    expect(alignColumn(source, output, output.indexOf('foo'))).toBe(source.indexOf('foo'));
    expect(alignColumn(source, output, output.indexOf('bar'))).toBe(source.indexOf('bar'));
  });

  it('keeps columns right after a template literal (where sucrase\'s own map goes wrong)', () => {
    const source = 'const t = await sql`SELECT ${region}`; const n: number = t.numRows;';
    const output = 'const t = await sql`SELECT ${region}`; const n = t.numRows;';
    expect(alignColumn(source, output, output.indexOf('t.numRows'))).toBe(source.indexOf('t.numRows'));
  });
});
