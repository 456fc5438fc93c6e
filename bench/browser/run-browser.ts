/**
 * The browser half of `npm run bench`: the built app in headless Debian Chromium, one fresh
 * browser per repetition (so peak memory is that repetition's), each step bounded by a timeout.
 *
 * One repetition, on one extract:
 *  1. navigation → the demo notebook's first SQL result painted ('first-query');
 *  2. the demo's tables removed, then each table of the extract loaded through the file input and
 *     the mapping dialog ('load-table', with the file's bytes for MB/s), each once the notebook's
 *     re-runs on the tables before it are over (they share DuckDB's one worker);
 *  3. once the notebook has settled, a no-op UPDATE in the SQL tab marks the data edited, so every
 *     cell runs again on the loaded data with nothing else going on; 'indicator-matrix' is the sum
 *     of the runtime's recorded durations (tb-cell state.ms) of the library cells and the
 *     indicator_matrix cell (the runtime runs cells one at a time, so the sum is their wall time);
 *  4. the Screening tab opened → tier counts of the whole extract painted ('tiering');
 *  5. ≥50 weight-slider changes, each input event → chart updated and painted ('slider');
 *  6. the strategic list's CSV export → download ('export');
 *  7. peak memory: the page's JS heap, Chromium's processes, DuckDB's duckdb_memory().
 * A step that fails (the app's error notice or message, or a timeout) ends the repetition; the
 * failure is recorded on the figures it prevented.
 */
import { statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../../test/e2e/support/browser';
import type { LoggingProxy } from '../../test/e2e/support/logging-proxy';
import { EXTRACT_TABLES } from '../extracts';
import { BENCH_SIZES, type BenchSize, type Figure, type Metric } from '../figure';
import { BenchPage, isMatrixCell } from './bench-page';
import { MemorySampler } from './memory';

export interface BrowserOptions {
  readonly url: string;
  readonly proxy: LoggingProxy;
  readonly reps: number;
  /** weight-slider changes per repetition (the issue asks ≥ 50) */
  readonly sliderChanges: number;
  readonly log: (line: string) => void;
}

/** What the browser half found besides figures. */
export interface BrowserInfo {
  chromiumVersion: string;
  duckdbVersion: string;
  /** the DuckDB files (wasm, worker) the page fetched, by file name */
  duckdbFetched: string[];
  /** every JavaScript file the page fetched at start (the app's own, for its gzip size) */
  jsFetchedAtStart: string[];
  /** console errors and crashes seen in the page, first few per size */
  problems: string[];
}

/** Per-step timeouts, ms, scaled to the extract (1M customers loads for minutes on 2 cores). */
function timeouts(size: BenchSize) {
  const scale = { '10k': 1, '100k': 4, '1m': 20 }[size];
  return { start: 120_000, load: 120_000 * scale, notebook: 180_000 * scale, tiering: 60_000 * scale, slider: 10_000 * scale, export: 60_000 * scale, sql: 60_000 * scale, rep: { '10k': 10, '100k': 30, '1m': 45 }[size] * 60_000 };
}

/** The weight the slider moves: total balance, an indicator of the demo notebook's model. */
const SLIDER = 'input[data-weight="total_balance"]';

/** Values for successive slider changes: each differs from the one before (a drag over 10–60%). */
export function sliderValues(count: number): number[] {
  return Array.from({ length: count }, (_, i) => 10 + ((i * 17) % 51));
}

/** Accumulates samples per figure across repetitions. */
class Collector {
  readonly figures = new Map<string, Figure>();

  add(base: Omit<Figure, 'samples'>, ...samples: number[]): Figure {
    const key = [base.metric, base.size, base.table ?? '', base.detail ?? ''].join('|');
    let figure = this.figures.get(key);
    if (!figure) {
      figure = { ...base, samples: [] };
      this.figures.set(key, figure);
    }
    figure.samples.push(...samples.filter((s) => Number.isFinite(s)));
    if (base.failed && !figure.failed) figure.failed = base.failed;
    return figure;
  }

  fail(size: BenchSize, metrics: readonly Metric[], message: string): void {
    for (const metric of metrics) this.add({ metric, engine: 'browser', size, unit: metric === 'peak-memory' ? 'MB' : 'ms', failed: message });
  }
}

const STEPS_AFTER_LOAD: readonly Metric[] = ['indicator-matrix', 'tiering', 'slider', 'export'];

/** Runs every repetition of every size; returns the figures (engine 'browser') and what it saw. */
export async function runBrowser(sizes: readonly { size: BenchSize; dir: string }[], options: BrowserOptions): Promise<{ figures: Figure[]; info: BrowserInfo }> {
  const collect = new Collector();
  const info: BrowserInfo = { chromiumVersion: '', duckdbVersion: '', duckdbFetched: [], jsFetchedAtStart: [], problems: [] };
  for (const { size, dir } of sizes) {
    for (let rep = 1; rep <= options.reps; rep++) {
      options.log(`browser ${size}: repetition ${rep}/${options.reps}`);
      const t = timeouts(size);
      const channel = await options.proxy.openChannel('browser');
      const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs(channel.port), timeout: t.start });
      info.chromiumVersion = browser.version();
      let timer: NodeJS.Timeout | undefined;
      try {
        const deadline = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`repetition timed out after ${t.rep / 60_000} min`)), t.rep);
        });
        await Promise.race([runRep(browser, size, dir, rep, options, collect, info), deadline]);
      } catch (error) {
        const message = `browser run stopped: ${(error as Error).message.split('\n')[0]}`;
        options.log(`browser ${size}: ${message}`);
        collect.fail(size, STEPS_AFTER_LOAD, message);
      } finally {
        clearTimeout(timer);
        await browser.close().catch(() => undefined);
      }
    }
  }
  return { figures: [...collect.figures.values()], info };
}

async function runRep(browser: Browser, size: BenchSize, dir: string, rep: number, options: BrowserOptions, collect: Collector, info: BrowserInfo): Promise<void> {
  const page = await BenchPage.open(browser, options.proxy);
  const memory = new MemorySampler();
  await memory.start(page.page);
  const duckdbMb: number[] = [];
  try {
    await Promise.race([steps(page, size, dir, rep, options, collect, info, duckdbMb), page.crashed]);
  } finally {
    const base = { engine: 'browser' as const, size };
    const peaks = await memory.stop();
    collect.add({ ...base, metric: 'peak-memory', unit: 'MB', detail: 'js-heap' }, peaks.jsHeapMb);
    collect.add({ ...base, metric: 'peak-memory', unit: 'MB', detail: 'process' }, peaks.processMb);
    if (duckdbMb.length) collect.add({ ...base, metric: 'peak-memory', unit: 'MB', detail: 'duckdb' }, Math.max(...duckdbMb));
    if (page.problems.length) info.problems.push(...page.problems.slice(0, 5).map((p) => `${size} #${rep}: ${p.slice(0, 300)}`));
    await page.close();
  }
}

/** The steps of one repetition (see the file's comment); `duckdbMb` collects duckdb_memory() readings. */
async function steps(page: BenchPage, size: BenchSize, dir: string, rep: number, options: BrowserOptions, collect: Collector, info: BrowserInfo, duckdbMb: number[]): Promise<void> {
  const t = timeouts(size);
  const log = (line: string) => options.log(`browser ${size} #${rep}: ${line}`);
  const base = { engine: 'browser' as const, size };
  const { readyMs, firstResultMs } = await page.firstQuery(options.url, t.start);
  collect.add({ ...base, metric: 'first-query', unit: 'ms' }, firstResultMs);
  info.duckdbVersion = await page.duckdbVersion();
  log(`first query ${firstResultMs.toFixed(0)} ms (the shell ready at ${readyMs.toFixed(0)} ms)`);
  const fetched = await page.fetchedPaths();
  if (rep === 1) {
    info.duckdbFetched = [...new Set([...info.duckdbFetched, ...fetched.filter((p) => /duckdb/i.test(p)).map((p) => p.split('/').pop()!)])];
    info.jsFetchedAtStart = [...new Set([...info.jsFetchedAtStart, ...fetched.filter((p) => p.endsWith('.js')).map((p) => p.split('/').pop()!)])];
  }
  await page.settleNotebook(t.notebook);
  await page.clearDemo();

  for (const table of EXTRACT_TABLES) {
    // the previous table's notebook re-runs hold DuckDB's one worker: let them finish, so the load is timed alone
    await page.settleNotebook(t.notebook);
    const path = join(dir, `${table}.csv`);
    const bytes = statSync(path).size;
    const load = await page.loadTable(path, table, bytes, t.load);
    collect.add({ ...base, metric: 'load-table', unit: 'ms', table, bytes, ...(load.failed ? { failed: load.failed } : {}) }, ...(load.failed ? [] : [load.ms]));
    log(`${table}: ${load.failed ? `FAILED ${load.failed}` : `${(load.ms / 1000).toFixed(1)} s, ${(bytes / 1e3 / load.ms).toFixed(1)} MB/s`}`);
    if (load.failed) {
      collect.fail(size, STEPS_AFTER_LOAD, `${table}.csv did not load: ${load.failed}`);
      return;
    }
  }
  duckdbMb.push(await page.duckdbMemoryMb(t.sql));

  // a clean run of every cell on the loaded data: let the runs the loads started finish, then mark the data edited
  await page.settleNotebook(t.notebook);
  await page.sql('UPDATE customers SET customer_id = customer_id WHERE false', t.sql);
  const cells = (await page.settleNotebook(t.notebook)).filter((c) => isMatrixCell(c.id));
  const broken = cells.find((c) => c.status !== 'done');
  if (cells.length === 0 || broken) {
    const message = broken ? `cell ${broken.id}: ${broken.error ?? broken.status}` : 'the notebook has no indicator cells';
    collect.fail(size, STEPS_AFTER_LOAD, message);
    log(`indicator matrix FAILED ${message}`);
    return;
  }
  const matrixMs = cells.reduce((sum, c) => sum + (c.ms ?? 0), 0);
  collect.add({ ...base, metric: 'indicator-matrix', unit: 'ms' }, matrixMs);
  log(`indicator matrix ${matrixMs.toFixed(0)} ms (${cells.length} cells)`);
  duckdbMb.push(await page.duckdbMemoryMb(t.sql));

  const tiering = await page.openScreening(BENCH_SIZES[size], t.tiering);
  if (!Number.isFinite(tiering.ms)) {
    const message = `the Screening tab showed no tiers of ${BENCH_SIZES[size].toLocaleString('en-US')} customers within ${t.tiering / 1000} s${tiering.text ? `; it said: ${tiering.text}` : ''}`;
    collect.fail(size, ['tiering', 'slider', 'export'], message);
    log(`tiering FAILED ${message}`);
    return;
  }
  collect.add({ ...base, metric: 'tiering', unit: 'ms' }, tiering.ms);
  log(`tiering ${tiering.ms.toFixed(0)} ms`);

  const moves = [];
  const profiler = await startProfile(page, size, rep);
  for (const value of sliderValues(options.sliderChanges)) moves.push(await page.moveSlider(SLIDER, value, t.slider));
  await profiler?.stop();
  const stuck = moves.filter((m) => !m.changed).length;
  collect.add({ ...base, metric: 'slider', unit: 'ms', ...(stuck ? { failed: `${stuck} of ${moves.length} changes did not reach the chart within ${t.slider} ms` } : {}) }, ...moves.filter((m) => m.changed).map((m) => m.ms));
  const sorted = moves.map((m) => m.ms).sort((a, b) => a - b);
  log(`slider: ${moves.length} changes, median ${sorted[Math.floor(sorted.length / 2)]?.toFixed(1)} ms, render only median ${moves.map((m) => m.renderMs).sort((a, b) => a - b)[Math.floor(moves.length / 2)]?.toFixed(1)} ms`);

  const exported = await page.exportStrategicList(t.export);
  collect.add({ ...base, metric: 'export', unit: 'ms' }, exported.ms);
  log(`export ${exported.ms} ms (${exported.bytes} bytes)`);
  duckdbMb.push(await page.duckdbMemoryMb(t.sql));
}

/**
 * With BENCH_PROFILE=<dir>, the slider changes run under Chromium's sampling profiler (CDP
 * Profiler, as the Performance panel records JavaScript) and the profile is written as
 * <dir>/slider-<size>-<rep>.cpuprofile, to open in Chromium's DevTools or summarise.
 */
async function startProfile(page: BenchPage, size: BenchSize, rep: number): Promise<{ stop(): Promise<void> } | null> {
  const dir = process.env['BENCH_PROFILE'];
  if (!dir) return null;
  const cdp = await page.page.context().newCDPSession(page.page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  return {
    async stop() {
      const { profile } = await cdp.send('Profiler.stop');
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, `slider-${size}-${rep}.cpuprofile`), JSON.stringify(profile));
      await cdp.detach();
    },
  };
}
