import type { Table } from 'apache-arrow';
import { describeTable } from '../../engine/catalog';
import { quoteIdent, type Database } from '../../engine/database';
import { OWN_BANK } from '../../demo/vocabulary';

/**
 * The rows behind one customer's profile (客户画像): their loans, the repayments of those loans
 * and their month-end balances, read from the extract tables as plain objects (no Arrow, no DOM)
 * so the drawer and its charts never touch DuckDB types.
 *
 * Point in time: only what was known on the analysis date is returned (loans started on or before
 * it, repayments due on or before it, snapshots on or before it), the same cut the indicator
 * query of the bundled notebook makes, so a profile opened for a back-dated analysis does not
 * show the future the model was not allowed to see. A loan's maturity may lie after the date:
 * that is contract data, known when the loan was made.
 */

/** One loan (借据) of the customer. Missing numbers are NaN, missing texts '', missing dates null. */
export interface ProfileLoan {
  readonly loanId: string;
  readonly product: string;
  readonly bank: string;
  /** true for this bank's own loans (贷款机构 '本行'), false for other banks', null when the extract has no bank column */
  readonly ownBank: boolean | null;
  readonly amount: number;
  readonly balance: number;
  readonly start: Date | null;
  readonly maturity: Date | null;
  readonly rate: number;
  readonly guarantee: string;
  /** 五级分类 */
  readonly class: string;
}

/** One installment of one of the customer's loans. */
export interface ProfileRepayment {
  readonly loanId: string;
  readonly dueDate: Date;
  readonly paidDate: Date | null;
  readonly dueAmount: number;
  readonly paidAmount: number;
  /** NaN when the extract has no overdue_days (or the cell is blank) */
  readonly overdueDays: number;
}

/** The customer's balance at one month end (summed over the rows of that snapshot). */
export interface ProfileBalance {
  readonly date: Date;
  readonly balance: number;
}

/** Why part of a profile is empty although the customer may have data: the extract lacks it. */
export type ProfileNote =
  | { readonly kind: 'missing-table'; readonly table: 'loans' | 'repayments' | 'balances' }
  | { readonly kind: 'missing-column'; readonly table: 'loans' | 'repayments' | 'balances'; readonly column: string };

export interface ProfileData {
  /** by start date (undated last), then loan id */
  readonly loans: readonly ProfileLoan[];
  /** by due date, then loan id */
  readonly repayments: readonly ProfileRepayment[];
  /** by snapshot date */
  readonly balances: readonly ProfileBalance[];
  readonly notes: readonly ProfileNote[];
}

/** Overdue bands of a repayment, as the timeline colours them: on time, 1–30 days, more than 30. */
export type OverdueBand = 'on-time' | 'late' | 'overdue-30' | 'unknown';

/**
 * The band of an installment's overdue days. 30 days is the line DOMAIN.md's risk override and
 * the usual 关注 threshold use; a blank count is 'unknown', never silently "on time".
 */
export function overdueBand(days: number): OverdueBand {
  if (Number.isNaN(days)) return 'unknown';
  if (days <= 0) return 'on-time';
  return days <= 30 ? 'late' : 'overdue-30';
}

/** True for the bank's own loans: the extract convention that 贷款机构 is '本行' for them. */
export function isOwnBank(bank: string): boolean {
  return bank.trim() === OWN_BANK;
}

const LOAN_OPTIONAL = ['product', 'bank', 'amount', 'balance', 'start', 'maturity', 'rate', 'guarantee', 'class'] as const;
const REPAYMENT_OPTIONAL = ['paid_date', 'due_amount', 'paid_amount', 'overdue_days'] as const;

/** Per optional column, its SQL (cast so a text column of a messy extract still reads) or NULL with a note. */
function columnSql(have: ReadonlySet<string>, table: ProfileNote['table'], column: string, cast: 'DATE' | 'DOUBLE' | 'VARCHAR', notes: ProfileNote[], alias = ''): string {
  if (!have.has(column)) {
    notes.push({ kind: 'missing-column', table, column });
    return `CAST(NULL AS ${cast})`;
  }
  return `TRY_CAST(${alias}${quoteIdent(column)} AS ${cast})`;
}

const LOAN_CASTS: Record<(typeof LOAN_OPTIONAL)[number], 'DATE' | 'DOUBLE' | 'VARCHAR'> = {
  product: 'VARCHAR', bank: 'VARCHAR', amount: 'DOUBLE', balance: 'DOUBLE', start: 'DATE', maturity: 'DATE', rate: 'DOUBLE', guarantee: 'VARCHAR', class: 'VARCHAR',
};
const REPAYMENT_CASTS: Record<(typeof REPAYMENT_OPTIONAL)[number], 'DATE' | 'DOUBLE'> = {
  paid_date: 'DATE', due_amount: 'DOUBLE', paid_amount: 'DOUBLE', overdue_days: 'DOUBLE',
};

/** A DATE value from Arrow (DateDay arrives as epoch milliseconds, or a Date) as a UTC Date. */
function dateOf(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return new Date(value.getTime());
  const ms = Number(value);
  return Number.isFinite(ms) ? new Date(ms) : null;
}

function numberOf(value: unknown): number {
  return value === null || value === undefined ? Number.NaN : Number(value);
}

function textOf(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

/** The rows of a result as records of raw Arrow values. */
function rowsOf(table: Table): Record<string, unknown>[] {
  const names = table.schema.fields.map((f) => f.name);
  const vectors = names.map((n) => table.getChild(n)!);
  return Array.from({ length: table.numRows }, (_v, i) => Object.fromEntries(names.map((n, j) => [n, vectors[j]!.get(i) as unknown])));
}

/**
 * Loads one customer's loans, repayments and balances as of `asOf` (YYYY-MM-DD). The id and the
 * date are bound parameters, never SQL text. A missing table or column gives empty rows or blank
 * fields plus a note saying what was missing; a query error or cancellation (through `signal`)
 * rejects.
 */
export async function loadProfileData(db: Database, customerId: string, asOf: string, options: { signal?: AbortSignal } = {}): Promise<ProfileData> {
  const notes: ProfileNote[] = [];
  const [loanCols, repayCols, balanceCols] = await Promise.all(
    (['loans', 'repayments', 'balances'] as const).map(async (t) => new Set((await describeTable(db, t)).map((c) => c.name))),
  );
  options.signal?.throwIfAborted();
  const hasLoans = loanCols!.has('loan_id') && loanCols!.has('customer_id');
  if (loanCols!.size === 0) notes.push({ kind: 'missing-table', table: 'loans' });
  else for (const c of ['loan_id', 'customer_id']) if (!loanCols!.has(c)) notes.push({ kind: 'missing-column', table: 'loans', column: c });

  // loans known on the analysis date; undated loans are kept (a blank start is not a future loan)
  const loanIdsSql = hasLoans
    ? `SELECT loan_id FROM loans WHERE CAST(customer_id AS VARCHAR) = ?${loanCols!.has('start') ? ' AND (TRY_CAST(start AS DATE) IS NULL OR TRY_CAST(start AS DATE) <= CAST(? AS DATE))' : ''}`
    : '';
  const loanIdParams = hasLoans ? (loanCols!.has('start') ? [customerId, asOf] : [customerId]) : [];

  const loans = hasLoans ? await readLoans(db, loanCols!, loanIdsSql, loanIdParams, notes, options.signal) : [];
  const repayments = await readRepayments(db, repayCols!, hasLoans ? loanIdsSql : '', loanIdParams, asOf, notes, options.signal);
  const balances = await readBalances(db, balanceCols!, hasLoans ? loanIdsSql : '', loanIdParams, customerId, asOf, notes, options.signal);
  return { loans, repayments, balances, notes };
}

async function readLoans(db: Database, have: ReadonlySet<string>, idsSql: string, idParams: string[], notes: ProfileNote[], signal?: AbortSignal): Promise<ProfileLoan[]> {
  const select = LOAN_OPTIONAL.map((c) => `${columnSql(have, 'loans', c, LOAN_CASTS[c], notes)} AS ${quoteIdent(c)}`).join(', ');
  const table = await db.query(
    `SELECT CAST(loan_id AS VARCHAR) AS loan_id, ${select} FROM loans WHERE loan_id IN (${idsSql})
     ORDER BY "start" NULLS LAST, loan_id`,
    idParams,
    { signal },
  );
  const hasBank = have.has('bank');
  return rowsOf(table).map((r) => {
    const bank = textOf(r['bank']);
    return {
      loanId: textOf(r['loan_id']),
      product: textOf(r['product']),
      bank,
      ownBank: hasBank ? isOwnBank(bank) : null,
      amount: numberOf(r['amount']),
      balance: numberOf(r['balance']),
      start: dateOf(r['start']),
      maturity: dateOf(r['maturity']),
      rate: numberOf(r['rate']),
      guarantee: textOf(r['guarantee']),
      class: textOf(r['class']),
    };
  });
}

async function readRepayments(db: Database, have: ReadonlySet<string>, idsSql: string, idParams: string[], asOf: string, notes: ProfileNote[], signal?: AbortSignal): Promise<ProfileRepayment[]> {
  if (have.size === 0) {
    notes.push({ kind: 'missing-table', table: 'repayments' });
    return [];
  }
  const missingKey = ['loan_id', 'due_date'].filter((c) => !have.has(c));
  for (const column of missingKey) notes.push({ kind: 'missing-column', table: 'repayments', column });
  if (missingKey.length || !idsSql) return [];
  const select = REPAYMENT_OPTIONAL.map((c) => `${columnSql(have, 'repayments', c, REPAYMENT_CASTS[c], notes)} AS ${quoteIdent(c)}`).join(', ');
  const table = await db.query(
    `SELECT * FROM (
       SELECT CAST(loan_id AS VARCHAR) AS loan_id, TRY_CAST(due_date AS DATE) AS due_date, ${select}
       FROM repayments WHERE loan_id IN (${idsSql})
     ) WHERE due_date <= CAST(? AS DATE)
     ORDER BY due_date, loan_id, paid_date NULLS LAST`,
    [...idParams, asOf],
    { signal },
  );
  return rowsOf(table).map((r) => ({
    loanId: textOf(r['loan_id']),
    dueDate: dateOf(r['due_date'])!,
    paidDate: dateOf(r['paid_date']),
    dueAmount: numberOf(r['due_amount']),
    paidAmount: numberOf(r['paid_amount']),
    overdueDays: numberOf(r['overdue_days']),
  }));
}

/**
 * Month-end balances: rows of the customer (customer_id), and loan-level rows without a customer
 * id whose loan is theirs, summed per snapshot — as the notebook's indicators sum them.
 */
async function readBalances(db: Database, have: ReadonlySet<string>, idsSql: string, idParams: string[], customerId: string, asOf: string, notes: ProfileNote[], signal?: AbortSignal): Promise<ProfileBalance[]> {
  if (have.size === 0) {
    notes.push({ kind: 'missing-table', table: 'balances' });
    return [];
  }
  const missing = ['snapshot', 'balance'].filter((c) => !have.has(c));
  const byCustomer = have.has('customer_id');
  const byLoan = have.has('loan_id') && idsSql !== '';
  if (!byCustomer && !have.has('loan_id')) missing.push('customer_id');
  for (const column of missing) notes.push({ kind: 'missing-column', table: 'balances', column });
  if (missing.length || (!byCustomer && !byLoan)) return [];
  const who: string[] = [];
  const params: string[] = [];
  if (byCustomer) {
    who.push('CAST(customer_id AS VARCHAR) = ?');
    params.push(customerId);
  }
  if (byLoan) {
    who.push(`(${byCustomer ? 'customer_id IS NULL AND ' : ''}loan_id IN (${idsSql}))`);
    params.push(...idParams);
  }
  const table = await db.query(
    `SELECT snapshot, sum(balance) AS balance FROM (
       SELECT TRY_CAST(snapshot AS DATE) AS snapshot, TRY_CAST(balance AS DOUBLE) AS balance FROM balances WHERE ${who.join(' OR ')}
     ) WHERE snapshot <= CAST(? AS DATE)
     GROUP BY snapshot ORDER BY snapshot`,
    [...params, asOf],
    { signal },
  );
  return rowsOf(table).map((r) => ({ date: dateOf(r['snapshot'])!, balance: numberOf(r['balance']) }));
}
