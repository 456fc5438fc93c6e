/**
 * Risk early warning (风险预警): the industry × region heatmap (count, overdue rate, balance at
 * risk) and the per-customer warnings — overdue, a funding break (a sharp month-on-month balance
 * drop), or belonging to an industry or region whose overdue rate is high.
 */

export interface RiskCell {
  readonly industry: string;
  readonly region: string;
  readonly count: number;
  readonly overdueCount: number;
  /** overdueCount / count */
  readonly overdueRate: number;
  /** total balance of the cell's customers (unknown balances count 0) */
  readonly balance: number;
  /** balance of the cell's overdue customers */
  readonly balanceAtRisk: number;
}

/** A missing industry or region (null from a table, or empty) is the group ''. */
const groupOf = (value: string | null | undefined): string => value ?? '';

function checkLength(name: string, length: number, rows: number): void {
  if (length !== rows) throw new Error(`${name} has ${length} rows, expected ${rows}`);
}

/**
 * The heatmap cells: one per (industry, region) pair present, sorted by industry then region
 * (string order). A customer is overdue when overdueDays > threshold (default 0; NaN = unknown,
 * not overdue).
 */
export function riskGrid(industry: readonly string[], region: readonly string[], overdueDays: Float64Array, balance: Float64Array, threshold = 0): RiskCell[] {
  const n = industry.length;
  checkLength('region', region.length, n);
  checkLength('overdueDays', overdueDays.length, n);
  checkLength('balance', balance.length, n);
  const cells = new Map<string, { industry: string; region: string; count: number; overdueCount: number; balance: number; balanceAtRisk: number }>();
  for (let i = 0; i < n; i++) {
    const ind = groupOf(industry[i]);
    const reg = groupOf(region[i]);
    // JSON of the pair: no separator character can collide with the names
    const key = JSON.stringify([ind, reg]);
    let cell = cells.get(key);
    if (!cell) cells.set(key, (cell = { industry: ind, region: reg, count: 0, overdueCount: 0, balance: 0, balanceAtRisk: 0 }));
    const b = Number.isFinite(balance[i]!) ? balance[i]! : 0;
    cell.count++;
    cell.balance += b;
    if (overdueDays[i]! > threshold) {
      cell.overdueCount++;
      cell.balanceAtRisk += b;
    }
  }
  return [...cells.values()]
    .sort((a, b) => compareText(a.industry, b.industry) || compareText(a.region, b.region))
    .map((c) => ({ ...c, overdueRate: c.overdueCount / c.count }));
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export interface WarningThresholds {
  /** a customer overdue more than this many days is warned */
  overdueDays: number;
  /** a largest month-on-month balance drop above this fraction is warned (funding break) */
  balanceDrop: number;
  /** an industry whose overdue rate exceeds this warns its customers */
  industryOverdueRate: number;
  /** a region whose overdue rate exceeds this warns its customers */
  regionOverdueRate: number;
  /** groups smaller than this are not judged (a rate on 3 customers says little) */
  minGroupSize: number;
  /** the overdue days above which a customer counts as overdue in a group's rate (default 0, as
   * in the heatmap) */
  groupOverdueDays?: number;
}

export const DEFAULT_WARNING_THRESHOLDS: Required<WarningThresholds> = {
  overdueDays: 30,
  balanceDrop: 0.3,
  industryOverdueRate: 0.15,
  regionOverdueRate: 0.15,
  minGroupSize: 20,
  groupOverdueDays: 0,
};

export type WarningKind = 'overdue' | 'balance-drop' | 'industry' | 'region';
const KIND_ORDER: readonly WarningKind[] = ['overdue', 'balance-drop', 'industry', 'region'];

export interface Warning {
  readonly row: number;
  readonly kind: WarningKind;
  /** overdue days, the drop as a fraction, or the group's overdue rate */
  readonly value: number;
  /** the threshold it exceeded */
  readonly threshold: number;
  /** the industry or region (group warnings only) */
  readonly group?: string;
}

/** Groups (industry or region, '' excluded: unknown is not a group) of at least minSize whose
 * overdue rate exceeds maxRate, with that rate. */
function riskyGroups(keys: readonly string[], overdue: Uint8Array, minSize: number, maxRate: number): Map<string, number> {
  const tally = new Map<string, [number, number]>();
  keys.forEach((k, i) => {
    const g = groupOf(k);
    if (g === '') return;
    const t = tally.get(g) ?? [0, 0];
    t[0]++;
    t[1] += overdue[i]!;
    tally.set(g, t);
  });
  const risky = new Map<string, number>();
  for (const [g, [count, late]] of tally) if (count >= minSize && late / count > maxRate) risky.set(g, late / count);
  return risky;
}

/**
 * Early warnings per customer (a customer can have several): overdue beyond the threshold; the
 * largest month-on-month balance drop beyond the threshold (NaN = unknown, no warning); in an
 * industry / region whose overdue rate (groups of at least minGroupSize) exceeds its threshold.
 * Sorted by severity: kind in the order above, then value descending, then row.
 */
export function earlyWarnings(input: { industry: readonly string[]; region: readonly string[]; overdueDays: Float64Array; largestDrop?: Float64Array }, thresholds?: Partial<WarningThresholds>): Warning[] {
  const t = { ...DEFAULT_WARNING_THRESHOLDS, ...thresholds };
  const { industry, region, overdueDays, largestDrop } = input;
  const n = overdueDays.length;
  checkLength('industry', industry.length, n);
  checkLength('region', region.length, n);
  if (largestDrop) checkLength('largestDrop', largestDrop.length, n);
  const overdue = Uint8Array.from(overdueDays, (d) => (d > t.groupOverdueDays ? 1 : 0));
  const industries = riskyGroups(industry, overdue, t.minGroupSize, t.industryOverdueRate);
  const regions = riskyGroups(region, overdue, t.minGroupSize, t.regionOverdueRate);
  const warnings: Warning[] = [];
  for (let row = 0; row < n; row++) {
    const days = overdueDays[row]!;
    if (days > t.overdueDays) warnings.push({ row, kind: 'overdue', value: days, threshold: t.overdueDays });
    const drop = largestDrop?.[row] ?? NaN;
    if (drop > t.balanceDrop) warnings.push({ row, kind: 'balance-drop', value: drop, threshold: t.balanceDrop });
    const ind = groupOf(industry[row]);
    const indRate = industries.get(ind);
    if (indRate !== undefined) warnings.push({ row, kind: 'industry', value: indRate, threshold: t.industryOverdueRate, group: ind });
    const reg = groupOf(region[row]);
    const regRate = regions.get(reg);
    if (regRate !== undefined) warnings.push({ row, kind: 'region', value: regRate, threshold: t.regionOverdueRate, group: reg });
  }
  return warnings.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || b.value - a.value || a.row - b.row);
}
