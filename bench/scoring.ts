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
import { scoreInto } from '../src/scoring/score';
import { assignTiers, idRanks } from '../src/scoring/tiers';
import { weightVector } from '../src/scoring/weights';
import { BENCH_TIER_RULE, syntheticScreen, syntheticScreenView, weightSets, weightedSumInto } from './bound';

const ROWS = 100_000;
const REWEIGHTS = 200;

function stats(times: number[]): { p50: number; p95: number; max: number } {
  const t = [...times].sort((a, b) => a - b);
  const at = (q: number) => t[Math.min(t.length - 1, Math.floor(q * t.length))]!;
  return { p50: at(0.5), p95: at(0.95), max: t[t.length - 1]! };
}

// the data, the Screen and the lower bound's loop are bench/bound.ts's, so the two benches cannot drift apart
const synthetic = syntheticScreen(ROWS);
const { specs, matrix, fitMs, normaliseMs } = synthetic;
const t0 = performance.now();
const ranks = idRanks(synthetic.ids);
const idRanksMs = performance.now() - t0;

const score = new Float64Array(ROWS);
const out = { tier: new Uint8Array(ROWS), reason: new Uint8Array(ROWS) };
const rule = BENCH_TIER_RULE;
const eligibility = { overdueDays: synthetic.data.get('max_overdue_days')!, maxOverdueDays: 30 };
const weights = weightSets(specs, REWEIGHTS);

/** The screening view's own path: Screen.update re-weights, re-tiers, bins the histogram, counts tiers × segments. */
const screen = syntheticScreenView(synthetic);

const phases: Record<'scoreInto' | 'assignTiers' | 'Screen.update' | 'lower bound', number[]> = { scoreInto: [], assignTiers: [], 'Screen.update': [], 'lower bound': [] };
let sink = 0;
for (let round = -20; round < REWEIGHTS; round++) {
  // the first 20 rounds warm the JIT up and are not counted
  const percent = weights[(round + REWEIGHTS) % REWEIGHTS]!;
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
  weightedSumInto(matrix, w, score);
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
