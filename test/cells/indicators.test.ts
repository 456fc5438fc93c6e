import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/engine/database';
import { INDICATOR_CELLS } from '../../src/notebook/cell-library';
import { demoDatabase } from '../support/demo-extract';
import { dayOf, referenceIndicators, type Extract } from './reference-indicators';
import { readRows, runLibraryCell, type Row } from './support';

/**
 * Every indicator cell's result on the demo extract equals an independent computation of its
 * header's definition in plain TypeScript (reference-indicators.ts), for every customer, at three
 * analysis dates: the extract date; a mid-month date (reference month-end is the month before,
 * installments paid after it count as unpaid, later loans and facilities are left out) chosen so
 * that every window boundary holds data (loans of this bank maturing on it and 90 days after it,
 * loans and facilities starting on it, installments due on it and 12 months before it); and the
 * end of a February whose window starts in a leap year.
 */
const BOUNDARY_DATE = '2025-11-27';
const AS_OF = ['2025-12-31', BOUNDARY_DATE, '2025-02-28'];

let db: Database;
let extract: Extract;
beforeAll(async () => {
  ({ db } = await demoDatabase());
  const read = (table: string) => readRows(db, `SELECT * FROM ${table}`);
  extract = {
    customers: await read('customers'),
    loans: await read('loans'),
    facilities: await read('facilities'),
    repayments: await read('repayments'),
    balances: await read('balances'),
  };
}, 120_000);
afterAll(async () => db?.close());

const DAY_MS = 86_400_000;

/** Whether a SQL value equals the expected one: numbers to 1e-9 relative, dates (epoch ms) as days. */
function same(actual: unknown, expected: unknown, column: string, dateColumns: ReadonlySet<string>): boolean {
  if (actual === null || actual === undefined || expected === null || expected === undefined) return (actual ?? null) === (expected ?? null);
  if (dateColumns.has(column)) return Math.round(Number(actual) / DAY_MS) === expected;
  if (typeof expected === 'number') return Math.abs(Number(actual) - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
  return actual === expected;
}

describe.each(AS_OF)('the indicator cells as of %s', (asOf) => {
  let expected: Record<string, Map<string, Row>>;
  const results = new Map<string, Row[]>();
  beforeAll(async () => {
    expected = referenceIndicators(extract, asOf);
    // in library order: ind_lifecycle reads ind_funding_need's table, which must be of this as_of
    for (const cell of INDICATOR_CELLS) results.set(cell.id, (await runLibraryCell(db, cell, asOf)).rows);
  }, 60_000);

  it.each(INDICATOR_CELLS.map((cell) => [cell.id, cell] as const))('%s matches the independent computation for every customer', (id, cell) => {
    const want = expected[id];
    expect(want, `no reference computation for ${id}`).toBeDefined();
    const rows = results.get(id)!;
    expect(rows.length).toBe(extract.customers.length);
    const dates = new Set(cell.columns.filter((c) => c.unit === 'date').map((c) => c.name));
    const mismatches: string[] = [];
    for (const row of rows) {
      const customer = String(row['customer_id']);
      const reference = want!.get(customer)!;
      for (const column of cell.columns) {
        if (!same(row[column.name], reference[column.name], column.name, dates)) {
          mismatches.push(`${customer}.${column.name}: SQL ${String(row[column.name])}, expected ${String(reference[column.name])}`);
        }
      }
    }
    expect(mismatches.slice(0, 10)).toEqual([]);
  });
});

describe('the comparison covers the edge cases', () => {
  it('has customers without loans, without installments due, overdue, badly classed, and every stage, as of the extract date', () => {
    const expected = referenceIndicators(extract, '2025-12-31');
    const count = (cell: string, test: (row: Row) => boolean) => [...expected[cell]!.values()].filter(test).length;
    expect(count('lifecycle', (r) => r['months_since_first_loan'] === null)).toBeGreaterThan(0);
    expect(count('repayment', (r) => r['installments_due'] === 0)).toBeGreaterThan(0);
    expect(count('repayment', (r) => (r['max_overdue_days'] as number) > 30)).toBeGreaterThan(0);
    expect(count('repayment', (r) => r['bad_class'] === 1)).toBeGreaterThan(0);
    expect(count('channel', (r) => r['other_share'] === null)).toBeGreaterThan(0);
    expect(count('maturity', (r) => (r['maturing_90d'] as number) > 0)).toBeGreaterThan(0);
    expect(count('volatility', (r) => r['largest_drop'] === null)).toBeGreaterThan(0);
    expect(count('funding_need', (r) => r['balance_growth_12m'] === null)).toBeGreaterThan(0);
    for (const stage of ['新设立', '扩张期', '成熟期', '转型期']) expect(count('lifecycle', (r) => r['stage'] === stage), stage).toBeGreaterThan(0);
  });

  it('has data on every window boundary of the mid-month date, and installments paid after it', () => {
    const asOf = dayOf(BOUNDARY_DATE);
    const d = (value: unknown) => (value === null ? null : Math.round(Number(value) / DAY_MS));
    const ownOpen = extract.loans.filter((l) => l['bank'] === '本行' && Number(l['balance']) > 0);
    expect(ownOpen.filter((l) => d(l['maturity']) === asOf).length).toBeGreaterThan(0);
    expect(ownOpen.filter((l) => d(l['maturity']) === asOf + 90 && d(l['start'])! <= asOf).length).toBeGreaterThan(0);
    expect(extract.loans.filter((l) => d(l['start']) === asOf).length).toBeGreaterThan(0);
    expect(extract.facilities.filter((f) => d(f['start']) === asOf || d(f['maturity']) === asOf).length).toBeGreaterThan(0);
    expect(extract.repayments.filter((r) => d(r['due_date']) === asOf).length).toBeGreaterThan(0);
    expect(extract.repayments.filter((r) => d(r['due_date']) === dayOf('2024-11-27')).length).toBeGreaterThan(0);
    const paidLater = extract.repayments.filter((r) => {
      const due = Math.round(Number(r['due_date']) / DAY_MS);
      const paid = r['paid_date'] === null ? null : Math.round(Number(r['paid_date']) / DAY_MS);
      return due <= asOf && paid !== null && paid > asOf && paid > due;
    });
    expect(paidLater.length).toBeGreaterThan(0);
  });
});
