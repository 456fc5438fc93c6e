import { MODEL, signingProbability } from './model';
import type { Rng } from './random';
import type { DemoContext } from './context';
import type { Profile } from './customer';
import type { ColumnarTable } from './columns';
import type { LoanSummary } from './loans';
import { numberColumn, stringColumn } from './sinks';
import { addMonths, compactDate, dayOf, ymdOf } from './dates';

/** 活动编号 of the campaign: HD + the year and month two months before the as-of date + 01. */
export function campaignId(asOf: number): string {
  const { year, month } = ymdOf(asOf);
  return `HD${compactDate(addMonths(dayOf(year, month, 1), -2)).slice(0, 6)}01`;
}

/** What the campaign did with a customer, for the truth table. */
export interface CampaignResult {
  pushed: boolean;
  signed: boolean;
  propensity: number;
}

/**
 * 营销结果: a random 40% of customers pushed in the two months before the as-of date; each signs
 * with the true propensity of model.ts. The draws happen for every customer, pushed or not, so
 * that a customer's other data never depends on the campaign.
 */
export class OutcomeSink {
  private readonly c;

  constructor(table: ColumnarTable, private readonly campaign: string) {
    this.c = {
      customer: stringColumn(table, 'customer_id'), campaign: stringColumn(table, 'campaign'), pushed: numberColumn(table, 'pushed'),
      signed: numberColumn(table, 'signed'), amount: numberColumn(table, 'signed_amount'),
    };
  }

  write(rng: Rng, ctx: DemoContext, p: Profile, loans: LoanSummary): CampaignResult {
    const pushed = rng.bernoulli(MODEL.campaign.pushRate);
    const propensity = signingProbability(p.latents, rng.normal());
    const signed = rng.bernoulli(propensity);
    const day = ctx.asOf - rng.int(20, 80);
    const base = Math.max(loans.ownBalance, p.revenue * 0.1);
    const amount = Math.max(100_000, Math.round((base * (0.1 + 0.4 * rng.next())) / 10_000) * 10_000);
    if (pushed) {
      const c = this.c;
      c.customer.push(p.id);
      c.campaign.push(this.campaign);
      c.pushed.push(day);
      c.signed.push(signed ? 1 : 0);
      c.amount.push(signed ? amount : 0);
    }
    return { pushed, signed: pushed && signed, propensity };
  }
}

/** `_truth`: the latents and the true propensity per customer (only with --truth). */
export class TruthSink {
  private readonly s;
  private readonly n;

  constructor(table: ColumnarTable) {
    this.s = stringColumn(table, 'customer_id');
    this.n = ['need', 'risk', 'diversity', 'growth', 'size', 'industry_risk', 'region_risk', 'industry_sign', 'troubled', 'defaulted', 'propensity', 'pushed', 'signed']
      .map((name) => numberColumn(table, name));
  }

  write(p: Profile, result: CampaignResult): void {
    const l = p.latents;
    this.s.push(p.id);
    const values = [
      l.need, l.risk, l.diversity, l.growth, l.size, l.industryRisk, l.regionRisk, l.industrySign,
      p.troubled ? 1 : 0, p.defaulted ? 1 : 0, result.propensity, result.pushed ? 1 : 0, result.signed ? 1 : 0,
    ];
    values.forEach((v, i) => this.n[i]!.push(v));
  }
}
