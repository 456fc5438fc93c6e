import { FIVE_CLASSES, GUARANTEES, OTHER_BANKS, OWN_BANK, PRODUCTS, type Product } from './vocabulary';
import { MODEL } from './model';
import { lateDays, type Profile } from './customer';
import type { DemoContext } from './context';
import { logistic, type Rng } from './random';
import { addMonths, compactDate, monthlySchedule } from './dates';
import { fen, numberColumn, stringColumn } from './sinks';
import type { ColumnarTable } from './columns';
import type { NumberColumn, StringColumn } from './columns';

/**
 * A customer's loans. Own-bank lending comes in credit chains: a working-capital, bill or
 * supply-chain loan is renewed at maturity (续贷), so one chain yields a loan every term; an
 * amortizing loan is a chain of one. Each own loan's monthly installments are scheduled,
 * paid on time, late or not at all (model.ts), written to repayments when due in the window,
 * and summed into the month-end balances. Other banks' loans (from the credit report) are
 * outstanding at the as-of date and have no installments in the extract.
 */

/** What the customer's loans leave for facilities and balances. */
export interface LoanSummary {
  /** own-bank balance at the as-of date */
  ownBalance: number;
  /** own-bank balance at each month-end snapshot, oldest first (length = window months) */
  monthEnd: Float64Array;
}

const MAX_TERM = 60;
const BASE_RATE = 0.03;
const LONG_RATE_EXTRA = 0.005;

interface LoanColumns {
  id: StringColumn; customer: StringColumn; product: StringColumn; bank: StringColumn; amount: NumberColumn;
  balance: NumberColumn; start: NumberColumn; maturity: NumberColumn; rate: NumberColumn; guarantee: StringColumn;
  cls: StringColumn;
}

interface RepaymentColumns {
  loan: StringColumn; due: NumberColumn; paid: NumberColumn; dueAmount: NumberColumn; paidAmount: NumberColumn;
  overdue: NumberColumn;
}

/** 借据号: 1, the start date, the customer's index and a sequence: 18 digits, which Excel mangles. */
function loanId(customerIndex: number, start: number, sequence: number): string {
  return `1${compactDate(start)}${String(customerIndex).padStart(7, '0')}${String(sequence).padStart(2, '0')}`;
}

/** Writes loans and repayments, one customer at a time. */
export class LoanSink {
  private readonly loans: LoanColumns;
  private readonly repayments: RepaymentColumns;
  // scratch schedule of one loan: due day, paid day (Infinity = unpaid), principal
  private readonly due = new Float64Array(MAX_TERM + 1);
  private readonly paid = new Float64Array(MAX_TERM + 1);
  private readonly principal = new Float64Array(MAX_TERM + 1);
  private readonly productWeights = new Float64Array(PRODUCTS.length);

  constructor(loans: ColumnarTable, repayments: ColumnarTable) {
    const s = (t: ColumnarTable, n: string) => stringColumn(t, n);
    const n = (t: ColumnarTable, c: string) => numberColumn(t, c);
    this.loans = {
      id: s(loans, 'loan_id'), customer: s(loans, 'customer_id'), product: s(loans, 'product'), bank: s(loans, 'bank'),
      amount: n(loans, 'amount'), balance: n(loans, 'balance'), start: n(loans, 'start'), maturity: n(loans, 'maturity'),
      rate: n(loans, 'rate'), guarantee: s(loans, 'guarantee'), cls: s(loans, 'class'),
    };
    this.repayments = {
      loan: s(repayments, 'loan_id'), due: n(repayments, 'due_date'), paid: n(repayments, 'paid_date'),
      dueAmount: n(repayments, 'due_amount'), paidAmount: n(repayments, 'paid_amount'), overdue: n(repayments, 'overdue_days'),
    };
  }

  /** Generates all loans of a customer and returns their own-bank balances. */
  generate(rng: Rng, ctx: DemoContext, p: Profile): LoanSummary {
    const summary: LoanSummary = { ownBalance: 0, monthEnd: new Float64Array(p.windowMonths) };
    const l = p.latents;
    let sequence = 0;
    const chains = 1 + rng.poisson(MODEL.ownChains.extraMean * Math.exp(MODEL.ownChains.need * l.need));
    const amountScale = p.revenue * MODEL.loanAmount.revenueShare * Math.exp(MODEL.loanAmount.need * l.need);
    const windowStart = ctx.windowStart(p.windowMonths);
    for (let chain = 0; chain < chains && sequence < 99; chain++) {
      const product = this.pickProduct(rng, l.growth);
      const term = rng.pick(product.terms);
      const base = amountScale * product.scale * Math.exp(MODEL.loanAmount.noise * rng.normal());
      const recency = Math.pow(rng.next(), Math.exp(MODEL.chainRecency * l.growth));
      const dom = rng.int(1, 29);
      const endsAt = rng.bernoulli(logistic(-2.0 - 0.5 * l.need + 0.3 * l.risk))
        ? windowStart + rng.next() * (ctx.asOf - windowStart)
        : Infinity;
      let offsets: number[];
      if (product.repayment === 'amortizing') {
        offsets = [Math.floor(recency * Math.min(p.relationMonths - 1, term + p.windowMonths - 1))];
      } else {
        // the chain began `first` months ago (after the relationship began) and renews every
        // term; only loans alive in the window are kept
        let first = Math.floor(recency * (p.relationMonths - 1));
        const skip = Math.max(0, Math.floor((first - (term + p.windowMonths)) / term));
        first -= skip * term;
        offsets = [];
        for (let o = first; o >= 0; o -= term) offsets.push(o);
      }
      for (const o of offsets) {
        const start = ctx.dayBack(o, dom);
        const maturity = addMonths(start, term);
        if (maturity < windowStart || start > endsAt || start >= p.defaultDay || sequence >= 99) continue;
        const growth = Math.exp((-MODEL.loanAmount.growthPerYear * l.growth * o) / 12);
        const amount = Math.max(100_000, Math.round((base * growth) / 10_000) * 10_000);
        this.ownLoan(rng, ctx, p, product, term, start, amount, ++sequence, summary);
      }
    }
    const others = rng.poisson(MODEL.otherLoans.mean * Math.exp(MODEL.otherLoans.diversity * l.diversity));
    for (let k = 0; k < others && sequence < 99; k++) this.otherLoan(rng, ctx, p, amountScale, ++sequence);
    summary.ownBalance = fen(summary.ownBalance);
    for (let i = 0; i < summary.monthEnd.length; i++) summary.monthEnd[i] = fen(summary.monthEnd[i]!);
    return summary;
  }

  private pickProduct(rng: Rng, growth: number): Product {
    let total = 0;
    PRODUCTS.forEach((product, i) => (this.productWeights[i] = total += product.weight * Math.exp(product.growthTilt * growth)));
    return PRODUCTS[rng.pickCumulative(this.productWeights)]!;
  }

  private rate(rng: Rng, p: Profile, product: Product, term: number): number {
    const r = BASE_RATE + product.spread + (term >= 60 ? LONG_RATE_EXTRA : 0) + 0.004 * p.latents.risk + 0.003 * rng.normal();
    return Math.round(Math.min(0.075, Math.max(0.012, r)) * 10_000) / 10_000;
  }

  /** 担保方式: larger, safer firms borrow more on credit; riskier ones pledge collateral. */
  private guarantee(rng: Rng, p: Profile): string {
    if (rng.bernoulli(logistic(-1.2 + 0.6 * p.latents.size - 0.5 * p.latents.risk))) return GUARANTEES[0];
    const u = rng.next();
    const mortgage = p.latents.risk > 1 ? 0.5 : 0.35;
    if (u < mortgage) return GUARANTEES[2];
    if (u < mortgage + 0.3) return GUARANTEES[1];
    if (u < mortgage + 0.4) return GUARANTEES[3];
    return GUARANTEES[4];
  }

  private ownLoan(
    rng: Rng, ctx: DemoContext, p: Profile, product: Product, term: number, start: number, amount: number,
    sequence: number, summary: LoanSummary,
  ): void {
    const rate = this.rate(rng, p, product, term);
    const id = loanId(p.index, start, sequence);
    const windowStart = ctx.windowStart(p.windowMonths);
    const { due, paid, principal } = this;
    const each = product.repayment === 'amortizing' ? Math.floor((amount / term) * 100) / 100 : 0;
    let scheduled = amount;
    let worstUnpaid = 0;
    let worstLate = 0;
    let written = 0;
    const r = this.repayments;
    monthlySchedule(start, term, due);
    for (let k = 1; k <= term; k++) {
      principal[k] = k === term ? fen(scheduled) : each;
      const interest = fen((scheduled * rate) / 12);
      scheduled -= principal[k]!;
      paid[k] = due[k]!;
      if (due[k]! < windowStart || due[k]! > ctx.asOf) continue;
      const late = due[k]! >= p.defaultDay ? Infinity : lateDays(rng, p);
      const early = late === 0 && rng.bernoulli(0.4) ? rng.int(1, 4) : 0;
      paid[k] = late === Infinity || due[k]! + late > ctx.asOf ? Infinity : due[k]! + late - early;
      const unpaid = paid[k] === Infinity;
      const overdue = unpaid ? ctx.asOf - due[k]! : late;
      if (unpaid) worstUnpaid = Math.max(worstUnpaid, overdue);
      else if (ctx.asOf - due[k]! <= 365) worstLate = Math.max(worstLate, overdue);
      const dueAmount = fen(principal[k]! + interest);
      if (written++ === 0) r.loan.push(id);
      else r.loan.pushSameAsLast();
      r.due.push(due[k]!);
      if (unpaid) r.paid.pushNull();
      else r.paid.push(paid[k]!);
      r.dueAmount.push(dueAmount);
      r.paidAmount.push(unpaid ? 0 : dueAmount);
      r.overdue.push(overdue);
    }
    const outstanding = (day: number): number => {
      if (day < start) return 0;
      let left = amount;
      for (let k = 1; k <= term && due[k]! <= day; k++) if (paid[k]! <= day) left -= principal[k]!;
      return left;
    };
    const balance = fen(outstanding(ctx.asOf));
    summary.ownBalance += balance;
    const snapshots = ctx.snapshots(p.windowMonths);
    for (let i = 0; i < snapshots.length; i++) summary.monthEnd[i]! += outstanding(snapshots[i]!);
    const cls = classOf(worstUnpaid, worstLate > 30 && rng.bernoulli(0.6));
    this.pushLoan(id, p.id, product.name, OWN_BANK, amount, balance, start, due[term]!, rate, this.guarantee(rng, p), cls);
  }

  private otherLoan(rng: Rng, ctx: DemoContext, p: Profile, amountScale: number, sequence: number): void {
    const product = this.pickProduct(rng, 0);
    const term = rng.pick(product.terms);
    const elapsed = rng.int(0, term);
    const start = ctx.dayBack(elapsed, rng.int(1, 29));
    const amount = Math.max(100_000, Math.round((amountScale * product.scale * Math.exp(0.4 * rng.normal())) / 10_000) * 10_000);
    const balance = product.repayment === 'amortizing' ? fen(amount * (1 - elapsed / term)) : amount;
    const bank = OTHER_BANKS[rng.pickCumulative(ctx.bankWeights)]!.name;
    let cls: string = FIVE_CLASSES[0];
    if (p.defaulted) cls = FIVE_CLASSES[1 + Math.min(3, Math.floor(rng.next() * 4))]!;
    else if (p.troubled && rng.bernoulli(0.3)) cls = FIVE_CLASSES[1];
    const id = loanId(p.index, start, sequence);
    this.pushLoan(id, p.id, product.name, bank, amount, balance, start, addMonths(start, term), this.rate(rng, p, product, term), this.guarantee(rng, p), cls);
  }

  private pushLoan(
    id: string, customer: string, product: string, bank: string, amount: number, balance: number, start: number,
    maturity: number, rate: number, guarantee: string, cls: string,
  ): void {
    const c = this.loans;
    c.id.push(id);
    c.customer.push(customer);
    c.product.push(product);
    c.bank.push(bank);
    c.amount.push(amount);
    c.balance.push(balance);
    c.start.push(start);
    c.maturity.push(maturity);
    c.rate.push(rate);
    c.guarantee.push(guarantee);
    c.cls.push(cls);
  }
}

/** 五级分类 of an own loan from its days past due at the as-of date (and a recent serious delay). */
function classOf(daysPastDue: number, recentlyLate: boolean): string {
  if (daysPastDue > 360) return FIVE_CLASSES[4];
  if (daysPastDue > 180) return FIVE_CLASSES[3];
  if (daysPastDue > 90) return FIVE_CLASSES[2];
  if (daysPastDue > 0 || recentlyLate) return FIVE_CLASSES[1];
  return FIVE_CLASSES[0];
}
