import { utilisationTarget } from './model';
import { logistic, type Rng } from './random';
import type { DemoContext } from './context';
import type { Profile } from './customer';
import type { LoanSummary } from './loans';
import type { ColumnarTable } from './columns';
import { fen, numberColumn, stringColumn } from './sinks';
import { addMonths } from './dates';

const LIMIT_STEP = 100_000;

/**
 * 授信: one facility per customer, a second (a bill or supply-chain line) for some with high
 * need. Used = the own-bank balance at the as-of date, so utilisation is consistent with the
 * loans; the limit is set from a utilisation target that rises with need (model.ts).
 */
export class FacilitySink {
  private readonly c;

  constructor(table: ColumnarTable) {
    const s = (n: string) => stringColumn(table, n);
    const num = (n: string) => numberColumn(table, n);
    this.c = { id: s('facility_id'), customer: s('customer_id'), limit: num('limit'), used: num('used'), start: num('start'), maturity: num('maturity') };
  }

  write(rng: Rng, ctx: DemoContext, p: Profile, loans: LoanSummary): void {
    const l = p.latents;
    const count = rng.bernoulli(logistic(-1.5 + 0.7 * l.need)) ? 2 : 1;
    const used = loans.ownBalance;
    const total = used > 0
      ? Math.ceil(used / utilisationTarget(l, rng.normal()) / LIMIT_STEP) * LIMIT_STEP
      : Math.ceil((p.revenue * 0.15 * Math.exp(0.5 * l.need)) / LIMIT_STEP) * LIMIT_STEP;
    const first = count === 1 ? total : Math.min(total - LIMIT_STEP, Math.ceil((total * (0.55 + 0.25 * rng.next())) / LIMIT_STEP) * LIMIT_STEP);
    const limits = count === 1 || first <= 0 ? [total] : [first, total - first];
    let usedLeft = used;
    limits.forEach((limit, k) => {
      const share = k === limits.length - 1 ? usedLeft : Math.floor((used * limit * 100) / total) / 100;
      usedLeft = fen(usedLeft - share);
      const start = ctx.dayBack(rng.int(1, 12), rng.int(1, 29));
      const c = this.c;
      c.id.push(`SX${String(p.index).padStart(7, '0')}${String(k + 1).padStart(2, '0')}`);
      c.customer.push(p.id);
      c.limit.push(limit);
      c.used.push(fen(share));
      c.start.push(start);
      c.maturity.push(addMonths(start, rng.bernoulli(0.2) ? 36 : 12));
    });
  }
}

/** 月末余额: the customer's own-bank balance at each month-end of the window (loan_id empty). */
export class BalanceSink {
  private readonly c;

  constructor(table: ColumnarTable) {
    this.c = {
      snapshot: numberColumn(table, 'snapshot'), customer: stringColumn(table, 'customer_id'),
      loan: stringColumn(table, 'loan_id'), balance: numberColumn(table, 'balance'),
    };
  }

  write(ctx: DemoContext, p: Profile, loans: LoanSummary): void {
    const snapshots = ctx.snapshots(p.windowMonths);
    const c = this.c;
    for (let i = 0; i < snapshots.length; i++) {
      c.snapshot.push(snapshots[i]!);
      if (i === 0) c.customer.push(p.id);
      else c.customer.pushSameAsLast();
      c.loan.pushNull();
      c.balance.push(loans.monthEnd[i]!);
    }
  }
}
