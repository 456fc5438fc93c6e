/**
 * The conventions every validation metric follows (DOMAIN.md, "Evaluating a model"), as constants
 * so the UI and the docs state exactly what the code does — a reviewer re-computing a number
 * elsewhere needs the tie rule, the bins and the ε, not just the formula.
 */

/** Equal-count groups for lift, gains and decile calibration. */
export const DEFAULT_GROUPS = 10;

/** Equal-frequency bins cut on the baseline for PSI. */
export const PSI_BINS = 10;

/** The share (not count) that stands in for an empty bin's share in PSI, so ln(A/E) stays finite. */
export const PSI_EPSILON = 1e-4;

/** PSI bands: below the first is stable, up to and including the second is shifting, above is major. */
export const PSI_BANDS = { stable: 0.1, shifting: 0.25 } as const;

/** Equal-frequency bins of an indicator for IV / WoE. */
export const IV_BINS = 10;

/** Added to a bin's event or non-event count when that count is zero, so WoE stays finite. */
export const WOE_ZERO_CELL = 0.5;

/** IV bands (upper bounds, exclusive): useless < 0.02 ≤ weak < 0.1 ≤ medium < 0.3 ≤ strong ≤ 0.5 < suspicious. */
export const IV_BANDS = { useless: 0.02, weak: 0.1, medium: 0.3, strong: 0.5 } as const;

/** A row's group in `decileOf` when its score is NaN (it belongs to no group). */
export const NO_GROUP = 255;

export type PsiBand = 'stable' | 'shifting' | 'major';
export type IvBand = 'useless' | 'weak' | 'medium' | 'strong' | 'suspicious';

/** The PSI band of a value (NaN is not expected: psi() refuses inputs that would give it). */
export function psiBand(psi: number): PsiBand {
  if (psi < PSI_BANDS.stable) return 'stable';
  if (psi <= PSI_BANDS.shifting) return 'shifting';
  return 'major';
}

/** The IV band of a value. */
export function ivBand(iv: number): IvBand {
  if (iv < IV_BANDS.useless) return 'useless';
  if (iv < IV_BANDS.weak) return 'weak';
  if (iv < IV_BANDS.medium) return 'medium';
  if (iv <= IV_BANDS.strong) return 'strong';
  return 'suspicious';
}

type MetricName = 'auc' | 'ks' | 'lift' | 'psi' | 'iv' | 'calibration' | 'conversion';

/** One sentence per metric, in English and Chinese, shown beside the numbers in the UI and docs. */
export const METRIC_CONVENTIONS: Readonly<Record<MetricName, { readonly en: string; readonly zh: string }>> = {
  auc: {
    en: 'AUC is the probability that a random event scores above a random non-event, ties counted ½ (Mann–Whitney); Gini = 2·AUC − 1; rows with a missing score are excluded and counted.',
    zh: 'AUC 为随机一个事件样本得分高于随机一个非事件样本的概率，同分计 ½（Mann–Whitney）；Gini = 2·AUC − 1；得分缺失的行剔除并计数。',
  },
  ks: {
    en: 'KS is the largest |F_event − F_non-event| over the distinct score values, each value taken whole, so ties and row order cannot change it.',
    zh: 'KS 为各不同得分取值处 |F_事件 − F_非事件| 的最大值，同分整体计入，结果不受同分与行序影响。',
  },
  lift: {
    en: `Lift and gains use ${DEFAULT_GROUPS} equal-count groups by score descending (ties broken by customer id ascending; sizes differ by at most one, the first groups larger); lift = the group's event rate ÷ the overall rate, cumulative lift uses the top k groups.`,
    zh: `提升度与累计捕获率按得分降序分为 ${DEFAULT_GROUPS} 个等量组（同分按客户号升序；组间人数至多差一，多出的在前几组）；提升度 = 组内事件率 ÷ 总体事件率，累计提升度取前 k 组。`,
  },
  psi: {
    en: `PSI = Σ (A − E)·ln(A/E) over ${PSI_BINS} bins cut once at the baseline's type-7 deciles and reused (bins are (low, high], upper edge inclusive; missing values are their own bin when either side has any); an empty bin's share is taken as ε = ${PSI_EPSILON}; < ${PSI_BANDS.stable} stable, ${PSI_BANDS.stable}–${PSI_BANDS.shifting} shifting, > ${PSI_BANDS.shifting} major.`,
    zh: `PSI = Σ (A − E)·ln(A/E)，分箱在基准期按第 7 类分位数十等分切一次并沿用（区间左开右闭；任一侧有缺失值时缺失单列一箱）；空箱占比取 ε = ${PSI_EPSILON}；< ${PSI_BANDS.stable} 稳定，${PSI_BANDS.stable}–${PSI_BANDS.shifting} 有偏移，> ${PSI_BANDS.shifting} 显著变化。`,
  },
  iv: {
    en: `IV = Σ (%non-event − %event)·WoE with WoE = ln(%non-event / %event), over ${IV_BINS} equal-frequency bins of the indicator (equal values never split) plus a missing bin; ${WOE_ZERO_CELL} is added to a zero count; < ${IV_BANDS.useless} useless, < ${IV_BANDS.weak} weak, < ${IV_BANDS.medium} medium, ≤ ${IV_BANDS.strong} strong, above that suspicious (leakage).`,
    zh: `IV = Σ (%非事件 − %事件)·WoE，WoE = ln(%非事件 / %事件)；指标按等频分 ${IV_BINS} 箱（相同取值不拆分），缺失单列一箱；计数为零时加 ${WOE_ZERO_CELL}；< ${IV_BANDS.useless} 无用，< ${IV_BANDS.weak} 弱，< ${IV_BANDS.medium} 中，≤ ${IV_BANDS.strong} 强，更高则可疑（可能泄露）。`,
  },
  calibration: {
    en: 'Calibration compares, per tier or decile, the mean predicted probability with the actual event rate; rows with a missing probability are excluded.',
    zh: '校准按层级或十分位比较平均预测概率与实际事件率；预测概率缺失的行剔除。',
  },
  conversion: {
    en: 'Conversion by tier gives each tier\'s customer count, event rate, and share of all events captured.',
    zh: '分层转化给出各层客户数、事件率及其占全部事件的比例（捕获率）。',
  },
};
