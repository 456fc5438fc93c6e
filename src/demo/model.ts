import type { Industry } from './industries';
import type { Province } from './regions';
import { logistic, type Rng } from './random';

/**
 * # The demo data's known structure
 *
 * The demo extract is synthetic, so that a reviewer can check that a better screening model
 * measurably scores better: which customers truly convert, and why, is known. Every customer
 * gets hidden latents (standard-normal unless said otherwise), and every observable column is
 * drawn from them:
 *
 * | latent | meaning | drives (observable) |
 * |---|---|---|
 * | `size` S | firm scale | revenue, assets, employees, 企业规模; loan amounts through revenue |
 * | `need` N = 0.5·S + 0.87·z | funding need 资金需求强度 | loan amounts (× e^{0.6N}), number of own credit chains, utilisation 用信率 = used/limit (logit +0.9N), second facility |
 * | `risk` R = z + industry.risk + region.risk | credit risk (quality = −R) | P(troubled) = logistic(−2.6 + 1.1R): late installments (30% of them, mean ~20·e^{0.3R} days), of which P(default) = logistic(−1.4 + 0.7R): installments unpaid from a default date on, balance frozen, 五级分类 关注→损失 by days past due; other banks' classes; higher rates; fewer 信用 guarantees |
 * | `diversity` D = 0.35·N + 0.94·z | channel diversity 融资渠道多样性 | number of other-bank loans ~ Poisson(0.75·e^{0.55D}), hence distinct other banks |
 * | `growth` G | expansion 企业生命周期 | younger firms; own credit chains started more recently (start ~ relation·U^{e^{0.7G}}); loan amounts scale by e^{0.25·G·(months before as-of)/−12}, so balances trend up over 12 months; more 中长期贷款 and 供应链金融 |
 *
 * Industry and region effects on risk are strong on purpose (industries.ts, regions.ts: e.g.
 * 建筑业 +1.0, 批发和零售业 +0.75, 信息技术 −0.6; 黑龙江 +1.1, 辽宁 +0.9, 上海 −0.6), so an
 * industry × region heatmap of overdue rate shows them.
 *
 * **Campaign.** 40% of customers, chosen at random (independently of everything, so the
 * outcome is not biased by who was pushed), are pushed in the two months before the as-of date.
 * A pushed customer signs with probability
 *
 *     p = logistic(α + 0.9·N − 0.7·R + 0.5·D + 0.6·G + industry.sign + 0.5·ε),  ε ~ N(0, 1)
 *
 * with α set so that about 5% of pushed customers sign: a random list converts at ~5% and a
 * good score concentrates the signers at the top (lift). Signing leaves no trace in the loans
 * (no leakage): the outcome must be predicted from the loan data, through the latents.
 *
 * `--truth` writes these latents and p per customer as the `_truth` table; the default demo
 * never contains it.
 */
export const MODEL = {
  needFromSize: 0.5,
  diversityFromNeed: 0.35,
  troubled: { intercept: -2.6, risk: 1.1 },
  defaulted: { intercept: -1.4, risk: 0.7 },
  /** share of a troubled customer's installments paid late, and of a clean one's */
  lateShare: { troubled: 0.3 },
  /** a clean customer's installment is a few days late with probability logistic(a + b·R) */
  cleanLate: { intercept: -5.6, risk: 0.9 },
  /** mean days late of a troubled customer's late installment, × e^{0.3R} */
  lateDays: { mean: 20, risk: 0.3 },
  utilisation: { intercept: -0.3, need: 0.9, risk: 0.3, noise: 0.4 },
  ownChains: { extraMean: 0.12, need: 0.5 },
  otherLoans: { mean: 0.7, diversity: 0.8 },
  loanAmount: { revenueShare: 0.12, need: 1.0, noise: 0.25, growthPerYear: 0.25 },
  chainRecency: 0.7,
  campaign: {
    pushRate: 0.4,
    intercept: -4.0,
    need: 1.0,
    risk: -0.6,
    diversity: 0.7,
    growth: 0.7,
    noise: 0.4,
  },
} as const;

/** A customer's hidden latents (see the module comment). */
export interface Latents {
  readonly size: number;
  readonly need: number;
  readonly risk: number;
  readonly diversity: number;
  readonly growth: number;
  readonly industryRisk: number;
  readonly regionRisk: number;
  readonly industrySign: number;
}

/** Draws the latents of a customer of the given industry and province. */
export function drawLatents(rng: Rng, industry: Industry, province: Province): Latents {
  const size = rng.normal();
  const need = MODEL.needFromSize * size + Math.sqrt(1 - MODEL.needFromSize ** 2) * rng.normal();
  const diversity = MODEL.diversityFromNeed * need + Math.sqrt(1 - MODEL.diversityFromNeed ** 2) * rng.normal();
  const growth = rng.normal();
  const risk = rng.normal() + industry.risk + province.risk;
  return { size, need, risk, diversity, growth, industryRisk: industry.risk, regionRisk: province.risk, industrySign: industry.sign };
}

/** Probability that a customer is troubled (pays some installments late). */
export function troubledProbability(l: Latents): number {
  return logistic(MODEL.troubled.intercept + MODEL.troubled.risk * l.risk);
}

/** Probability that a troubled customer defaults within the window. */
export function defaultProbability(l: Latents): number {
  return logistic(MODEL.defaulted.intercept + MODEL.defaulted.risk * l.risk);
}

/** The true signing probability of a pushed customer, given the campaign noise draw ε. */
export function signingProbability(l: Latents, noise: number): number {
  const c = MODEL.campaign;
  return logistic(
    c.intercept + c.need * l.need + c.risk * l.risk + c.diversity * l.diversity + c.growth * l.growth + l.industrySign + c.noise * noise,
  );
}

/** Target utilisation of the customer's facilities (used / limit). */
export function utilisationTarget(l: Latents, noise: number): number {
  const u = MODEL.utilisation;
  return Math.min(0.97, Math.max(0.03, logistic(u.intercept + u.need * l.need + u.risk * l.risk + u.noise * noise)));
}
