import * as Plot from '@observablehq/plot';
import type { RiskCell } from '../../scoring/risk-grid';
import { HISTOGRAM_BINS } from '../../scoring/screen';

/** Tier colours, best first (the same in every chart, the badges and the list). */
export const TIER_COLORS = ['#c9a227', '#2f6fb2', '#b8c2cc'] as const;

/** What the charts need to say in the user's language. */
export interface ChartText {
  readonly tiers: readonly [string, string, string];
  readonly customers: string;
  readonly balance: string;
  readonly score: string;
  readonly points: string;
  readonly strategicCut: string;
  readonly growthCut: string;
}

const FONT = "system-ui, -apple-system, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif";

/** Customers and balance per tier: two bar charts side by side in one figure. */
export function tierChart(counts: readonly number[], balances: readonly number[], text: ChartText, unit: { divisor: number; label: string }): SVGElement | HTMLElement {
  const data = text.tiers.map((tier, t) => ({ tier, t, count: counts[t]!, balance: balances[t]! / unit.divisor }));
  const total = counts.reduce((a, b) => a + b, 0) || 1;
  return Plot.plot({
    width: 520,
    height: 150,
    marginLeft: 64,
    marginRight: 60,
    style: { fontFamily: FONT, fontSize: '12px' },
    fx: { domain: [text.customers, `${text.balance} (${unit.label})`], label: null },
    y: { domain: text.tiers, label: null },
    x: { axis: null },
    color: { domain: text.tiers, range: [...TIER_COLORS] },
    marks: [
      Plot.barX(data, { fx: () => text.customers, y: 'tier', x: 'count', fill: 'tier' }),
      Plot.text(data, { fx: () => text.customers, y: 'tier', x: 'count', text: (d: (typeof data)[number]) => `${d.count.toLocaleString()} · ${((100 * d.count) / total).toFixed(1)}%`, textAnchor: 'start', dx: 4 }),
      Plot.barX(data, { fx: () => `${text.balance} (${unit.label})`, y: 'tier', x: 'balance', fill: 'tier' }),
      Plot.text(data, { fx: () => `${text.balance} (${unit.label})`, y: 'tier', x: 'balance', text: (d: (typeof data)[number]) => d.balance.toLocaleString(undefined, { maximumFractionDigits: 1 }), textAnchor: 'start', dx: 4 }),
    ],
  });
}

/** The score histogram, stacked by tier, with the tiers' cut lines. */
export function histogramChart(histogram: Int32Array, cuts: readonly [number, number], text: ChartText): SVGElement | HTMLElement {
  const width = 100 / HISTOGRAM_BINS;
  const data: { tier: string; x1: number; x2: number; count: number }[] = [];
  for (let t = 0; t < 3; t++) {
    for (let b = 0; b < HISTOGRAM_BINS; b++) {
      const count = histogram[t * HISTOGRAM_BINS + b]!;
      if (count > 0) data.push({ tier: text.tiers[t]!, x1: b * width, x2: (b + 1) * width, count });
    }
  }
  const lines = [
    { x: cuts[0], label: text.strategicCut, color: TIER_COLORS[0] },
    { x: cuts[1], label: text.growthCut, color: TIER_COLORS[1] },
  ].filter((l) => Number.isFinite(l.x));
  return Plot.plot({
    width: 520,
    height: 190,
    marginLeft: 44,
    style: { fontFamily: FONT, fontSize: '12px' },
    x: { domain: [0, 100], label: text.score },
    y: { label: text.customers, grid: true },
    color: { domain: text.tiers, range: [...TIER_COLORS] },
    marks: [
      Plot.rectY(data, Plot.stackY({ x1: 'x1', x2: 'x2', y: 'count', fill: 'tier', order: [...text.tiers], inset: 0.5 })),
      Plot.ruleX(lines, { x: 'x', stroke: 'color', strokeWidth: 1.5, strokeDasharray: '4,3' }),
      Plot.text(lines, { x: 'x', frameAnchor: 'top', text: (d: (typeof lines)[number]) => `${d.label} ${d.x.toFixed(1)}`, dx: 4, textAnchor: 'start', fill: 'color' }),
      Plot.ruleY([0]),
    ],
  });
}

/** Mean points per indicator in each tier, stacked: which indicators put customers where they are. */
export function contributionChart(labels: readonly string[], byTier: readonly Float64Array[], text: ChartText): SVGElement | HTMLElement {
  const data = byTier.flatMap((points, t) => labels.map((indicator, j) => ({ tier: text.tiers[t]!, indicator, points: points[j]! })));
  return Plot.plot({
    width: 520,
    height: 150,
    marginLeft: 64,
    style: { fontFamily: FONT, fontSize: '12px' },
    y: { domain: text.tiers, label: null },
    x: { label: text.points, domain: [0, 100], grid: true },
    color: { legend: true, domain: [...labels], scheme: 'tableau10' },
    marks: [Plot.barX(data, Plot.stackX({ y: 'tier', x: 'points', fill: 'indicator', title: (d: (typeof data)[number]) => `${d.indicator}: ${d.points.toFixed(1)}` }))],
  });
}

/** The heatmap's measures. */
export type RiskMetric = 'overdueRate' | 'balanceAtRisk' | 'count';

/**
 * Industry × region, coloured by the chosen measure, each cell labelled; clicking a cell calls
 * `onPick` with it (the list filters to it). The picked cell is outlined.
 */
export function riskHeatmap(
  grid: readonly RiskCell[],
  metric: RiskMetric,
  picked: { industry: string; region: string } | null,
  onPick: (cell: RiskCell) => void,
  format: (cell: RiskCell) => string,
  labels: { industry: string; region: string; metric: string },
): SVGElement | HTMLElement {
  const industries = [...new Set(grid.map((c) => c.industry))].sort((a, b) => a.localeCompare(b, 'zh'));
  const regions = [...new Set(grid.map((c) => c.region))].sort((a, b) => a.localeCompare(b, 'zh'));
  const value = (c: RiskCell) => (metric === 'overdueRate' ? c.overdueRate : metric === 'balanceAtRisk' ? c.balanceAtRisk : c.count);
  const isPicked = (c: RiskCell) => picked !== null && c.industry === picked.industry && c.region === picked.region;
  return Plot.plot({
    width: Math.max(520, 90 + regions.length * 56),
    height: 40 + industries.length * 26,
    marginLeft: 110,
    marginTop: 40,
    padding: 0.04,
    style: { fontFamily: FONT, fontSize: '11px' },
    x: { domain: regions, label: labels.region, axis: 'top', tickRotate: 0 },
    y: { domain: industries, label: labels.industry },
    color: { type: metric === 'overdueRate' ? 'linear' : 'sqrt', scheme: 'orrd', legend: true, label: labels.metric },
    marks: [
      Plot.cell(grid as RiskCell[], {
        x: 'region',
        y: 'industry',
        fill: value,
        stroke: (c: RiskCell) => (isPicked(c) ? '#12263f' : null),
        strokeWidth: 2,
        title: (c: RiskCell) => `${c.industry} × ${c.region}\n${format(c)}`,
        render(index, scales, values, dimensions, context, next) {
          const g = next!(index, scales, values, dimensions, context) as SVGGElement;
          const cells = grid as RiskCell[];
          g.querySelectorAll('rect').forEach((rect, k) => {
            rect.style.cursor = 'pointer';
            rect.setAttribute('data-cell', `${cells[index[k]!]!.industry}|${cells[index[k]!]!.region}`);
            rect.addEventListener('click', () => onPick(cells[index[k]!]!));
          });
          return g;
        },
      }),
      Plot.text(grid as RiskCell[], {
        x: 'region',
        y: 'industry',
        text: (c: RiskCell) => (metric === 'overdueRate' ? `${(100 * c.overdueRate).toFixed(0)}%` : metric === 'count' ? String(c.count) : ''),
        fill: (c: RiskCell) => (metric === 'overdueRate' && c.overdueRate > 0.2 ? 'white' : 'black'),
        pointerEvents: 'none',
      }),
    ],
  });
}
