/**
 * `npm run bench`: the workspace measured side by side with what an analyst would otherwise use
 * (issue 6). Not part of `npm test`.
 *
 *   npm run bench [-- --sizes 10k,100k,1m] [--reps 3] [--quick]
 *
 * 1. ensures the cached extracts (bench/extracts.ts: bench/.cache/<size>/, generated once);
 * 2. builds the app (vite build into bench/.cache/dist/) and serves it behind the e2e logging proxy;
 * 3. runs the browser half (bench/browser/), then native DuckDB (1 thread and all threads),
 *    pandas and the typed-array bound on the same files and sizes;
 * 4. writes bench/RESULTS.md (bench/results.ts) and the raw bench/results.json.
 * --quick is a smoke run: 10k only (unless --sizes), 1 repetition, 10 slider changes.
 * A part that throws is recorded as a failed figure or a note; the run still writes its table.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../test/e2e/support/app-server';
import { startLoggingProxy } from '../test/e2e/support/logging-proxy';
import { runBound } from './bound';
import { appJsFiles, duckdbFiles } from './browser/app-js';
import { runBrowser } from './browser/run-browser';
import { BENCH_DIST, buildBenchApp, serveBenchApp } from './browser/serve-app';
import { ensureExtract } from './extracts';
import { BENCH_SIZES, type BenchSize, type Figure } from './figure';
import { runNative } from './native/index';
import { runPandas } from './pandas/index';
import { renderMarkdown, type BenchReport, type Machine } from './results';

const USAGE = `Usage: npm run bench [-- --sizes 10k,100k,1m] [--reps N] [--reps-1m N] [--quick]
  --sizes   extracts to measure (default 10k,100k,1m)
  --reps    repetitions of every measurement at 10k and 100k (default 3)
  --reps-1m repetitions at 1m (default 1: one browser repetition there can take 45 minutes)
  --quick   smoke run: 10k, 1 repetition, 10 slider changes (overridden by --sizes/--reps)`;

function options(argv: string[]): { sizes: BenchSize[]; reps: number; reps1m: number; sliderChanges: number; quick: boolean } {
  const { values } = parseArgs({ args: argv, options: { sizes: { type: 'string' }, reps: { type: 'string' }, 'reps-1m': { type: 'string' }, quick: { type: 'boolean' }, help: { type: 'boolean' } } });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const quick = values.quick ?? false;
  const sizes = (values.sizes ?? (quick ? '10k' : '10k,100k,1m')).split(',').map((s) => s.trim());
  const bad = sizes.find((s) => !(s in BENCH_SIZES));
  if (bad) fail(`unknown size "${bad}"; sizes are ${Object.keys(BENCH_SIZES).join(', ')}`);
  const reps = Number(values.reps ?? (quick ? 1 : 3));
  if (!Number.isInteger(reps) || reps < 1) fail(`--reps must be a whole number ≥ 1, got "${values.reps}"`);
  const reps1m = Number(values['reps-1m'] ?? 1);
  if (!Number.isInteger(reps1m) || reps1m < 1) fail(`--reps-1m must be a whole number ≥ 1, got "${values['reps-1m']}"`);
  return { sizes: sizes as BenchSize[], reps, reps1m, sliderChanges: quick ? 10 : 50, quick };
}

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

const packageVersion = (name: string): string => (JSON.parse(readFileSync(join(PROJECT_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

function machine(loadBefore: number[], chromium: string, duckdbWasm: string): Machine {
  return {
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.cpus().length,
    memoryGb: os.totalmem() / 1e9,
    loadBefore,
    loadAfter: os.loadavg(),
    node: process.versions.node,
    chromium,
    duckdbWasm,
    packages: { '@duckdb/duckdb-wasm': packageVersion('@duckdb/duckdb-wasm'), '@duckdb/node-api': packageVersion('@duckdb/node-api') },
  };
}

const log = (line: string) => console.log(`${new Date().toISOString().slice(11, 19)} ${line}`);
const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]!;

const args = process.argv.slice(2);
const opts = options(args);
const date = new Date().toISOString();
const loadBefore = os.loadavg();
log(`bench: sizes ${opts.sizes.join(', ')}, ${opts.reps} repetition(s); load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')}`);

const extracts: { size: BenchSize; dir: string }[] = [];
for (const size of opts.sizes) extracts.push({ size, dir: await ensureExtract(size, log) });

log('building the app (vite build → bench/.cache/dist/)');
await buildBenchApp();
const server = await serveBenchApp();
const proxy = await startLoggingProxy({ host: server.host, port: server.port });
const figures: Figure[] = [];
const notes: string[] = [];
type BrowserInfo = Awaited<ReturnType<typeof runBrowser>>['info'];
let browserInfo: BrowserInfo | undefined;
const repsOf = (size: BenchSize) => (size === '1m' ? opts.reps1m : opts.reps);
const mergeInfo = (a: BrowserInfo, b: BrowserInfo): BrowserInfo => ({
  chromiumVersion: b.chromiumVersion || a.chromiumVersion,
  duckdbVersion: b.duckdbVersion || a.duckdbVersion,
  duckdbFetched: [...new Set([...a.duckdbFetched, ...b.duckdbFetched])],
  jsFetchedAtStart: [...new Set([...a.jsFetchedAtStart, ...b.jsFetchedAtStart])],
  problems: [...a.problems, ...b.problems],
});
try {
  for (const extract of extracts) {
    const browser = await runBrowser([extract], { url: server.url, proxy, reps: repsOf(extract.size), sliderChanges: opts.sliderChanges, log });
    figures.push(...browser.figures);
    browserInfo = browserInfo ? mergeInfo(browserInfo, browser.info) : browser.info;
  }
} finally {
  await proxy.close();
  await server.close();
}

// the comparisons, on the same files and sizes; one failing is a note, not the end of the run
for (const { size, dir } of extracts) {
  for (const [name, run] of [
    ['native DuckDB', () => runNative(dir, size, repsOf(size))],
    ['pandas', () => runPandas(dir, size, repsOf(size))],
    ['typed-array bound', async () => runBound(size, repsOf(size))],
  ] as const) {
    log(`${name} ${size}`);
    try {
      figures.push(...(await run()));
    } catch (error) {
      notes.push(`${name} at ${size} did not run: ${errorText(error)}`);
      log(`${name} ${size} FAILED: ${errorText(error)}`);
    }
  }
}

notes.push(
  'first-query: navigation start → the first painted frame showing a SQL cell result of the demo notebook (the app opens on the bundled 5,000-customer demo, so it does not depend on the size).',
  'load-table: setInputFiles (a path) → the app\'s success notice for that file, through the mapping dialog (confirmed as proposed); read, stage, clean and checks. The demo tables are removed first; each load starts once the notebook\'s re-runs on the tables before it are over (they share DuckDB\'s one worker: results committed before this rule, 2026-11-30 01:22 and earlier, have them inside the later tables\' times).',
  'indicator-matrix: after all tables loaded and the notebook settled, a no-op UPDATE in the SQL tab marks the data edited so every cell runs again; the figure is the sum of the runtime\'s own recorded durations (tb-cell state.ms) of the nine library cells and indicator_matrix (the runtime runs one cell at a time).',
  'tiering: click on the Screening tab → tier counts adding up to the extract\'s customers, painted. slider: input event on the total_balance weight → tier distribution / histogram DOM changed → next frame painted (rAF + MessageChannel), one sample per change. export: click on the strategic list\'s CSV export → the download event.',
  'peak-memory: js-heap = the page\'s JSHeapUsedSize (CDP Performance.getMetrics, sampled every 0.5 s; main thread only); process = summed VmRSS of every Chromium process of the run (sampled every 0.5 s; shared pages counted per process, so an upper bound; includes DuckDB-WASM\'s memory); duckdb = the largest duckdb_memory() sum read through the SQL tab after loading, after the matrix and after export.',
);
if (browserInfo!.problems.length) notes.push(`console errors in the page: ${browserInfo!.problems.join(' · ')}`);

const report: BenchReport = {
  date,
  command: `npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}`,
  run: `${opts.quick ? 'quick smoke run, ' : ''}sizes ${opts.sizes.join(', ')}, ${opts.reps} repetition(s)${opts.sizes.includes('1m') ? ` (1m: ${opts.reps1m})` : ''}, ${opts.sliderChanges} slider changes per repetition`,
  machine: machine(loadBefore, browserInfo!.chromiumVersion, browserInfo!.duckdbVersion),
  figures,
  appJs: appJsFiles(BENCH_DIST, browserInfo!.jsFetchedAtStart),
  duckdbBuilt: duckdbFiles(BENCH_DIST),
  duckdbFetched: browserInfo!.duckdbFetched,
  notes,
};
const benchDir = join(PROJECT_ROOT, 'bench');
writeFileSync(join(benchDir, 'results.json'), JSON.stringify(report, null, 1) + '\n');
writeFileSync(join(benchDir, 'RESULTS.md'), renderMarkdown(report));
log('wrote bench/RESULTS.md and bench/results.json');
