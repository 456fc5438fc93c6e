import * as Plot from '@observablehq/plot';
import type { Contribution } from './customer-profile-format';
import { overdueBand, type OverdueBand, type ProfileBalance, type ProfileLoan, type ProfileRepayment } from './profile-data';

/**
 * The customer profile's charts as Observable Plot figures: pure functions of data (and the
 * words to put on them) → an SVG or a <figure>. They take the `document` to build in, so the
 * drawer passes its own and they could be drawn anywhere Plot runs with a DOM.
 */

/** Colours from the shared theme (theme.ts); Plot sets fills as attributes, so they are literal here. */
const COLOURS = {
  own: '#2f6fb2', // --tb-blue
  other: '#9aa5b1',
  unknown: '#cbd2d9',
  'on-time': '#2e7d4f', // --tb-green
  late: '#e0a100',
  'overdue-30': '#b42318', // --tb-red
  'overdue-unknown': '#616e7c', // --tb-muted
  asOf: '#12263f', // --tb-navy
  line: '#1d3a5f', // --tb-navy-2
  bar: '#c9a227', // --tb-gold
} as const;

/** Dates on the axes as 2025-06: the same in both languages (Plot's default month names are English). */
const MONTH = '%Y-%m';

export interface ChartBase {
  readonly document: Document;
  readonly width: number;
}

/** Approximate width of a label in pixels: CJK characters are about twice as wide as Latin ones. */
function labelWidth(text: string, px = 11): number {
  let units = 0;
  for (const ch of text) units += ch.charCodeAt(0) > 0x2e80 ? 1 : 0.6;
  return units * px;
}

/** Left margin that fits the longest label, within bounds (the rest of the width is the chart's). */
function leftMargin(labels: readonly string[], max: number): number {
  return Math.round(Math.min(max, Math.max(40, ...labels.map((l) => labelWidth(l) + 12))));
}

/** "Why this tier": points per indicator as horizontal bars, largest on top. */
export function contributionChart(rows: readonly Contribution[], options: ChartBase & { readonly axisLabel: string }): SVGElement | HTMLElement {
  const labels = rows.map((r) => r.label);
  return Plot.plot({
    document: options.document,
    width: options.width,
    height: 24 * rows.length + 36,
    marginLeft: leftMargin(labels, options.width / 2),
    marginRight: 40,
    x: { label: options.axisLabel, grid: true, nice: true },
    y: { label: null, domain: labels },
    marks: [
      Plot.barX(rows, { x: 'points', y: 'label', fill: COLOURS.bar }),
      Plot.text(rows, { x: 'points', y: 'label', text: (d: Contribution) => d.points.toFixed(1), textAnchor: 'start', dx: 4 }),
      Plot.ruleX([0]),
    ],
  });
}

/** The words on the timeline (legend entries and the as-of mark). */
export interface TimelineLabels {
  readonly own: string;
  readonly other: string;
  readonly unknown: string;
  readonly onTime: string;
  readonly late: string;
  readonly overdue30: string;
  readonly overdueUnknown: string;
  readonly asOf: string;
}

const BAND_LABEL: Record<OverdueBand, keyof TimelineLabels> = { 'on-time': 'onTime', late: 'late', 'overdue-30': 'overdue30', unknown: 'overdueUnknown' };
const BAND_COLOUR: Record<OverdueBand, string> = { 'on-time': COLOURS['on-time'], late: COLOURS.late, 'overdue-30': COLOURS['overdue-30'], unknown: COLOURS['overdue-unknown'] };

/** The row label of a loan: product and lender (the id is the row's key, so equal labels stay apart). */
export function loanLabel(loan: ProfileLoan): string {
  return [loan.product, loan.bank].filter(Boolean).join(' · ') || loan.loanId;
}

/**
 * Loans and repayments on one time axis: a bar per loan from start to maturity (this bank's in
 * blue, other banks' grey), the repayments as dots on their loan's row at the due date coloured
 * by days overdue (0 / 1–30 / >30), and a rule at the analysis date. One colour scale holds both
 * kinds, so a single legend explains the chart.
 */
export function loanTimeline(loans: readonly ProfileLoan[], repayments: readonly ProfileRepayment[], asOf: Date, labels: TimelineLabels, options: ChartBase): SVGElement | HTMLElement {
  const ids = loans.map((l) => l.loanId);
  const labelOf = new Map(loans.map((l) => [l.loanId, loanLabel(l)]));
  const lender = (l: ProfileLoan) => (l.ownBank === null ? labels.unknown : l.ownBank ? labels.own : labels.other);
  const known = new Set(ids);
  const dots = repayments.filter((r) => known.has(r.loanId));
  const bands = (['on-time', 'late', 'overdue-30', 'unknown'] as const).filter((b) => b !== 'unknown' || dots.some((r) => overdueBand(r.overdueDays) === 'unknown'));
  const lenders = [
    ...(loans.some((l) => l.ownBank === true) ? [[labels.own, COLOURS.own]] : []),
    ...(loans.some((l) => l.ownBank === false) ? [[labels.other, COLOURS.other]] : []),
    ...(loans.some((l) => l.ownBank === null) ? [[labels.unknown, COLOURS.unknown]] : []),
  ] as [string, string][];
  const colour = [...lenders, ...bands.map((b) => [labels[BAND_LABEL[b]], BAND_COLOUR[b]] as [string, string])];
  // loans without both dates cannot be drawn as a bar; their row (and repayments) stay
  const bars = loans.filter((l) => l.start && l.maturity);
  return Plot.plot({
    document: options.document,
    width: options.width,
    height: 26 * ids.length + 60,
    marginLeft: leftMargin([...labelOf.values()], options.width * 0.4),
    marginRight: 16,
    x: { type: 'utc', label: null, grid: true, tickFormat: MONTH },
    y: { label: null, domain: ids, tickFormat: (id: string) => labelOf.get(id) ?? id, padding: 0.35 },
    color: { domain: colour.map((c) => c[0]), range: colour.map((c) => c[1]), legend: true },
    marks: [
      Plot.barX(bars, { x1: 'start', x2: 'maturity', y: 'loanId', fill: lender, fillOpacity: 0.7, title: (l: ProfileLoan) => `${l.loanId}\n${loanLabel(l)}` }),
      Plot.dot(dots, {
        x: 'dueDate',
        y: 'loanId',
        r: 3,
        fill: (r: ProfileRepayment) => labels[BAND_LABEL[overdueBand(r.overdueDays)]],
        stroke: 'white',
        strokeWidth: 0.5,
        title: (r: ProfileRepayment) => `${r.dueDate.toISOString().slice(0, 10)} · ${Number.isNaN(r.overdueDays) ? '?' : r.overdueDays}`,
      }),
      Plot.ruleX([asOf], { stroke: COLOURS.asOf, strokeDasharray: '4 3' }),
      Plot.text([asOf], { x: (d: Date) => d, frameAnchor: 'top', text: () => labels.asOf, dy: -4, textAnchor: 'end', dx: -4, fill: COLOURS.asOf }),
    ],
  });
}

/** Month-end balances as a line with dots (in 万), the analysis date marked with a rule. */
export function balanceChart(balances: readonly ProfileBalance[], asOf: Date, labels: { readonly axis: string; readonly asOf: string }, options: ChartBase): SVGElement | HTMLElement {
  const wan = (b: ProfileBalance) => b.balance / 10_000;
  // all zero (a customer who repaid everything) would give Plot an empty domain: show 0 on a 0–1 axis
  const flat = !balances.some((b) => wan(b) > 0);
  return Plot.plot({
    document: options.document,
    width: options.width,
    height: 200,
    marginLeft: 56,
    marginRight: 16,
    x: { type: 'utc', label: null, tickFormat: MONTH },
    y: { label: labels.axis, grid: true, zero: true, ...(flat ? { domain: [0, 1] } : {}) },
    marks: [
      Plot.lineY(balances, { x: 'date', y: wan, stroke: COLOURS.line }),
      Plot.dot(balances, { x: 'date', y: wan, fill: COLOURS.line, r: 2.5, title: (b: ProfileBalance) => `${b.date.toISOString().slice(0, 10)}: ${wan(b).toFixed(2)}` }),
      Plot.ruleX([asOf], { stroke: COLOURS.asOf, strokeDasharray: '4 3' }),
      Plot.text([asOf], { x: (d: Date) => d, frameAnchor: 'top', text: () => labels.asOf, textAnchor: 'end', dx: -4, fill: COLOURS.asOf }),
    ],
  });
}
