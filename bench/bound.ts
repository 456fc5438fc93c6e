/**
 * The lower bound for slider latency: what one weight change costs when nothing but the weighted
 * sum is done, inline on typed arrays (no tiers, no histogram, no drawing). A slider can never be
 * faster than this on the machine, so the browser's figure is read against it. Beside it, the
 * app's own Screen.update in Node (re-weight, re-tier, histogram, tiers × segments) on the same
 * data: the slider path without the browser, so the gap to the browser's figure is the page's own
 * cost (events, rendering).
 *
 * The data are synthetic (seeded): twelve indicators shaped like DOMAIN.md's, at the size's
 * customer count. bench/scoring.ts uses the same data and the same loop for its phase table.
 */
import { fitIndicators, normalise, type NormalisedMatrix } from '../src/scoring/normalise';
import { Screen } from '../src/scoring/screen';
import type { FittedIndicator, IndicatorSpec, TierRule } from '../src/scoring/types';
import { weightVector } from '../src/scoring/weights';
import { BENCH_SIZES, type BenchSize, type Figure } from './figure';

/** mulberry32: a seeded generator, so every run scores the same data */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A synthetic screening: the indicators, their raw values, ids, and the fit and normalisation of them. */
export interface SyntheticScreen {
  readonly rows: number;
  readonly specs: readonly IndicatorSpec[];
  readonly data: ReadonlyMap<string, Float64Array>;
  readonly ids: readonly string[];
  readonly fitted: readonly FittedIndicator[];
  readonly matrix: NormalisedMatrix;
  /** milliseconds spent fitting and normalising (once per data, not per slider change) */
  readonly fitMs: number;
  readonly normaliseMs: number;
}

type Shape = { spec: Omit<IndicatorSpec, 'label' | 'dimension'>; draw: () => number };

/** Twelve indicators shaped like DOMAIN.md's: skewed amounts, ratios, counts with ties, overdue days. */
function shapes(random: () => number): Shape[] {
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const missing = (p: number, v: number) => (random() < p ? NaN : v);
  return [
    { spec: { column: 'total_balance', direction: 'benefit', transform: 'log1p', winsor: [0.01, 0.99], scaling: 'minmax', missing: 'median' }, draw: () => missing(0.02, Math.exp(14 + 1.5 * normal())) },
    { spec: { column: 'total_limit', direction: 'benefit', transform: 'log1p', winsor: [0.01, 0.99], scaling: 'zscore', missing: 'median' }, draw: () => missing(0.02, Math.exp(14.5 + 1.2 * normal())) },
    { spec: { column: 'utilisation', direction: 'benefit', transform: 'none', winsor: null, scaling: 'rank', missing: 'worst' }, draw: () => missing(0.05, Math.min(1, Math.max(0, 0.6 + 0.25 * normal()))) },
    { spec: { column: 'balance_growth_12m', direction: 'benefit', transform: 'none', winsor: [0.01, 0.99], scaling: 'rank', missing: 'median' }, draw: () => missing(0.1, 0.05 + 0.3 * normal()) },
    { spec: { column: 'max_overdue_days', direction: 'cost', transform: 'log1p', winsor: null, scaling: 'minmax', missing: 'zero' }, draw: () => (random() < 0.85 ? 0 : Math.floor(random() * 120)) },
    { spec: { column: 'late_installments', direction: 'cost', transform: 'none', winsor: null, scaling: 'rank', missing: 'zero' }, draw: () => (random() < 0.8 ? 0 : Math.floor(random() * 8)) },
    { spec: { column: 'on_time_ratio', direction: 'benefit', transform: 'none', winsor: null, scaling: 'minmax', missing: 'median' }, draw: () => missing(0.05, random() < 0.7 ? 1 : random()) },
    { spec: { column: 'other_banks', direction: 'benefit', transform: 'none', winsor: null, scaling: 'rank', missing: 'zero' }, draw: () => Math.floor(-Math.log(1 - random()) * 1.5) },
    { spec: { column: 'products', direction: 'benefit', transform: 'none', winsor: null, scaling: 'rank', missing: 'zero' }, draw: () => 1 + Math.floor(random() * 5) },
    { spec: { column: 'revenue', direction: 'benefit', transform: 'log1p', winsor: [0.01, 0.99], scaling: 'zscore', missing: 'median' }, draw: () => missing(0.15, Math.exp(16 + 2 * normal())) },
    { spec: { column: 'relation_years', direction: 'benefit', transform: 'none', winsor: [0, 0.99], scaling: 'minmax', missing: 'median' }, draw: () => missing(0.03, random() * 20) },
    { spec: { column: 'balance_cv', direction: 'cost', transform: 'none', winsor: [0, 0.99], scaling: 'rank', missing: 'median' }, draw: () => missing(0.1, Math.abs(0.3 * normal())) },
  ];
}

/** Builds, fits and normalises `rows` synthetic customers (seeded: the same every run). */
export function syntheticScreen(rows: number, seed = 42): SyntheticScreen {
  const s = shapes(rng(seed));
  const specs: IndicatorSpec[] = s.map((x) => ({ ...x.spec, label: x.spec.column, dimension: '' }));
  const data = new Map(s.map((x) => [x.spec.column, Float64Array.from({ length: rows }, x.draw)]));
  const ids = Array.from({ length: rows }, (_, i) => `C${String((i * 7919) % rows).padStart(7, '0')}`);
  let t0 = performance.now();
  const fitted = fitIndicators(specs, data);
  const fitMs = performance.now() - t0;
  t0 = performance.now();
  const matrix = normalise(fitted, data);
  return { rows, specs, data, ids, fitted, matrix, fitMs, normaliseMs: performance.now() - t0 };
}

/** Random whole-percent weights per indicator, as a user dragging sliders would leave them. */
export function weightSets(specs: readonly IndicatorSpec[], count: number, seed = 7): Record<string, number>[] {
  const random = rng(seed);
  return Array.from({ length: count }, () => Object.fromEntries(specs.map((s) => [s.column, Math.round(random() * 20)])));
}

/** The bound itself: the weighted sum (score 0–100) written inline on the typed arrays. */
export function weightedSumInto(matrix: NormalisedMatrix, weights: Float64Array, score: Float64Array): Float64Array {
  const rows = score.length;
  score.fill(0);
  for (let j = 0; j < weights.length; j++) {
    const wj = 100 * weights[j]!;
    const v = matrix.values[j]!;
    for (let i = 0; i < rows; i++) score[i] = score[i]! + wj * v[i]!;
  }
  return score;
}

/** The screening view's own state over the synthetic data: quota tiers 5% / 15%, overdue cap 30 days. */
export function syntheticScreenView(s: SyntheticScreen): Screen {
  return new Screen(
    { rows: s.rows, ids: s.ids, numbers: s.data, text: {} },
    { matrix: 'bench', indicators: [...s.specs], weights: 'weights', tiers: { mode: 'quota', strategic: 5, growth: 15 }, overrides: { overdueColumn: 'max_overdue_days', maxOverdueDays: 30 } },
    [...s.fitted],
  );
}

/** The tier rule every timed change applies. */
export const BENCH_TIER_RULE: TierRule = { mode: 'quota', strategic: { percent: 5 }, growth: { percent: 15 } };

/** Slider changes timed per repetition (the issue asks for p50 and p95 over at least 50). */
export const CHANGES_PER_REP = 50;
/** Changes run first and not counted, so the JIT has compiled the loops. */
const WARM_UP = 20;

/**
 * The slider figures at the size's customer count: the typed-array bound and Screen.update in
 * Node ('node-screen'), each with `reps` × CHANGES_PER_REP samples (one per change), measured
 * interleaved so a noisy moment on the machine hits both alike.
 */
export function runBound(size: BenchSize, reps: number): Figure[] {
  const s = syntheticScreen(BENCH_SIZES[size]);
  const screen = syntheticScreenView(s);
  const changes = weightSets(s.specs, reps * CHANGES_PER_REP + WARM_UP);
  const score = new Float64Array(s.rows);
  const bound: number[] = [];
  const node: number[] = [];
  let sink = 0;
  changes.forEach((percent, k) => {
    const a = performance.now();
    weightedSumInto(s.matrix, weightVector(s.matrix.columns, percent), score);
    const b = performance.now();
    sink += screen.update({ weights: percent, tiers: BENCH_TIER_RULE, maxOverdueDays: 30 }).histogram[0]!;
    const c = performance.now();
    sink += score[0]!;
    if (k < WARM_UP) return;
    bound.push(b - a);
    node.push(c - b);
  });
  if (Number.isNaN(sink)) throw new Error('the synthetic scores are NaN'); // keeps the results observable
  return [
    { metric: 'slider', engine: 'typed-array-bound', size, samples: bound, unit: 'ms' },
    { metric: 'slider', engine: 'node-screen', size, samples: node, unit: 'ms' },
  ];
}
