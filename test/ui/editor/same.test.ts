import { describe, expect, it } from 'vitest';
import { sameErrors, sameSchema } from '../../../src/ui/editor/same';
import { SCHEMA } from './support';

describe('sameSchema and sameErrors', () => {
  it('treat a rebuilt but equal schema as the same, so the editor is not reconfigured', () => {
    const rebuilt = JSON.parse(JSON.stringify(SCHEMA)) as typeof SCHEMA;
    expect(sameSchema(SCHEMA, rebuilt)).toBe(true);
    expect(sameSchema(SCHEMA, { ...rebuilt, inputs: ['cutoff'] })).toBe(false);
    expect(sameSchema(SCHEMA, { ...rebuilt, tables: { ...rebuilt.tables, scored: ['customer_id', 'score', 'band'] } })).toBe(false);
    expect(sameSchema(SCHEMA, { ...rebuilt, tables: { customers: [], facilities: [], scored: [] } })).toBe(false);
  });

  it('treat a rebuilt but equal error list as the same, so marks keep following edits', () => {
    expect(sameErrors([{ line: 2, column: 3, message: 'x' }], [{ line: 2, column: 3, message: 'x' }])).toBe(true);
    expect(sameErrors([], [])).toBe(true);
    expect(sameErrors([{ line: 2, message: 'x' }], [{ line: 2, column: 1, message: 'x' }])).toBe(false);
    expect(sameErrors([{ line: 2, message: 'x' }], [])).toBe(false);
  });
});
