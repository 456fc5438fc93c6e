import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Table } from 'apache-arrow';
import type { Database } from '../../../src/engine/database';
import { loadProfileData, overdueBand, type ProfileData } from '../../../src/ui/screening/profile-data';
import { demoDatabase } from '../../support/demo-extract';
import { startNodeWasmDatabase } from '../../support/wasm-node';

/** Raw rows of a whole table, read without any of the code under test. */
async function all(db: Database, table: string): Promise<Record<string, unknown>[]> {
  const t: Table = await db.query(`SELECT * FROM ${table}`);
  return t.toArray().map((r) => r.toJSON() as Record<string, unknown>);
}

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

describe('loadProfileData on the demo extract, against a JS filter of the raw tables', () => {
  let db: Database;
  let loans: Record<string, unknown>[];
  let repayments: Record<string, unknown>[];
  let balances: Record<string, unknown>[];

  beforeAll(async () => {
    ({ db } = await demoDatabase());
    [loans, repayments, balances] = await Promise.all([all(db, 'loans'), all(db, 'repayments'), all(db, 'balances')]);
  }, 120_000);
  afterAll(async () => db?.close());

  /** The expected profile, computed in plain JS from the full tables. */
  function expected(customerId: string, asOf: string) {
    const cut = day(asOf);
    const mine = loans.filter((l) => l['customer_id'] === customerId && (l['start'] === null || (l['start'] as number) <= cut));
    const ids = new Set(mine.map((l) => l['loan_id'] as string));
    const reps = repayments.filter((r) => ids.has(r['loan_id'] as string) && (r['due_date'] as number) <= cut);
    const bySnapshot = new Map<number, number>();
    for (const b of balances) {
      if (b['customer_id'] !== customerId || (b['snapshot'] as number) > cut) continue;
      bySnapshot.set(b['snapshot'] as number, (bySnapshot.get(b['snapshot'] as number) ?? 0) + (b['balance'] as number));
    }
    return { mine, reps, bySnapshot };
  }

  function checkAgainst(profile: ProfileData, customerId: string, asOf: string) {
    const { mine, reps, bySnapshot } = expected(customerId, asOf);
    expect(profile.notes).toEqual([]);
    // loans: same set, same sums, ordered by start then id, dates as UTC midnights
    expect(profile.loans.map((l) => l.loanId).sort()).toEqual(mine.map((l) => l['loan_id']).sort());
    const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(profile.loans.map((l) => l.balance))).toBeCloseTo(sum(mine.map((l) => l['balance'] as number)), 2);
    expect(sum(profile.loans.map((l) => l.amount))).toBeCloseTo(sum(mine.map((l) => l['amount'] as number)), 2);
    for (let i = 1; i < profile.loans.length; i++) {
      const a = profile.loans[i - 1]!;
      const b = profile.loans[i]!;
      expect(a.start!.getTime() < b.start!.getTime() || (a.start!.getTime() === b.start!.getTime() && a.loanId < b.loanId)).toBe(true);
    }
    for (const l of profile.loans) {
      const raw = mine.find((m) => m['loan_id'] === l.loanId)!;
      expect(l.start).toBeInstanceOf(Date);
      expect(l.start!.getTime()).toBe(raw['start']);
      expect(l.maturity!.getTime()).toBe(raw['maturity']);
      expect(l.start!.getUTCHours()).toBe(0);
      expect(l.start!.getTime()).toBeLessThanOrEqual(day(asOf));
      expect(l.ownBank).toBe(raw['bank'] === '本行');
      expect(l.product).toBe(raw['product']);
    }
    // repayments: same count and sums, ordered by due date then loan id, all due by asOf
    expect(profile.repayments).toHaveLength(reps.length);
    expect(sum(profile.repayments.map((r) => r.dueAmount))).toBeCloseTo(sum(reps.map((r) => r['due_amount'] as number)), 2);
    expect(sum(profile.repayments.map((r) => r.overdueDays))).toBe(sum(reps.map((r) => r['overdue_days'] as number)));
    expect(profile.repayments.filter((r) => r.paidDate === null)).toHaveLength(reps.filter((r) => r['paid_date'] === null).length);
    for (let i = 1; i < profile.repayments.length; i++) {
      const a = profile.repayments[i - 1]!;
      const b = profile.repayments[i]!;
      expect(a.dueDate.getTime() < b.dueDate.getTime() || (a.dueDate.getTime() === b.dueDate.getTime() && a.loanId <= b.loanId)).toBe(true);
    }
    // balances: one point per snapshot, summed, in date order
    expect(profile.balances.map((b) => b.date.getTime())).toEqual([...bySnapshot.keys()].sort((a, b) => a - b));
    for (const b of profile.balances) expect(b.balance).toBeCloseTo(bySnapshot.get(b.date.getTime())!, 2);
  }

  it('matches for the customer with the most loans, the first customer and one with long overdue installments', async () => {
    const most = (await db.query(`SELECT customer_id FROM loans GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`)).getChild('customer_id')!.get(0) as string;
    const late = (await db.query(`SELECT l.customer_id FROM repayments r JOIN loans l USING (loan_id) WHERE r.overdue_days > 30 ORDER BY 1 LIMIT 1`)).getChild('customer_id')!.get(0) as string;
    for (const id of [most, '8000000001', late]) {
      const profile = await loadProfileData(db, id, '2025-12-31');
      expect(profile.loans.length).toBeGreaterThan(0);
      checkAgainst(profile, id, '2025-12-31');
    }
    const lateProfile = await loadProfileData(db, late, '2025-12-31');
    expect(lateProfile.repayments.some((r) => r.overdueDays > 30)).toBe(true);
  });

  it('cuts at an earlier analysis date: nothing started, due or snapshotted after it', async () => {
    const id = (await db.query(`SELECT customer_id FROM loans GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1`)).getChild('customer_id')!.get(0) as string;
    const full = await loadProfileData(db, id, '2025-12-31');
    const early = await loadProfileData(db, id, '2024-06-30');
    checkAgainst(early, id, '2024-06-30');
    expect(early.loans.length).toBeLessThan(full.loans.length);
    expect(early.balances.every((b) => b.date.getTime() <= day('2024-06-30'))).toBe(true);
    expect(early.repayments.every((r) => r.dueDate.getTime() <= day('2024-06-30'))).toBe(true);
  });

  it('gives a customer without loans no loans or repayments, but their balances', async () => {
    const id = (await db.query(
      `SELECT c.customer_id FROM customers c WHERE NOT EXISTS (SELECT 1 FROM loans l WHERE l.customer_id = c.customer_id)
         AND EXISTS (SELECT 1 FROM balances b WHERE b.customer_id = c.customer_id) ORDER BY 1 LIMIT 1`,
    )).getChild('customer_id')!.get(0) as string;
    const profile = await loadProfileData(db, id, '2025-12-31');
    expect(profile.loans).toEqual([]);
    expect(profile.repayments).toEqual([]);
    expect(profile.balances.length).toBeGreaterThan(0);
    checkAgainst(profile, id, '2025-12-31');
  });

  it('gives an unknown id (even one shaped like SQL) nothing at all', async () => {
    for (const id of ['no-such-customer', "x' OR '1'='1"]) {
      const profile = await loadProfileData(db, id, '2025-12-31');
      expect(profile).toEqual({ loans: [], repayments: [], balances: [], notes: [] });
    }
  });

  it('rejects when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(loadProfileData(db, '8000000001', '2025-12-31', { signal: controller.signal })).rejects.toThrow();
  });
});

describe('loadProfileData on a hand-made extract lacking balances and some columns', () => {
  let db: Database;
  beforeAll(async () => {
    db = await startNodeWasmDatabase();
    // C1: L1 own bank, L2 another bank, L3 starts after the analysis date; C2 has L4
    await db.exec(`CREATE TABLE loans AS SELECT * FROM (VALUES
      ('L1', 'C1', '流动资金贷款', '本行', 300.0, 100.0, DATE '2024-01-15', DATE '2025-01-15'),
      ('L2', 'C1', '票据', '工商银行', 80.0, 50.0, DATE '2024-06-01', DATE '2026-06-01'),
      ('L3', 'C1', '中长期贷款', '本行', 10.0, 10.0, DATE '2026-02-01', DATE '2027-02-01'),
      ('L4', 'C2', '票据', '本行', 7.0, 7.0, DATE '2024-01-01', DATE '2025-01-01')
    ) t(loan_id, customer_id, product, bank, amount, balance, start, maturity)`);
    await db.exec(`CREATE TABLE repayments AS SELECT * FROM (VALUES
      ('L2', DATE '2024-07-01', NULL, 20.0, 0.0, 45),
      ('L1', DATE '2024-03-15', DATE '2024-03-27', 10.0, 10.0, 12),
      ('L1', DATE '2024-02-15', DATE '2024-02-15', 10.0, 10.0, 0),
      ('L3', DATE '2026-03-01', NULL, 5.0, 0.0, 0),
      ('L4', DATE '2024-02-01', DATE '2024-02-01', 7.0, 7.0, 0)
    ) t(loan_id, due_date, paid_date, due_amount, paid_amount, overdue_days)`);
  }, 120_000);
  afterAll(async () => db?.close());

  it('returns the hand-worked loans and repayments, empty balances, and says what was missing', async () => {
    const p = await loadProfileData(db, 'C1', '2025-12-31');
    expect(p.loans.map((l) => [l.loanId, l.ownBank, l.start!.toISOString().slice(0, 10)])).toEqual([
      ['L1', true, '2024-01-15'],
      ['L2', false, '2024-06-01'],
    ]);
    expect(Number.isNaN(p.loans[0]!.rate)).toBe(true);
    expect(p.loans[0]!.guarantee).toBe('');
    expect(p.repayments.map((r) => [r.loanId, r.dueDate.toISOString().slice(0, 10), r.overdueDays, r.paidDate?.toISOString().slice(0, 10) ?? null])).toEqual([
      ['L1', '2024-02-15', 0, '2024-02-15'],
      ['L1', '2024-03-15', 12, '2024-03-27'],
      ['L2', '2024-07-01', 45, null],
    ]);
    expect(p.balances).toEqual([]);
    expect(p.notes).toEqual([
      { kind: 'missing-column', table: 'loans', column: 'rate' },
      { kind: 'missing-column', table: 'loans', column: 'guarantee' },
      { kind: 'missing-column', table: 'loans', column: 'class' },
      { kind: 'missing-table', table: 'balances' },
    ]);
  });

  it('sums loan-level balances (rows with a loan id and no customer id) per snapshot', async () => {
    await db.exec(`CREATE TABLE balances AS SELECT * FROM (VALUES
      (DATE '2024-06-30', 'L1', 100.0), (DATE '2024-06-30', 'L2', 50.0), (DATE '2024-05-31', 'L1', 120.0),
      (DATE '2024-06-30', 'L4', 7.0), (DATE '2026-02-28', 'L3', 10.0)
    ) t(snapshot, loan_id, balance)`);
    try {
      const p = await loadProfileData(db, 'C1', '2025-12-31');
      expect(p.balances.map((b) => [b.date.toISOString().slice(0, 10), b.balance])).toEqual([
        ['2024-05-31', 120],
        ['2024-06-30', 150],
      ]);
      expect(p.notes.some((n) => n.table === 'balances')).toBe(false);
    } finally {
      await db.exec('DROP TABLE balances');
    }
  });

  it('tolerates a database without any extract table', async () => {
    const empty = await startNodeWasmDatabase();
    try {
      const p = await loadProfileData(empty, 'C1', '2025-12-31');
      expect(p.loans).toEqual([]);
      expect(p.notes.map((n) => n.kind === 'missing-table' && n.table)).toEqual(['loans', 'repayments', 'balances']);
    } finally {
      await empty.close();
    }
  });
});

describe('overdueBand', () => {
  it('puts 0 on time, 1–30 late, more than 30 in the worst band, and a blank in none of them', () => {
    expect([0, 1, 30, 31, 90].map(overdueBand)).toEqual(['on-time', 'late', 'late', 'overdue-30', 'overdue-30']);
    expect(overdueBand(Number.NaN)).toBe('unknown');
  });
});
