/**
 * Customer segments (DOMAIN.md's segments table) as data, and the one function that assigns them
 * from per-customer indicators. A segment says what the bank does with a customer (strategy,
 * campaign); a customer may match several, and the primary one is chosen by priority: risk comes
 * before marketing, and a loan about to mature is a visit to make now.
 */
import { quantile7, sortedPresent } from './sorted';

export interface SegmentDef {
  readonly id: string;
  readonly zh: string;
  readonly en: string;
  readonly strategy: { zh: string; en: string };
  readonly campaign: { zh: string; en: string };
  /** the loan-data signature, in words */
  readonly signature: { zh: string; en: string };
}

/** The segments, in this order (bit k of a mask is SEGMENTS[k]); 'other' is last. */
export const SEGMENTS: readonly SegmentDef[] = [
  {
    id: 'high-need-high-credit',
    zh: '高需求高信用',
    en: 'High need, high credit',
    strategy: { zh: '综合授信 + 增值服务包', en: 'Comprehensive credit + value-added package' },
    campaign: { zh: '授信提升', en: 'Credit-line increase' },
    signature: { zh: '贷款余额大，还款记录良好', en: 'Large balance, clean repayment' },
  },
  {
    id: 'multi-channel',
    zh: '多渠道融资',
    en: 'Multi-channel financing',
    strategy: { zh: '争取主办行地位', en: 'Win main-bank status (主办行)' },
    campaign: { zh: '利率优惠', en: 'Rate discount' },
    signature: { zh: '他行贷款多，用信率高', en: 'Many other banks, high utilisation' },
  },
  {
    id: 'expanding',
    zh: '扩张型企业',
    en: 'Expanding firm',
    strategy: { zh: '供应链 / 产业链金融', en: 'Supply-chain / industry-chain finance' },
    campaign: { zh: '产业链联动', en: 'Chain linkage' },
    signature: { zh: '贷款频繁、余额增长、期限拉长', en: 'Frequent, growing, longer loans' },
  },
  {
    id: 'risk-edge',
    zh: '风险边缘客户',
    en: 'Risk edge',
    strategy: { zh: '加强贷后管理', en: 'Tighter post-loan management' },
    campaign: { zh: '风险复核，不做营销', en: 'Risk review, no marketing' },
    signature: { zh: '有逾期，还款不稳定', en: 'Overdue, unstable repayment' },
  },
  {
    id: 'maturing',
    zh: '贷款即将到期',
    en: 'Loans maturing soon',
    strategy: { zh: '续贷回访', en: 'Renewal visit' },
    campaign: { zh: '续贷回访', en: 'Renewal visit' },
    signature: { zh: '90 天内有贷款到期', en: 'Balance maturing within 90 days' },
  },
  {
    id: 'other',
    zh: '其他',
    en: 'Other',
    strategy: { zh: '常规维护', en: 'Routine relationship management' },
    campaign: { zh: '无专项活动', en: 'No specific campaign' },
    signature: { zh: '不符合以上任何特征', en: 'None of the signatures above' },
  },
];

const HIGH_NEED = 0, MULTI_CHANNEL = 1, EXPANDING = 2, RISK_EDGE = 3, MATURING = 4, OTHER = 5;

/** Which segment wins when a row matches several. */
const PRIORITY: readonly number[] = [RISK_EDGE, MATURING, MULTI_CHANNEL, EXPANDING, HIGH_NEED, OTHER];

/** The thresholds of the segment rules (see assignSegments for how each is used). */
export interface SegmentThresholds {
  /** risk edge: max overdue days (12 months) above this */
  overdueDays: number;
  /** risk edge: at least this many overdue installments */
  lateInstallments: number;
  /** risk edge: on-time ratio below this */
  onTimeRatio: number;
  /** maturing: the window, in days, the maturing90d input was computed over (informational: the
   * input already holds the balance maturing within it; shown with the segment) */
  maturingDays: number;
  /** multi-channel: at least this many other banks lending */
  otherBanks: number;
  /** multi-channel: utilisation (used / limit) at least this */
  utilisation: number;
  /** expanding: balance growth (a fraction, 0.2 = +20%) at least this */
  growth: number;
  /** high need: total balance at or above this quantile of all customers' balances */
  balanceQuantile: number;
}

export const DEFAULT_SEGMENT_THRESHOLDS: SegmentThresholds = {
  overdueDays: 30,
  lateInstallments: 3,
  onTimeRatio: 0.8,
  maturingDays: 90,
  otherBanks: 2,
  utilisation: 0.7,
  growth: 0.2,
  balanceQuantile: 0.75,
};

/** Per-customer indicators the rules read; NaN = unknown (never matches). */
export interface SegmentInputs {
  readonly maxOverdueDays?: Float64Array;
  readonly lateInstallments?: Float64Array;
  readonly onTimeRatio?: Float64Array;
  /** balance maturing within the window */
  readonly maturing90d?: Float64Array;
  readonly otherBanks?: Float64Array;
  readonly utilisation?: Float64Array;
  readonly balanceGrowth?: Float64Array;
  readonly totalBalance?: Float64Array;
}

/**
 * Assigns segments. The rules (t = thresholds; an absent input or a NaN value never matches):
 * - risk edge: maxOverdueDays > t.overdueDays, or lateInstallments ≥ t.lateInstallments, or
 *   onTimeRatio < t.onTimeRatio;
 * - maturing: maturing90d > 0 (some balance matures within the window);
 * - multi-channel: otherBanks ≥ t.otherBanks and utilisation ≥ t.utilisation;
 * - expanding: balanceGrowth ≥ t.growth;
 * - high need, high credit: totalBalance ≥ its t.balanceQuantile quantile over all customers
 *   (type 7), and clean repayment: at least one repayment input is known for the row and the row
 *   is not risk edge;
 * - other: none of the above.
 * The primary segment is the first match in the order risk edge > maturing > multi-channel >
 * expanding > high need > other; the mask has bit k set for every SEGMENTS[k] the row matches.
 */
export function assignSegments(rows: number, inputs: SegmentInputs, thresholds?: Partial<SegmentThresholds>): { primary: Uint8Array; mask: Uint16Array } {
  const t = { ...DEFAULT_SEGMENT_THRESHOLDS, ...thresholds };
  for (const [name, values] of Object.entries(inputs)) {
    if (values && (values as Float64Array).length !== rows) throw new Error(`assignSegments: ${name} has ${(values as Float64Array).length} rows, expected ${rows}`);
  }
  const { maxOverdueDays: overdue, lateInstallments: late, onTimeRatio: onTime, maturing90d: maturing, otherBanks, utilisation, balanceGrowth, totalBalance } = inputs;
  const largeBalance = totalBalance ? quantile7(sortedPresent(totalBalance), t.balanceQuantile) : NaN;
  const primary = new Uint8Array(rows);
  const mask = new Uint16Array(rows);
  for (let i = 0; i < rows; i++) {
    const riskEdge = (overdue !== undefined && overdue[i]! > t.overdueDays) || (late !== undefined && late[i]! >= t.lateInstallments) || (onTime !== undefined && onTime[i]! < t.onTimeRatio);
    const repaymentKnown = (overdue !== undefined && overdue[i] === overdue[i]) || (late !== undefined && late[i] === late[i]) || (onTime !== undefined && onTime[i] === onTime[i]);
    let m = 0;
    if (riskEdge) m |= 1 << RISK_EDGE;
    if (maturing !== undefined && maturing[i]! > 0) m |= 1 << MATURING;
    if (otherBanks !== undefined && utilisation !== undefined && otherBanks[i]! >= t.otherBanks && utilisation[i]! >= t.utilisation) m |= 1 << MULTI_CHANNEL;
    if (balanceGrowth !== undefined && balanceGrowth[i]! >= t.growth) m |= 1 << EXPANDING;
    if (totalBalance !== undefined && totalBalance[i]! >= largeBalance && repaymentKnown && !riskEdge) m |= 1 << HIGH_NEED;
    if (m === 0) m = 1 << OTHER;
    mask[i] = m;
    primary[i] = PRIORITY.find((s) => (m & (1 << s)) !== 0)!;
  }
  return { primary, mask };
}
