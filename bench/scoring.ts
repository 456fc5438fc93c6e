/**
 * Benchmark of the scoring path a slider drives: 100,000 synthetic customers × 12 indicators,
 * normalised once, then 200 re-weights (scoreInto + assignTiers by quota + a 50-bin score
 * histogram per tier), with a plain typed-array weighted sum as the lower bound.
 *
 *   npx tsx bench/scoring.ts        (or npm run bench:scoring; not part of npm test)
 *
 * Prints a Markdown table and the machine (cores, memory, load average): on a shared machine the
 * load average says how much to trust the numbers.
 */
import os from 'node:os';
import { fitIndicators, normalise } from '../src/scoring/normalise';
import { scoreInto } from '../src/scoring/score';
import { assignTiers, idRanks } from '../src/scoring/tiers';
import { Screen } from '../src/scoring/screen';
import type { IndicatorSpec, TierRule } from '../src/scoring/types';
import { weightVector } from '../src/scoring/weights';

const ROWS = 100_000;
const REWEIGHTS = 200;

/** mulberry32: a seeded generator, so every run scores the same data */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(42);
const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
const missing = (p: number, v: number) => (random() < p ? NaN : v);

/** Twelve indicators shaped like DOMAIN.md's: skewed amounts, ratios, counts with ties, overdue days. */
const shapes: { spec: Omit<IndicatorSpec, 'label' | 'dimension'>; draw: () => number }[] = [
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

function stats(times: number[]): { p50: number; p95: number; max: number } {
  const t = [...times].sort((a, b) => a - b);
  const at = (q: number) => t[Math.min(t.length - 1, Math.floor(q * t.length))]!;
  return { p50: at(0.5), p95: at(0.95), max: t[t.length - 1]! };
}

const specs: IndicatorSpec[] = shapes.map((s) => ({ ...s.spec, label: s.spec.column, dimension: '' }));
const data = new Map(shapes.map((s) => [s.spec.column, Float64Array.from({ length: ROWS }, s.draw)]));
const ids = Array.from({ length: ROWS }, (_, i) => `C${String((i * 7919) % ROWS).padStart(6, '0')}`);

let t0 = performance.now();
const fitted = fitIndicators(specs, data);
const fitMs = performance.now() - t0;
t0 = performance.now();
const matrix = normalise(fitted, data);
const normaliseMs = performance.now() - t0;
t0 = performance.now();
const ranks = idRanks(ids);
const idRanksMs = performance.now() - t0;

const score = new Float64Array(ROWS);
const out = { tier: new Uint8Array(ROWS), reason: new Uint8Array(ROWS) };
const rule: TierRule = { mode: 'quota', strategic: { percent: 5 }, growth: { percent: 15 } };
const overdue = data.get('max_overdue_days')!;
const eligibility = { overdueDays: overdue, maxOverdueDays: 30 };
const weightSets = Array.from({ length: REWEIGHTS }, () => Object.fromEntries(specs.map((s) => [s.column, Math.round(random() * 20)])));

/** The screening view's own path: Screen.update re-weights, re-tiers, bins the histogram, counts tiers × segments. */
const screen = new Screen(
  { rows: ROWS, ids, numbers: data, text: {} },
  { matrix: 'bench', indicators: specs, weights: 'weights', tiers: { mode: 'quota', strategic: 5, growth: 15 }, overrides: { overdueColumn: 'max_overdue_days', maxOverdueDays: 30 } },
  fitted,
);

const phases: Record<'scoreInto' | 'assignTiers' | 'Screen.update' | 'lower bound', number[]> = { scoreInto: [], assignTiers: [], 'Screen.update': [], 'lower bound': [] };
let sink = 0;
for (let round = -20; round < REWEIGHTS; round++) {
  // the first 20 rounds warm the JIT up and are not counted
  const percent = weightSets[(round + REWEIGHTS) % REWEIGHTS]!;
  const a = performance.now();
  const w = weightVector(matrix.columns, percent);
  scoreInto(matrix, w, score);
  const b = performance.now();
  sink += assignTiers(score, ranks, rule, eligibility, out).counts[0];
  const c = performance.now();
  sink += screen.update({ weights: percent, tiers: rule, maxOverdueDays: 30 }).histogram[0]!;
  const d = performance.now();
  // lower bound: the same weighted sum, written inline on the typed arrays
  const e = performance.now();
  score.fill(0);
  for (let j = 0; j < w.length; j++) {
    const wj = 100 * w[j]!;
    const v = matrix.values[j]!;
    for (let i = 0; i < ROWS; i++) score[i] = score[i]! + wj * v[i]!;
  }
  const f = performance.now();
  sink += score[0]!;
  if (round < 0) continue;
  phases.scoreInto.push(b - a);
  phases.assignTiers.push(c - b);
  phases['Screen.update'].push(d - c);
  phases['lower bound'].push(f - e);
}

const fmt = (v: number) => v.toFixed(2);
const cpus = os.cpus();
console.log(`## Scoring benchmark: ${ROWS.toLocaleString('en')} customers × ${specs.length} indicators, ${REWEIGHTS} re-weights (quota 5% / 15%)\n`);
console.log(`Once per data: fit ${fmt(fitMs)} ms, normalise ${fmt(normaliseMs)} ms, idRanks ${fmt(idRanksMs)} ms\n`);
console.log('| per re-weight | p50 ms | p95 ms | max ms |');
console.log('|---|---:|---:|---:|');
for (const [name, times] of Object.entries(phases)) {
  const s = stats(times);
  const label = name === 'Screen.update' ? '**Screen.update** (what a slider does: score + tiers + histogram + tiers × segments + balances)' : name === 'lower bound' ? 'lower bound (inline weighted sum only)' : name;
  console.log(`| ${label} | ${fmt(s.p50)} | ${fmt(s.p95)} | ${fmt(s.max)} |`);
}
console.log(`\nMachine: ${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')} (1/5/15 min), Node ${process.version}`);
if (Number.isNaN(sink)) console.log(''); // keeps the results observable, so nothing is optimised away
