import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_NOTEBOOK, matrixCells } from '../../bench/matrix-sql';

describe('matrixCells', () => {
  it('finds the demo notebook\'s matrix: the as_of input, the nine library cells and the matrix, in notebook order', () => {
    const m = matrixCells(readFileSync(DEMO_NOTEBOOK, 'utf8'));
    // read off notebooks/demo.md: the input first, then the library cells as they appear, the matrix last
    expect(m.names).toEqual([
      'as_of',
      'ind_funding_need',
      'ind_repayment',
      'ind_channel',
      'ind_product',
      'ind_lifecycle',
      'ind_size',
      'ind_relationship',
      'ind_maturity',
      'ind_volatility',
      'indicator_matrix',
    ]);
    expect(m.sqlNames).toEqual(m.names.slice(1));
    expect(m.inputs).toEqual({ as_of: '2025-12-31' });
    // outcomes is loaded but the matrix does not read it
    expect(m.tables).toEqual(['balances', 'customers', 'facilities', 'loans', 'repayments']);
    // the cells the scoring reads after the matrix (model, weights, scored, charts) are not part of it
    expect(m.names).not.toContain('scored');
  });

  it('follows references transitively and leaves out what the target does not read', () => {
    const notebook = [
      '---',
      'tierbook: 1',
      'title: t',
      '---',
      '',
      '```input cell=day name=day',
      'type: date',
      'value: 2024-06-30',
      '```',
      '',
      '```input cell=unused-input name=unused_input',
      'type: number',
      'value: 3',
      '```',
      '',
      '```sql cell=a name=a',
      'SELECT customer_id FROM customers WHERE founded <= $day',
      '```',
      '',
      '```sql cell=unrelated name=unrelated',
      'SELECT * FROM loans LIMIT $unused_input',
      '```',
      '',
      '```sql cell=b name=b',
      'WITH x AS (SELECT * FROM a) SELECT * FROM x JOIN facilities USING (customer_id)',
      '```',
      '',
      '```sql cell=m name=m',
      'SELECT * FROM b',
      '```',
      '',
    ].join('\n');
    const m = matrixCells(notebook, 'm');
    expect(m.names).toEqual(['day', 'a', 'b', 'm']);
    expect(m.inputs).toEqual({ day: '2024-06-30' });
    expect(m.tables).toEqual(['customers', 'facilities']);
    expect(() => matrixCells(notebook, 'nope')).toThrow(/no cell named nope/);
  });
});
