import { describe, expect, it } from 'vitest';
import { earlyWarnings, riskGrid } from '../../src/scoring/risk-grid';

const f64 = (v: number[]) => Float64Array.from(v);

describe('riskGrid', () => {
  it('counts, overdue rate and balance at risk per industry × region (worked by hand)', () => {
    // 制造/上海: rows 0, 1, 3 — overdue row 1 (5 > 0) → rate 1/3, balance 100 + 200 + 300 = 600, at risk 200
    // 制造/北京: row 2 — not overdue (0); ''/上海: row 4 (missing industry) — overdue 10, balance NaN → 0
    const cells = riskGrid(['制造', '制造', '制造', '制造', null as unknown as string], ['上海', '上海', '北京', '上海', '上海'], f64([0, 5, 0, NaN, 10]), f64([100, 200, 50, 300, NaN]));
    expect(cells).toEqual([
      { industry: '', region: '上海', count: 1, overdueCount: 1, overdueRate: 1, balance: 0, balanceAtRisk: 0 },
      { industry: '制造', region: '上海', count: 3, overdueCount: 1, overdueRate: 1 / 3, balance: 600, balanceAtRisk: 200 },
      { industry: '制造', region: '北京', count: 1, overdueCount: 0, overdueRate: 0, balance: 50, balanceAtRisk: 0 },
    ].sort((a, b) => (a.industry < b.industry ? -1 : a.industry > b.industry ? 1 : a.region < b.region ? -1 : 1)));
    // threshold 5: 5 is not > 5
    expect(riskGrid(['a', 'a'], ['x', 'x'], f64([5, 6]), f64([1, 1]), 5)[0]!.overdueCount).toBe(1);
    expect(() => riskGrid(['a'], [], f64([1]), f64([1]))).toThrow(/region has 0 rows/);
  });
});

describe('earlyWarnings', () => {
  it('overdue, balance drop, industry and region warnings, sorted by severity (worked by hand)', () => {
    // minGroupSize 2. Industry A: rows 0, 1, 2, overdue (> 0) rows 0 and 1 → 2/3 > .5 → warn all three
    // industry B: rows 3, 4 — none overdue. Region R1: rows 0, 3 → 1/2 = .5, not > .5; R2: rows 1, 2, 4 → 1/3
    // overdue > 30: row 0 (45). drops > .3: row 3 (.5), row 4 (.31); row 2 NaN → none
    const w = earlyWarnings(
      { industry: ['A', 'A', 'A', 'B', 'B'], region: ['R1', 'R2', 'R2', 'R1', 'R2'], overdueDays: f64([45, 3, 0, 0, 0]), largestDrop: f64([0.1, 0.2, NaN, 0.5, 0.31]) },
      { minGroupSize: 2, industryOverdueRate: 0.5, regionOverdueRate: 0.5 },
    );
    expect(w).toEqual([
      { row: 0, kind: 'overdue', value: 45, threshold: 30 },
      { row: 3, kind: 'balance-drop', value: 0.5, threshold: 0.3 },
      { row: 4, kind: 'balance-drop', value: 0.31, threshold: 0.3 },
      { row: 0, kind: 'industry', value: 2 / 3, threshold: 0.5, group: 'A' },
      { row: 1, kind: 'industry', value: 2 / 3, threshold: 0.5, group: 'A' },
      { row: 2, kind: 'industry', value: 2 / 3, threshold: 0.5, group: 'A' },
    ]);
  });

  it('small groups and the unknown group are not judged; the region rate uses its own threshold', () => {
    const input = { industry: ['', '', 'X'], region: ['R', 'R', 'R'], overdueDays: f64([9, 9, 0]) };
    // '' has 2/2 overdue but is not a group; X has 1 customer < minGroupSize 2; region R: 2/3 > .15
    const w = earlyWarnings(input, { minGroupSize: 2 });
    expect(w.map((x) => `${x.kind}:${x.row}`)).toEqual(['region:0', 'region:1', 'region:2']);
    // with groups counting only > 10 days as overdue, R's rate is 0
    expect(earlyWarnings(input, { minGroupSize: 2, groupOverdueDays: 10 })).toEqual([]);
  });
});
