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

/** Every chart of the view is this wide; two fit side by side on a laptop screen. */
export const CHART_WIDTH = 420;

/** The charts' font: the system's, with the usual Chinese fallbacks (nothing is fetched). */
export const FONT = "system-ui, -apple-system, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif";

/** One bar per tier with its value written after the bar (room is left for the label). */
export function tierBars(values: readonly number[], text: ChartText, label: string, format: (v: number, t: number) => string): SVGElement | HTMLElement {
  const data = text.tiers.map((tier, t) => ({ tier, value: values[t]!, label: format(values[t]!, t) }));
  const max = Math.max(1, ...values);
  return Plot.plot({
    width: CHART_WIDTH,
    height: 96,
    marginTop: 18,
    marginRight: 130,
    marginLeft: 64,
    style: { fontFamily: FONT, fontSize: '12px' },
    y: { domain: text.tiers, label: null },
    x: { domain: [0, max], axis: 'top', ticks: 0, label },
    color: { domain: text.tiers, range: [...TIER_COLORS] },
    marks: [
      Plot.barX(data, { y: 'tier', x: 'value', fill: 'tier' }),
      Plot.text(data, { y: 'tier', x: 'value', text: 'label', textAnchor: 'start', dx: 4 }),
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
  // the strategic label to the right of its line, the growth label to the left of its own: they never collide
  const lines = [
    { x: cuts[0], label: text.strategicCut, color: TIER_COLORS[0], anchor: 'start', dx: 4 },
    { x: cuts[1], label: text.growthCut, color: TIER_COLORS[1], anchor: 'end', dx: -4 },
  ].filter((l) => Number.isFinite(l.x));
  return Plot.plot({
    width: CHART_WIDTH,
    height: 190,
    marginLeft: 44,
    style: { fontFamily: FONT, fontSize: '12px' },
    x: { domain: [0, 100], label: text.score },
    y: { label: text.customers, grid: true },
    color: { domain: text.tiers, range: [...TIER_COLORS] },
    marks: [
      Plot.rectY(data, Plot.stackY({ x1: 'x1', x2: 'x2', y: 'count', fill: 'tier', order: [...text.tiers], inset: 0.5 })),
      Plot.ruleX(lines, { x: 'x', stroke: 'color', strokeWidth: 1.5, strokeDasharray: '4,3' }),
      ...lines.map((l) => Plot.text([l], { x: 'x', frameAnchor: 'top', text: (d: (typeof lines)[number]) => `${d.label} ${d.x.toFixed(1)}`, dx: l.dx, textAnchor: l.anchor as 'start' | 'end', fill: 'color' })),
      Plot.ruleY([0]),
    ],
  });
}

/** Mean points per indicator in each tier, stacked: which indicators put customers where they are. */
export function contributionChart(labels: readonly string[], byTier: readonly Float64Array[], text: ChartText): SVGElement | HTMLElement {
  const data = byTier.flatMap((points, t) => labels.map((indicator, j) => ({ tier: text.tiers[t]!, indicator, points: points[j]! })));
  return Plot.plot({
    width: CHART_WIDTH,
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

/** Sums cells into one (an industry's or a region's total); '' stands for "all". */
function total(cells: readonly RiskCell[], industry: string, region: string): RiskCell {
  let count = 0, overdueCount = 0, balance = 0, balanceAtRisk = 0;
  for (const c of cells) {
    count += c.count;
    overdueCount += c.overdueCount;
    balance += c.balance;
    balanceAtRisk += c.balanceAtRisk;
  }
  return { industry, region, count, overdueCount, overdueRate: count ? overdueCount / count : 0, balance, balanceAtRisk };
}

/** A cell as drawn: where it sits (a total row or column says "all") and the cell it picks. */
interface Drawn {
  readonly x: string;
  readonly y: string;
  readonly cell: RiskCell;
  readonly isTotal: boolean;
}

/**
 * Industry × region, coloured by the chosen measure, with each industry's and region's total in
 * the first column and row; industries and regions sorted by their total so the riskiest come
 * first. Clicking a cell calls `onPick` with it ('' = every industry or region), and the picked
 * cell is outlined. Cells of fewer than `minCount` customers are drawn faint, without a label: a
 * rate over three customers is noise.
 */
export function riskHeatmap(
  grid: readonly RiskCell[],
  metric: RiskMetric,
  picked: { industry: string; region: string } | null,
  onPick: (cell: RiskCell) => void,
  format: (cell: RiskCell) => string,
  labels: { industry: string; region: string; metric: string; all: string },
  minCount = 10,
): SVGElement | HTMLElement {
  const value = (c: RiskCell) => (metric === 'overdueRate' ? c.overdueRate : metric === 'balanceAtRisk' ? c.balanceAtRisk : c.count);
  const group = (key: 'industry' | 'region') => {
    const totals = [...new Set(grid.map((c) => c[key]))].map((name) => total(grid.filter((c) => c[key] === name), key === 'industry' ? name : '', key === 'region' ? name : ''));
    return totals.sort((a, b) => value(b) - value(a) || a[key].localeCompare(b[key], 'zh'));
  };
  const industries = group('industry');
  const regions = group('region');
  const name = (v: string) => v || labels.all;
  const drawn: Drawn[] = [
    { x: labels.all, y: labels.all, cell: total(grid, '', ''), isTotal: true },
    ...industries.map((c) => ({ x: labels.all, y: c.industry, cell: c, isTotal: true })),
    ...regions.map((c) => ({ x: c.region, y: labels.all, cell: c, isTotal: true })),
    ...grid.map((c) => ({ x: c.region, y: c.industry, cell: c, isTotal: false })),
  ];
  const isPicked = (c: RiskCell) => picked !== null && c.industry === picked.industry && c.region === picked.region;
  const small = (d: Drawn) => d.cell.count < minCount;
  const percent = (v: number) => `${(100 * v).toFixed(0)}%`;
  const cellText = (d: Drawn) => (small(d) ? '' : metric === 'overdueRate' ? percent(d.cell.overdueRate) : metric === 'count' ? String(d.cell.count) : '');
  const colourValue = (d: Drawn) => (small(d) && metric === 'overdueRate' ? null : value(d.cell));
  return Plot.plot({
    width: 200 + (regions.length + 1) * 34,
    height: 110 + (industries.length + 1) * 24,
    marginLeft: 200,
    marginTop: 100,
    padding: 0.05,
    style: { fontFamily: FONT, fontSize: '11px' },
    x: { domain: [labels.all, ...regions.map((c) => c.region)], label: labels.region, axis: 'top', tickRotate: -50, tickFormat: name },
    y: { domain: [labels.all, ...industries.map((c) => c.industry)], label: labels.industry, tickFormat: name },
    color: { type: metric === 'overdueRate' ? 'linear' : 'sqrt', scheme: 'orrd', legend: true, label: labels.metric, ...(metric === 'overdueRate' ? { tickFormat: percent } : {}) },
    marks: [
      Plot.cell(drawn, {
        x: 'x',
        y: 'y',
        fill: colourValue,
        fillOpacity: (d: Drawn) => (small(d) ? 0.35 : 1),
        stroke: (d: Drawn) => (isPicked(d.cell) ? '#12263f' : d.isTotal ? '#8a94a0' : null),
        strokeWidth: (d: Drawn) => (isPicked(d.cell) ? 2.5 : 0.5),
        title: (d: Drawn) => `${name(d.cell.industry)} × ${name(d.cell.region)}\n${format(d.cell)}`,
        render(index, scales, values, dimensions, context, next) {
          const g = next!(index, scales, values, dimensions, context) as SVGGElement;
          g.querySelectorAll('rect').forEach((rect, k) => {
            const d = drawn[index[k]!]!;
            rect.style.cursor = 'pointer';
            rect.setAttribute('data-cell', `${d.cell.industry}|${d.cell.region}`);
            rect.addEventListener('click', () => onPick(d.cell));
          });
          return g;
        },
      }),
      Plot.text(drawn, {
        x: 'x',
        y: 'y',
        text: cellText,
        fill: (d: Drawn) => (metric === 'overdueRate' && d.cell.overdueRate > 0.3 ? 'white' : '#1f2933'),
        pointerEvents: 'none',
      }),
    ],
  });
}
