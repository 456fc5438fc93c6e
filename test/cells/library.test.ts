import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/engine/database';
import type { QualityReport } from '../../src/extract/report';
import { INDICATOR_CELLS, MATRIX_TEMPLATE, matrixSql, parseCellHeader, withDependencies, type LibraryCell } from '../../src/notebook/cell-library';
import { cellId, type Cell } from '../../src/notebook/document';
import { analyseSqlCell } from '../../src/runtime/sql/sql-references';
import { useDemoDatabase } from '../support/demo-extract';
import { nodeRuntime } from '../support/run-notebook';
import { readRows } from './support';

const EXTRACT_TABLES = ['customers', 'facilities', 'loans', 'repayments', 'balances', 'outcomes'];
const byId = (id: string) => INDICATOR_CELLS.find((cell) => cell.id === id)!;

describe('the library files', () => {
  it('holds one indicator cell per DOMAIN.md dimension, in DOMAIN.md order, each named ind_<file>', () => {
    expect(INDICATOR_CELLS.map((cell) => cell.id)).toEqual(['funding_need', 'repayment', 'channel', 'product', 'lifecycle', 'size', 'relationship', 'maturity', 'volatility']);
    for (const cell of INDICATOR_CELLS) expect(cell.name).toBe(`ind_${cell.id}`);
  });

  it('declares the contract columns the screening UI and the scoring model read', () => {
    const columns = (id: string) => byId(id).columns.map((c) => c.name);
    expect(columns('funding_need')).toEqual(expect.arrayContaining(['total_balance', 'total_limit', 'utilisation', 'balance_growth_3m', 'balance_growth_12m']));
    expect(columns('repayment')).toEqual(expect.arrayContaining(['max_overdue_days', 'mean_overdue_days', 'late_installments', 'on_time_ratio', 'bad_class']));
    expect(columns('channel')).toEqual(expect.arrayContaining(['other_banks', 'other_share']));
    expect(columns('product')).toEqual(expect.arrayContaining(['products', 'share_working_capital', 'share_operating', 'share_term', 'share_bills', 'share_supply_chain']));
    expect(columns('lifecycle')).toEqual(expect.arrayContaining(['firm_age_years', 'months_since_first_loan', 'months_since_last_loan', 'loans_per_year', 'stage']));
    expect(columns('size')).toEqual(expect.arrayContaining(['revenue', 'assets', 'employees', 'size_label']));
    expect(columns('relationship')).toEqual(expect.arrayContaining(['relation_years', 'own_products', 'own_balance']));
    expect(columns('maturity')).toEqual(expect.arrayContaining(['maturing_90d', 'next_maturity']));
    expect(columns('volatility')).toEqual(expect.arrayContaining(['balance_cv', 'largest_drop']));
    // the overdue and risk columns are cost-type; the funding need and relationship ones benefit-type
    for (const name of ['max_overdue_days', 'mean_overdue_days', 'late_installments', 'bad_class']) expect(byId('repayment').columns.find((c) => c.name === name)!.direction).toBe('cost');
    expect(byId('repayment').columns.find((c) => c.name === 'on_time_ratio')!.direction).toBe('benefit');
    for (const name of ['balance_cv', 'largest_drop']) expect(byId('volatility').columns.find((c) => c.name === name)!.direction).toBe('cost');
  });

  it.each(INDICATOR_CELLS.map((cell) => [cell.id, cell] as const))('%s: declares as_of, is keyed by customer_id, and its needs are exactly what its SQL reads', (_id, cell) => {
    expect(cell.inputs).toContainEqual({ name: 'as_of', type: 'date' });
    expect(cell.key).toBe('customer_id');
    const analysis = analyseSqlCell(cell.sql);
    if ('error' in analysis) throw new Error(analysis.error.message);
    expect([...analysis.tables].sort()).toEqual([...cell.needs].sort());
    for (const param of analysis.params) expect(cell.inputs.map((i) => i.name)).toContain(param);
    for (const need of cell.needs) expect([...EXTRACT_TABLES, ...INDICATOR_CELLS.map((c) => c.name)]).toContain(need);
  });

  it('has no column name in two cells, so any choice of cells joins into one matrix', () => {
    const names = INDICATOR_CELLS.flatMap((cell) => cell.columns.map((c) => c.name));
    expect(names.length).toBe(new Set(names).size);
  });

  it('adds the library cells a chosen cell reads, in library order', () => {
    expect(withDependencies([byId('volatility'), byId('lifecycle')]).map((c) => c.id)).toEqual(['funding_need', 'lifecycle', 'volatility']);
    expect(withDependencies([byId('size')]).map((c) => c.id)).toEqual(['size']);
  });
});

describe('matrixSql', () => {
  it('joins each chosen cell once and declares its columns after the template\'s, with the chosen cells as needs', () => {
    const chosen = [byId('channel'), byId('size')];
    const sql = matrixSql(chosen);
    expect(sql.split('\n').filter((line) => line.startsWith('LEFT JOIN'))).toEqual(['LEFT JOIN ind_channel USING (customer_id)', 'LEFT JOIN ind_size USING (customer_id)']);
    const header = parseCellHeader('indicator_matrix', sql);
    expect(header.needs).toEqual(['customers', 'ind_channel', 'ind_size']);
    expect(header.columns.map((c) => c.name)).toEqual([...MATRIX_TEMPLATE.columns, ...chosen.flatMap((c) => c.columns)].map((c) => c.name));
    expect(header.columns.find((c) => c.name === 'other_share')).toEqual(byId('channel').columns.find((c) => c.name === 'other_share'));
    expect(matrixSql([]).split('\n').filter((line) => line.startsWith('LEFT JOIN'))).toEqual([]);
  });

  it('refuses a cell chosen twice or a column the matrix already has', () => {
    expect(() => matrixSql([byId('size'), byId('size')])).toThrow('ind_size is chosen twice');
    const clash: LibraryCell = { ...byId('size'), name: 'ind_other', columns: [{ name: 'industry', unit: 'text', direction: 'none', description: 'x' }] };
    expect(() => matrixSql([clash])).toThrow('column "industry" of ind_other is also in cells/indicator_matrix.sql');
  });
});

describe('the library run as a notebook on the demo extract', () => {
  let db: Database;
  let reports: QualityReport[];
  useDemoDatabase((loaded) => ({ db, reports } = loaded));

  it('every cell and the matrix over all of them run, one row per customer in customer order, with exactly the declared columns', async () => {
    const matrix = parseCellHeader('indicator_matrix', matrixSql(INDICATOR_CELLS));
    // reversed, so the runtime (not the order of the cells) must see that ind_lifecycle reads ind_funding_need
    const cells: Cell[] = [
      { kind: 'sql', id: cellId('matrix'), name: 'indicator_matrix', source: matrix.sql },
      ...[...INDICATOR_CELLS].reverse().map((cell): Cell => ({ kind: 'sql', id: cellId(cell.id), name: cell.name, source: cell.sql })),
      { kind: 'input', id: cellId('as-of'), name: 'as_of', source: 'type: date\nvalue: 2025-12-31\n' },
    ];
    const runtime = nodeRuntime(db, new Set(reports.map((r) => r.table)));
    runtime.setCells(cells);
    await runtime.idle();
    const failed = cells.filter((c) => runtime.state(c.id)?.status !== 'done').map((c) => `${c.id}: ${runtime.state(c.id)?.error?.message}`);
    expect(failed).toEqual([]);

    const customers = (await readRows(db, 'SELECT customer_id FROM customers ORDER BY customer_id')).map((r) => r['customer_id']);
    for (const cell of [...INDICATOR_CELLS, matrix]) {
      const display = runtime.state(cellId(cell.id === 'indicator_matrix' ? 'matrix' : cell.id))!.display!;
      if (display.kind !== 'relation') throw new Error(`${cell.id}: not a relation`);
      expect(display.columns.map((c) => c.name), cell.id).toEqual(['customer_id', ...cell.columns.map((c) => c.name)]);
      expect(display.rows, cell.id).toBe(customers.length);
      const ids = (await readRows(db, `SELECT customer_id FROM temp.main."${cell.name}"`)).map((r) => r['customer_id']);
      expect(ids, `${cell.id}: one row per customer, ordered by customer_id`).toEqual(customers);
    }
  }, 120_000);
});
