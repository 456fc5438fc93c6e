import { describe, expect, it } from 'vitest';
import { reconfigureLanguage } from '../../../src/ui/editor/editor-state';
import { sqlCompletionSchema, sqlIdentifier } from '../../../src/ui/editor/sql-completion';
import { EMPTY_SCHEMA } from '../../../src/ui/editor/types';
import { SCHEMA, labelsAt, offeredAt, stateAt } from './support';

describe('sqlCompletionSchema', () => {
  it('gives each table its columns, quoting the names DuckDB needs quoted', () => {
    const namespace = sqlCompletionSchema({ ...EMPTY_SCHEMA, tables: { loans: ['loan_id', 'limit', '余额', 'loan_id'], 'odd.name': [] } });
    expect(namespace).toEqual({
      loans: {
        self: { label: 'loans', type: 'type', detail: 'table' },
        children: [
          { label: 'loan_id', type: 'property', detail: 'loans' },
          { label: 'limit', type: 'property', detail: 'loans', apply: '"limit"' },
          { label: '余额', type: 'property', detail: 'loans', apply: '"余额"' },
        ],
      },
      'odd\\.name': { self: { label: 'odd.name', type: 'type', detail: 'table', apply: '"odd.name"' }, children: [] },
    });
  });

  it('quotes reserved words, non-ASCII names and embedded quotes, and leaves plain names bare', () => {
    expect(sqlIdentifier('customer_id')).toBe('customer_id');
    expect(sqlIdentifier('CustomerId')).toBe('CustomerId');
    expect(sqlIdentifier('LIMIT')).toBe('"LIMIT"');
    expect(sqlIdentifier('客户名称')).toBe('"客户名称"');
    expect(sqlIdentifier('a"b')).toBe('"a""b"');
  });
});

describe('SQL completion', () => {
  it('offers the tables right after FROM, before a letter is typed', async () => {
    const labels = await labelsAt('SELECT * FROM |', 'sql');
    expect(labels).toEqual(expect.arrayContaining(['customers', 'facilities', 'scored']));
  });

  it('offers tables after JOIN and narrows them as the name is typed', async () => {
    expect(await labelsAt('SELECT * FROM customers c JOIN fa|', 'sql')).toContain('facilities');
    expect(await labelsAt('SELECT * FROM customers c JOIN fa|', 'sql')).not.toContain('customers');
  });

  it('offers nothing after FROM when no table is known', async () => {
    expect(await labelsAt('SELECT * FROM |', 'sql', EMPTY_SCHEMA)).toEqual([]);
  });

  it("offers a table's columns after `table.`", async () => {
    const labels = await labelsAt('SELECT customers.| FROM customers', 'sql');
    expect(labels).toEqual(['customer_id', 'industry', 'region', '客户名称']);
  });

  it("offers a table's columns after its alias", async () => {
    expect(await labelsAt('SELECT f.| FROM facilities f', 'sql')).toEqual(['customer_id', 'limit', 'used']);
  });

  it('inserts column names DuckDB needs quoted with their quotes', async () => {
    const { state, pos } = stateAt('SELECT f.li| FROM facilities f', 'sql', SCHEMA);
    expect(await offeredAt(state, pos)).toContainEqual({ label: 'limit', detail: 'facilities', insert: '"limit"' });
  });

  it('offers unqualified columns of the tables the statement names, and no others', async () => {
    const labels = await labelsAt('SELECT ind| FROM customers', 'sql');
    expect(labels).toContain('industry');
    expect(await labelsAt('SELECT sc| FROM customers', 'sql')).not.toContain('score');
    expect(await labelsAt('SELECT sc| FROM customers;\nSELECT * FROM scored', 'sql')).not.toContain('score');
  });

  it('offers DuckDB keywords such as QUALIFY and PIVOT', async () => {
    expect(await labelsAt('SELECT * FROM customers QUAL|', 'sql')).toContain('QUALIFY');
    expect(await labelsAt('PIV|', 'sql')).toContain('PIVOT');
  });

  it('offers inputs as $name after a dollar sign', async () => {
    expect(await labelsAt('SELECT * FROM scored WHERE score > $|', 'sql')).toEqual(['$cutoff', '$weights']);
    expect(await labelsAt('SELECT * FROM scored WHERE score > $cu|', 'sql')).toEqual(['$cutoff']);
  });

  it('offers nothing inside a string or a comment', async () => {
    expect(await labelsAt("SELECT 'FROM |", 'sql')).toEqual([]);
    expect(await labelsAt("SELECT '$|'", 'sql')).toEqual([]);
    expect(await labelsAt('-- SELECT * FROM |', 'sql')).toEqual([]);
    expect(await labelsAt("SELECT * FROM customers WHERE region = 'wor|'", 'sql')).toEqual([]);
    expect(await labelsAt('SELECT * FROM scored WHERE score > $cu|', 'sql')).not.toContain('CUBE');
  });

  it('takes a new schema through its compartment, without a new state', async () => {
    const { state, pos } = stateAt('SELECT * FROM |', 'sql');
    expect(await offeredAt(state, pos)).toEqual([]);
    const next = state.update({ effects: reconfigureLanguage('sql', SCHEMA) }).state;
    expect((await offeredAt(next, pos)).map((o) => o.label)).toContain('customers');
  });
});
