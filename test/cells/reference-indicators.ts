/**
 * The indicator library's definitions (the headers of cells/*.sql) computed again in plain
 * TypeScript from the raw extract rows, with no SQL: the independent calculation each cell's
 * result is checked against. Dates are whole days since 1970-01-01 (UTC); calendar arithmetic
 * is done here by hand, so an error in how a cell uses DuckDB's date functions shows up.
 */
import type { Row } from './support';

const DAY_MS = 86_400_000;
const OWN_BANK = '本行';
const PRODUCT_SHARES: Record<string, string> = {
  流动资金贷款: 'share_working_capital',
  经营性贷款: 'share_operating',
  中长期贷款: 'share_term',
  票据: 'share_bills',
  供应链金融: 'share_supply_chain',
};

/** The extract's tables as plain rows. */
export interface Extract {
  readonly customers: readonly Row[];
  readonly loans: readonly Row[];
  readonly facilities: readonly Row[];
  readonly repayments: readonly Row[];
  readonly balances: readonly Row[];
}

// ---- calendar, by hand -------------------------------------------------------------------------

/** 'YYYY-MM-DD' → day number. */
export function dayOf(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / DAY_MS;
}

/** A DATE value as read from Arrow (epoch ms) → day number; null stays null. */
function day(value: unknown): number | null {
  return value === null || value === undefined ? null : Math.round(Number(value) / DAY_MS);
}

function parts(dayNumber: number): { y: number; m: number; d: number } {
  const date = new Date(dayNumber * DAY_MS);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

function daysInMonth(y: number, m: number): number {
  return [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
}

/** A month as one number (year·12 + month − 1), so consecutive months differ by 1. */
function monthIndex(dayNumber: number): number {
  const { y, m } = parts(dayNumber);
  return y * 12 + m - 1;
}

/** The same day n months later (earlier when n < 0), clamped to the month's last day. */
function addMonths(dayNumber: number, n: number): number {
  const { y, m, d } = parts(dayNumber);
  const index = y * 12 + (m - 1) + n;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return Date.UTC(year, month - 1, Math.min(d, daysInMonth(year, month))) / DAY_MS;
}

function isLastDayOfMonth(dayNumber: number): boolean {
  const { y, m, d } = parts(dayNumber);
  return d === daysInMonth(y, m);
}

/** Whole months from a to b: complete on the same day of the month, or on the last day of a shorter month. */
function wholeMonths(a: number, b: number): number {
  const from = parts(a);
  const to = parts(b);
  let months = (to.y - from.y) * 12 + (to.m - from.m);
  if (to.d < from.d && !isLastDayOfMonth(b)) months -= 1;
  return months;
}

/** The reference month-end: as_of when it is a month's last day, else the month before's last day (as a month index). */
function referenceMonth(asOf: number): number {
  return isLastDayOfMonth(asOf) ? monthIndex(asOf) : monthIndex(asOf) - 1;
}

// ---- helpers -----------------------------------------------------------------------------------

function groupBy(rows: readonly Row[], key: string): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const k = String(row[key]);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

const num = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
const sum = (values: readonly (number | null)[]): number => values.reduce<number>((s, v) => s + (v ?? 0), 0);
/** Started on or before as_of (an unknown start does not exclude the loan). */
const startedBy = (row: Row, asOf: number) => {
  const start = day(row['start']);
  return start === null || start <= asOf;
};

/** Each customer's month-end balances (month index → balance), from snapshots on or before as_of. */
function monthEndBalances(extract: Extract, asOf: number): Map<string, Map<number, number>> {
  const result = new Map<string, Map<number, number>>();
  for (const [customer, rows] of groupBy(extract.balances.filter((b) => day(b['snapshot'])! <= asOf), 'customer_id')) {
    const bySnapshot = new Map<number, number>();
    for (const row of rows) bySnapshot.set(day(row['snapshot'])!, (bySnapshot.get(day(row['snapshot'])!) ?? 0) + Number(row['balance']));
    const latestInMonth = new Map<number, { snapshot: number; balance: number }>();
    for (const [snapshot, balance] of bySnapshot) {
      const month = monthIndex(snapshot);
      const held = latestInMonth.get(month);
      if (!held || snapshot > held.snapshot) latestInMonth.set(month, { snapshot, balance });
    }
    result.set(customer, new Map([...latestInMonth].map(([month, v]) => [month, v.balance])));
  }
  return result;
}

function growth(months: Map<number, number> | undefined, reference: number, back: number): number | null {
  const now = months?.get(reference);
  const before = months?.get(reference - back);
  if (now === undefined || before === undefined || before === 0) return null;
  return now / before - 1;
}

// ---- the indicators ----------------------------------------------------------------------------

/** Expected rows per cell id, each keyed by customer_id, for every customer. */
export function referenceIndicators(extract: Extract, asOfIso: string): Record<string, Map<string, Row>> {
  const asOf = dayOf(asOfIso);
  const loansBy = groupBy(extract.loans, 'customer_id');
  const facilitiesBy = groupBy(extract.facilities, 'customer_id');
  const customerOfLoan = new Map(extract.loans.map((l) => [String(l['loan_id']), String(l['customer_id'])]));
  const repaymentsBy = groupBy(
    extract.repayments.filter((r) => customerOfLoan.has(String(r['loan_id']))).map((r) => ({ ...r, customer_id: customerOfLoan.get(String(r['loan_id'])) })),
    'customer_id',
  );
  const monthEnds = monthEndBalances(extract, asOf);
  const reference = referenceMonth(asOf);
  const windowStart = addMonths(asOf, -12);

  const out: Record<string, Map<string, Row>> = {};
  const put = (cell: string, customer: string, row: Row) => (out[cell] ??= new Map()).set(customer, row);

  for (const customer of extract.customers) {
    const id = String(customer['customer_id']);
    const loans = (loansBy.get(id) ?? []).filter((l) => startedBy(l, asOf));
    const outstanding = loans.filter((l) => Number(l['balance']) > 0);
    const own = loans.filter((l) => l['bank'] === OWN_BANK);
    const months = monthEnds.get(id);

    // funding need
    const facilities = (facilitiesBy.get(id) ?? []).filter((f) => startedBy(f, asOf) && (day(f['maturity']) === null || day(f['maturity'])! >= asOf));
    const limit = sum(facilities.map((f) => num(f['limit'])));
    const growth12 = growth(months, reference, 12);
    put('funding_need', id, {
      total_balance: sum(loans.map((l) => num(l['balance']))),
      total_limit: limit,
      utilisation: facilities.length > 0 && limit !== 0 ? sum(facilities.map((f) => num(f['used']))) / limit : null,
      balance_growth_3m: growth(months, reference, 3),
      balance_growth_12m: growth12,
    });

    // repayment
    const overdue = (repaymentsBy.get(id) ?? [])
      .filter((r) => day(r['due_date'])! > windowStart && day(r['due_date'])! <= asOf)
      .map((r) => {
        const due = day(r['due_date'])!;
        const paid = day(r['paid_date']);
        const days = num(r['overdue_days']);
        if (paid !== null && paid <= asOf) return days ?? Math.max(0, paid - due);
        return Math.min(days ?? asOf - due, asOf - due);
      });
    const late = overdue.filter((d) => d > 0).length;
    put('repayment', id, {
      max_overdue_days: overdue.length ? Math.max(...overdue) : 0,
      mean_overdue_days: overdue.length ? sum(overdue) / overdue.length : null,
      late_installments: late,
      installments_due: overdue.length,
      on_time_ratio: overdue.length ? (overdue.length - late) / overdue.length : null,
      bad_class: loans.some((l) => ['次级', '可疑', '损失'].includes(String(l['class']))) ? 1 : 0,
    });

    // channel diversity
    const lent = outstanding.filter((l) => l['bank'] !== null && l['bank'] !== undefined);
    const otherLoans = lent.filter((l) => l['bank'] !== OWN_BANK);
    const lentBalance = sum(lent.map((l) => num(l['balance'])));
    const otherBalance = sum(otherLoans.map((l) => num(l['balance'])));
    put('channel', id, {
      other_banks: new Set(otherLoans.map((l) => l['bank'])).size,
      other_balance: otherBalance,
      other_share: lent.length ? otherBalance / lentBalance : null,
    });

    // product preference
    const outstandingBalance = sum(outstanding.map((l) => num(l['balance'])));
    const product: Row = { products: new Set(outstanding.filter((l) => l['product'] != null).map((l) => l['product'])).size };
    for (const column of [...Object.values(PRODUCT_SHARES), 'share_other']) product[column] = outstanding.length ? 0 : null;
    for (const loan of outstanding) {
      const column = PRODUCT_SHARES[String(loan['product'])] ?? 'share_other';
      product[column] = (product[column] as number) + Number(loan['balance']) / outstandingBalance;
    }
    put('product', id, product);

    // lifecycle
    const founded = day(customer['founded']);
    const age = founded !== null && founded <= asOf ? (asOf - founded) / 365.25 : null;
    const starts = loans.map((l) => day(l['start'])).filter((d): d is number => d !== null);
    const first = starts.length ? Math.min(...starts) : null;
    const last = starts.length ? Math.max(...starts) : null;
    let stage: string | null = null;
    if (age !== null) {
      if (age < 3) stage = '新设立';
      else if (growth12 !== null && growth12 >= 0.2) stage = '扩张期';
      else if (growth12 !== null && growth12 <= -0.2) stage = '转型期';
      else stage = '成熟期';
    }
    put('lifecycle', id, {
      firm_age_years: age,
      months_since_first_loan: first === null ? null : wholeMonths(first, asOf),
      months_since_last_loan: last === null ? null : wholeMonths(last, asOf),
      loans_per_year: first === null ? 0 : starts.length / Math.max((asOf - first) / 365.25, 1),
      stage,
    });

    // size
    put('size', id, { revenue: num(customer['revenue']), assets: num(customer['assets']), employees: num(customer['employees']), size_label: customer['size'] ?? null });

    // relationship
    const relationStart = day(customer['relation_start']);
    put('relationship', id, {
      relation_years: relationStart !== null && relationStart <= asOf ? (asOf - relationStart) / 365.25 : null,
      own_products: new Set(own.filter((l) => Number(l['balance']) > 0 && l['product'] != null).map((l) => l['product'])).size,
      own_balance: sum(own.map((l) => num(l['balance']))),
    });

    // maturity
    const ownOpen = own.filter((l) => Number(l['balance']) > 0 && day(l['maturity']) !== null && day(l['maturity'])! > asOf);
    const maturing = ownOpen.filter((l) => day(l['maturity'])! <= asOf + 90);
    put('maturity', id, {
      maturing_90d: sum(maturing.map((l) => num(l['balance']))),
      maturing_loans_90d: maturing.length,
      next_maturity: ownOpen.length ? Math.min(...ownOpen.map((l) => day(l['maturity'])!)) : null,
    });

    // volatility: the 12 month-ends to the reference month-end
    const series: [number, number][] = [];
    for (let month = reference - 11; month <= reference; month++) {
      const balance = months?.get(month);
      if (balance !== undefined) series.push([month, balance]);
    }
    const values = series.map(([, b]) => b);
    const mean = values.length ? sum(values) / values.length : 0;
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length);
    const drops: number[] = [];
    for (let i = 1; i < series.length; i++) {
      const [prevMonth, prev] = series[i - 1]!;
      const [month, balance] = series[i]!;
      if (month === prevMonth + 1 && prev > 0) drops.push((prev - balance) / prev);
    }
    put('volatility', id, {
      balance_cv: values.length >= 2 && mean !== 0 ? sd / mean : null,
      largest_drop: drops.length ? Math.max(0, ...drops) : null,
      balance_months: values.length,
    });
  }
  return out;
}
