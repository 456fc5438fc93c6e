/**
 * The evaluation tab's charts, in the screening view's house style (explicit width, the same font
 * stack, tier colours from TIER_COLORS). Each builder takes the metric's own result and the text
 * it needs in the user's language; none computes a metric.
 */
import * as Plot from '@observablehq/plot';
import type { CalibrationRow } from '../../scoring/metrics/calibration';
import type { TierConversion } from '../../scoring/metrics/conversion';
import type { KsResult } from '../../scoring/metrics/ks';
import type { LiftRow } from '../../scoring/metrics/lift';
import type { RocResult } from '../../scoring/metrics/roc';
import { CHART_WIDTH, FONT, TIER_COLORS } from '../screening/screening-charts';

// screening-charts keeps its font stack private; this is the same stack, so both tabs read alike
const style = { fontFamily: FONT, fontSize: '12px' };
const EVENT_COLOR = '#c0392b';
const NON_EVENT_COLOR = '#2f6fb2';
const pct = (v: number) => `${(100 * v).toFixed(1)}%`;

/** Event rate per tier as bars, the overall rate as a dashed line. */
export function conversionChart(rows: readonly TierConversion[], overall: number, tiers: readonly string[], text: { overall: string }): SVGElement | HTMLElement {
  const data = rows.map((r) => ({ tier: tiers[r.tier]!, rate: Number.isFinite(r.rate) ? r.rate : 0, label: Number.isFinite(r.rate) ? pct(r.rate) : '—' }));
  const max = Math.max(overall, ...data.map((d) => d.rate), 0.01);
  return Plot.plot({
    width: CHART_WIDTH,
    height: 130,
    marginLeft: 64,
    marginRight: 60,
    marginTop: 20,
    marginBottom: 24,
    style,
    y: { domain: [...tiers], label: null },
    // the card's table names the measure: no axis label to collide with the last tick
    x: { domain: [0, max * 1.1], label: null, tickFormat: (v: number) => `${Math.round(100 * v)}%`, axis: 'top', grid: true, ticks: 5 },
    color: { domain: [...tiers], range: [...TIER_COLORS] },
    marks: [
      Plot.barX(data, { y: 'tier', x: 'rate', fill: 'tier' }),
      Plot.text(data, { y: 'tier', x: 'rate', text: 'label', textAnchor: 'start', dx: 4 }),
      Plot.ruleX([overall], { stroke: '#1f2933', strokeDasharray: '4,3' }),
      Plot.text([overall], { x: (d: number) => d, frameAnchor: 'bottom', text: () => `${text.overall} ${pct(overall)}`, textAnchor: 'start', dx: 4, dy: -2, fill: '#1f2933' }),
    ],
  });
}

/** The gains curve: share of events captured by the top share of customers, with the random diagonal. */
export function gainsChart(lift: readonly LiftRow[], text: { customers: string; captured: string; model: string; random: string }): SVGElement | HTMLElement {
  const total = lift.reduce((a, r) => a + r.count, 0) || 1;
  const points = [{ x: 0, y: 0 }, ...lift.filter((r) => r.count > 0).map((r) => ({ x: r.cumCount / total, y: Number.isFinite(r.capture) ? r.capture : 0 }))];
  return Plot.plot({
    width: CHART_WIDTH,
    height: 240,
    marginLeft: 44,
    style,
    x: { domain: [0, 1], label: text.customers, tickFormat: (v: number) => `${Math.round(100 * v)}%`, grid: true },
    y: { domain: [0, 1], label: text.captured, tickFormat: (v: number) => `${Math.round(100 * v)}%`, grid: true },
    marks: [
      Plot.line([{ x: 0, y: 0 }, { x: 1, y: 1 }], { x: 'x', y: 'y', stroke: '#8a94a0', strokeDasharray: '4,3' }),
      Plot.line(points, { x: 'x', y: 'y', stroke: TIER_COLORS[1], strokeWidth: 2 }),
      Plot.dot(points, { x: 'x', y: 'y', fill: TIER_COLORS[1], r: 3 }),
      Plot.text([text.random], { x: 0.72, y: 0.64, text: (d: string) => d, fill: '#8a94a0', rotate: -30 }),
      Plot.text([text.model], { x: points[2]?.x ?? 0.2, y: points[2]?.y ?? 0.2, text: (d: string) => d, fill: TIER_COLORS[1], textAnchor: 'start', dx: 8, dy: 10 }),
    ],
  });
}

/** The ROC curve (one point per distinct score) with the diagonal of a random order. */
export function rocChart(r: RocResult, text: { fpr: string; tpr: string; auc: string }): SVGElement | HTMLElement {
  const points = Array.from(r.fpr, (x, k) => ({ x, y: r.tpr[k]! }));
  return Plot.plot({
    width: CHART_WIDTH,
    height: 260,
    marginLeft: 44,
    style,
    x: { domain: [0, 1], label: text.fpr, grid: true },
    y: { domain: [0, 1], label: text.tpr, grid: true },
    marks: [
      Plot.line([{ x: 0, y: 0 }, { x: 1, y: 1 }], { x: 'x', y: 'y', stroke: '#8a94a0', strokeDasharray: '4,3' }),
      Plot.areaY(points, { x: 'x', y: 'y', fill: TIER_COLORS[1], fillOpacity: 0.08 }),
      Plot.line(points, { x: 'x', y: 'y', stroke: TIER_COLORS[1], strokeWidth: 2 }),
      Plot.text([text.auc], { frameAnchor: 'bottom-right', text: (d: string) => d, dx: -8, dy: -8, fontSize: 13, fontWeight: 600 }),
    ],
  });
}

/** Both cumulative distributions over the score, the largest gap (KS) marked at its threshold. */
export function ksChart(k: KsResult, text: { score: string; share: string; events: string; nonEvents: string; ks: string }): SVGElement | HTMLElement {
  const lines = Array.from(k.thresholds, (x, i) => [
    { x, y: k.eventCdf[i]!, series: text.events },
    { x, y: k.nonEventCdf[i]!, series: text.nonEvents },
  ]).flat();
  const at = k.thresholds.indexOf(k.threshold);
  const gap = at >= 0 ? [{ x: k.threshold, y1: k.eventCdf[at]!, y2: k.nonEventCdf[at]! }] : [];
  return Plot.plot({
    width: CHART_WIDTH,
    height: 260,
    marginLeft: 44,
    style,
    x: { label: text.score, grid: true },
    y: { domain: [0, 1], label: text.share, tickFormat: (v: number) => `${Math.round(100 * v)}%`, grid: true },
    color: { domain: [text.events, text.nonEvents], range: [EVENT_COLOR, NON_EVENT_COLOR], legend: true },
    marks: [
      Plot.line(lines, { x: 'x', y: 'y', stroke: 'series', curve: 'step-after', strokeWidth: 1.5 }),
      Plot.ruleX(gap, { x: 'x', y1: 'y1', y2: 'y2', stroke: '#1f2933', strokeWidth: 2 }),
      Plot.text(gap, { x: 'x', y: (d: (typeof gap)[number]) => (d.y1 + d.y2) / 2, text: () => text.ks, textAnchor: 'start', dx: 6, fontWeight: 600 }),
    ],
  });
}

/** Predicted against actual event rate per group, with the line of perfect calibration. */
export function calibrationChart(rows: readonly CalibrationRow[], label: (group: number) => string, colour: (group: number) => string, text: { predicted: string; actual: string }): SVGElement | HTMLElement {
  const data = rows.filter((r) => r.count > 0 && Number.isFinite(r.predicted)).map((r) => ({ ...r, name: label(r.group), colour: colour(r.group) }));
  const max = Math.max(0.05, ...data.map((d) => Math.max(d.predicted, d.actual))) * 1.1;
  return Plot.plot({
    width: CHART_WIDTH / 2 + 30,
    height: 220,
    marginLeft: 44,
    marginRight: 16,
    style,
    x: { domain: [0, max], label: text.predicted, tickFormat: (v: number) => `${Math.round(100 * v)}%`, grid: true, ticks: 4 },
    y: { domain: [0, max], label: text.actual, tickFormat: (v: number) => `${Math.round(100 * v)}%`, grid: true, ticks: 4 },
    marks: [
      Plot.line([{ x: 0, y: 0 }, { x: max, y: max }], { x: 'x', y: 'y', stroke: '#8a94a0', strokeDasharray: '4,3' }),
      Plot.dot(data, { x: 'predicted', y: 'actual', r: 5, fill: 'colour', stroke: '#1f2933', strokeWidth: 0.5, title: (d: (typeof data)[number]) => `${d.name}: ${pct(d.predicted)} → ${pct(d.actual)} (n = ${d.count})` }),
      Plot.text(data, { x: 'predicted', y: 'actual', text: 'name', dx: 8, textAnchor: 'start', fontSize: 10 }),
    ],
  });
}

/** PSI bins: the baseline's share (expected) beside the current share (actual), per bin. */
export function psiChart(bins: readonly { label: string; expected: number; actual: number }[], text: { expected: string; actual: string; share: string }): SVGElement | HTMLElement {
  const data = bins.flatMap((b) => [
    { bin: b.label, side: text.expected, share: b.expected },
    { bin: b.label, side: text.actual, share: b.actual },
  ]);
  return Plot.plot({
    width: CHART_WIDTH,
    height: 200,
    marginLeft: 44,
    marginBottom: 56,
    style,
    fx: { domain: bins.map((b) => b.label), label: null, tickRotate: -35, padding: 0.15 },
    x: { domain: [text.expected, text.actual], axis: null },
    y: { label: text.share, tickFormat: (v: number) => `${Math.round(100 * v)}%`, grid: true },
    color: { domain: [text.expected, text.actual], range: ['#b8c2cc', TIER_COLORS[1]], legend: true },
    marks: [Plot.barY(data, { fx: 'bin', x: 'side', y: 'share', fill: 'side' }), Plot.ruleY([0])],
  });
}
