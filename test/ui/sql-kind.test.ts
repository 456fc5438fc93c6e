import { describe, expect, it } from 'vitest';
import { mayWrite } from '../../src/ui/sql-kind';

describe('mayWrite', () => {
  it('tells reading statements from those that may change a table', () => {
    expect(mayWrite('SELECT * FROM loans')).toBe(false);
    expect(mayWrite('  with x AS (SELECT 1) SELECT * FROM x;')).toBe(false);
    expect(mayWrite('-- a comment\nDESCRIBE loans')).toBe(false);
    expect(mayWrite("UPDATE customers SET name = 'x'")).toBe(true);
    expect(mayWrite('SELECT 1; DROP TABLE loans')).toBe(true);
    expect(mayWrite('-- only\nCREATE TABLE t AS SELECT 1')).toBe(true);
  });
});
