import { INDUSTRIES, type Industry } from './industries';
import { PROVINCES, type City, type Province } from './regions';
import { SIZES } from './vocabulary';
import { companyName, creditCode, customerId } from './identity';
import { defaultProbability, drawLatents, MODEL, troubledProbability, type Latents } from './model';
import type { DemoContext } from './context';
import { logistic, type Rng } from './random';
import { addMonths } from './dates';
import { numberColumn, stringColumn } from './sinks';
import type { ColumnarTable } from './columns';

/** What the rest of a customer's generation needs to know about them. */
export interface Profile {
  readonly index: number;
  readonly id: string;
  readonly latents: Latents;
  readonly industry: Industry;
  readonly province: Province;
  readonly city: City;
  readonly revenue: number;
  /** months of relationship before the as-of month (≥ 12) */
  readonly relationMonths: number;
  /** months of repayments and balances in the extract, 12–24 */
  readonly windowMonths: number;
  readonly troubled: boolean;
  readonly defaulted: boolean;
  /** day from which installments go unpaid; Infinity when not defaulted */
  readonly defaultDay: number;
}

const DAYS_PER_YEAR = 365.25;

/** 企业规模 by the industrial thresholds of the 2011 SME classification (工信部联企业〔2011〕300号). */
function sizeOf(employees: number, revenue: number): string {
  if (employees >= 1000 && revenue >= 4e8) return SIZES[0];
  if (employees >= 300 && revenue >= 2e7) return SIZES[1];
  if (employees >= 20 && revenue >= 3e6) return SIZES[2];
  return SIZES[3];
}

/** Rounds to whole hundreds of yuan, as financial statements in the extract are. */
const hundreds = (x: number): number => Math.round(x / 100) * 100;

/** Writes the customers rows of one customer. */
export class CustomerSink {
  private readonly c;

  constructor(table: ColumnarTable) {
    const s = (n: string) => stringColumn(table, n);
    const num = (n: string) => numberColumn(table, n);
    this.c = {
      id: s('customer_id'), name: s('name'), code: s('credit_code'), industry: s('industry'), size: s('size'),
      founded: num('founded'), region: s('region'), city: s('city'), branch: s('branch'), manager: s('manager'),
      revenue: num('revenue'), assets: num('assets'), employees: num('employees'), relation: num('relation_start'),
    };
  }

  /** Draws a customer's identity, firm data and latents, writes their row and returns the profile. */
  draw(rng: Rng, ctx: DemoContext, index: number): Profile {
    const industry = INDUSTRIES[rng.pickCumulative(ctx.industryWeights)]!;
    const provinceIndex = rng.pickCumulative(ctx.provinceWeights);
    const province = PROVINCES[provinceIndex]!;
    const city = province.cities[rng.pickCumulative(ctx.cityWeights[provinceIndex]!)]!;
    const district = rng.pick(city.districts);
    const latents = drawLatents(rng, industry, province);

    const revenue = hundreds(Math.exp(Math.log(3e7) + industry.revenue + 1.1 * latents.size + 0.3 * rng.normal()));
    const employees = Math.max(3, Math.round(revenue / (industry.productivity * Math.exp(0.4 * rng.normal()))));
    const assets = hundreds(revenue * Math.exp(-0.2 + 0.5 * rng.normal()));
    const size = sizeOf(employees, revenue);

    const ageYears = Math.min(40, Math.max(1.2, Math.exp(2.2 - 0.35 * latents.growth + 0.5 * rng.normal())));
    const founded = ctx.asOf - Math.floor(ageYears * DAYS_PER_YEAR);
    const ageMonths = Math.floor((ctx.asOf - founded) / 30.44);
    const relationMonths = Math.max(12, Math.min(ageMonths - 1, 12 + Math.floor(rng.exponential(40))));
    const relationStart = Math.max(founded + 1, addMonths(ctx.asOf, -relationMonths) - rng.int(0, 28));

    const troubled = rng.bernoulli(troubledProbability(latents));
    const defaulted = troubled && rng.bernoulli(defaultProbability(latents));
    const windowMonths = Math.min(24, relationMonths);
    const windowDays = ctx.asOf - ctx.windowStart(windowMonths);
    const defaultDay = defaulted ? ctx.asOf - rng.int(20, Math.min(windowDays, 420)) : Infinity;

    const branch = ctx.branch(city, rng);
    const id = customerId(index);
    const c = this.c;
    c.id.push(id);
    c.name.push(companyName(rng, city, industry.words, size === SIZES[0]));
    c.code.push(creditCode(index, ctx.seed, district.code));
    c.industry.push(industry.name);
    c.size.push(size);
    c.founded.push(founded);
    c.region.push(province.name);
    c.city.push(city.name);
    c.branch.push(branch);
    c.manager.push(ctx.manager(branch, rng));
    c.revenue.push(revenue);
    c.assets.push(assets);
    c.employees.push(employees);
    c.relation.push(relationStart);

    return {
      index, id, latents, industry, province, city, revenue, relationMonths, windowMonths, troubled, defaulted, defaultDay,
    };
  }
}

/** Days late of one installment: troubled customers are late often and long, others rarely and briefly. */
export function lateDays(rng: Rng, profile: Profile): number {
  if (profile.troubled) {
    if (!rng.bernoulli(MODEL.lateShare.troubled)) return 0;
    const mean = MODEL.lateDays.mean * Math.exp(MODEL.lateDays.risk * profile.latents.risk);
    return Math.min(180, 1 + Math.floor(rng.exponential(mean)));
  }
  const late = logistic(MODEL.cleanLate.intercept + MODEL.cleanLate.risk * profile.latents.risk);
  return rng.bernoulli(late) ? rng.int(1, 11) : 0;
}
