/**
 * bench/RESULTS.md from a run's figures: every figure with its median, range, p95 (per-change
 * figures), n, MB/s for loads, and its ratio to native DuckDB (1 thread), pandas and the
 * typed-array bound where they measured the same thing; the issue's targets met or not; the
 * machine, date and command. Pure functions (no I/O), so the arithmetic is unit-tested
 * (test/bench/results.test.ts); bench/run.ts writes the files.
 */
import { spread, type BenchSize, type Engine, type Figure } from './figure';

/** Where the numbers came from: these machines are shared and noisy, so the load average says how much to trust them. */
export interface Machine {
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryGb: number;
  /** 1, 5 and 15 minute load averages before and after the run */
  readonly loadBefore: readonly number[];
  readonly loadAfter: readonly number[];
  readonly node: string;
  readonly chromium: string;
  /** as the app's header shows it (DuckDB-WASM's embedded DuckDB) */
  readonly duckdbWasm: string;
  /** package versions: @duckdb/duckdb-wasm, @duckdb/node-api */
  readonly packages: Readonly<Record<string, string>>;
}

/** One JavaScript file of the build with its gzip size. */
export interface JsFile {
  readonly name: string;
  readonly bytes: number;
  readonly gzipBytes: number;
  /** fetched by the page on start (else loaded on demand, or never) */
  readonly atStart: boolean;
}

export interface BenchReport {
  /** ISO date-time of the run's start */
  readonly date: string;
  readonly command: string;
  /** what run this is: sizes, repetitions, quick or full */
  readonly run: string;
  readonly machine: Machine;
  readonly figures: readonly Figure[];
  /** the app's JavaScript in the build, DuckDB's worker bundles left out */
  readonly appJs: readonly JsFile[];
  /** DuckDB files in the build, and those the browser fetched */
  readonly duckdbBuilt: readonly string[];
  readonly duckdbFetched: readonly string[];
  readonly notes: readonly string[];
}

/** The engines a figure is compared with, in the table's column order. */
export const REFERENCES: readonly { engine: Engine; label: string }[] = [
  { engine: 'duckdb-1-thread', label: '× native DuckDB 1T' },
  { engine: 'pandas', label: '× pandas' },
  { engine: 'typed-array-bound', label: '× bound' },
];

/** The figure of `engine` that measured the same thing as `figure` (same metric, size, table, detail). */
export function counterpart(figures: readonly Figure[], figure: Figure, engine: Engine): Figure | undefined {
  return figures.find(
    (f) => f.engine === engine && f.metric === figure.metric && f.size === figure.size && (f.table ?? '') === (figure.table ?? '') && (f.detail ?? '') === (figure.detail ?? '') && f.samples.length > 0,
  );
}

/** How many times the reference's median `figure`'s median is (2 = twice as slow / large); undefined when either has no samples. */
export function ratio(figure: Figure, reference: Figure | undefined): number | undefined {
  if (!reference || figure === reference) return undefined;
  const a = spread(figure.samples).median;
  const b = spread(reference.samples).median;
  return Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : undefined;
}

/** MB/s (10^6 bytes per second) of a load figure at its median time; undefined without bytes. */
export function rate(figure: Figure): number | undefined {
  const ms = spread(figure.samples).median;
  return figure.bytes !== undefined && Number.isFinite(ms) && ms > 0 ? figure.bytes / 1e6 / (ms / 1000) : undefined;
}

/**
 * All of a size's tables loaded, as one rate: total bytes over the sum of the tables' median
 * times. Undefined when a table failed or has no samples (a partial load is no rate).
 */
export function totalRate(figures: readonly Figure[], size: BenchSize, engine: Engine = 'browser'): number | undefined {
  const loads = figures.filter((f) => f.metric === 'load-table' && f.size === size && f.engine === engine);
  if (loads.length === 0 || loads.some((f) => f.failed || f.samples.length === 0 || f.bytes === undefined)) return undefined;
  const bytes = loads.reduce((sum, f) => sum + f.bytes!, 0);
  const ms = loads.reduce((sum, f) => sum + spread(f.samples).median, 0);
  return bytes / 1e6 / (ms / 1000);
}

/** A number for a table: thousands grouped, 3 significant digits below 100. */
export function formatNumber(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  if (abs >= 100) return Math.round(value).toLocaleString('en-US');
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  return value.toPrecision(2);
}

/** A ratio as "1.23×". */
export function formatRatio(value: number | undefined): string {
  return value === undefined ? '' : `${formatNumber(value)}×`;
}

/** One of the issue's targets, judged on a run's figures. `met` is null when the run did not measure it. */
export interface Verdict {
  readonly target: string;
  readonly measured: string;
  readonly met: boolean | null;
}

const browser = (figures: readonly Figure[], metric: Figure['metric'], size: BenchSize) =>
  figures.find((f) => f.engine === 'browser' && f.metric === metric && f.size === size);

/** The issue's targets (issue 6) judged on the run's figures, for each size the run measured. */
export function verdicts(report: Pick<BenchReport, 'figures' | 'appJs' | 'duckdbFetched'>): Verdict[] {
  const { figures } = report;
  const sizes = [...new Set(figures.filter((f) => f.engine === 'browser').map((f) => f.size))];
  const out: Verdict[] = [];
  const slider = (size: BenchSize, limit: number) => {
    const f = browser(figures, 'slider', size);
    if (!f) return;
    const p95 = spread(f.samples).p95;
    out.push({
      target: `slider → updated chart p95 ≤ ${limit} ms at ${size}`,
      measured: f.samples.length ? `p95 ${formatNumber(p95)} ms (n ${f.samples.length})${f.failed ? `; ${f.failed}` : ''}` : `failed: ${f.failed ?? 'no samples'}`,
      met: f.samples.length && !f.failed ? p95 <= limit : false,
    });
  };
  slider('100k', 16);
  slider('1m', 100);
  for (const size of sizes) {
    const matrix = browser(figures, 'indicator-matrix', size);
    if (!matrix) continue;
    const native = ratio(matrix, counterpart(figures, matrix, 'duckdb-1-thread'));
    out.push({
      target: `indicator matrix ≤ 1.5× native DuckDB 1 thread at ${size}`,
      measured: native === undefined ? (matrix.failed ? `failed: ${matrix.failed}` : 'native DuckDB not measured') : `${formatRatio(native)}`,
      met: native === undefined ? (matrix.failed ? false : null) : native <= 1.5,
    });
    const pandas = ratio(matrix, counterpart(figures, matrix, 'pandas'));
    out.push({
      target: `indicator matrix ≥ 5× faster than pandas at ${size}`,
      measured: pandas === undefined ? (matrix.failed ? `failed: ${matrix.failed}` : 'pandas not measured') : `${formatNumber(1 / pandas)}× faster`,
      met: pandas === undefined ? (matrix.failed ? false : null) : 1 / pandas >= 5,
    });
  }
  for (const size of sizes) {
    const loads = figures.filter((f) => f.engine === 'browser' && f.metric === 'load-table' && f.size === size);
    if (loads.length === 0) continue;
    const total = totalRate(figures, size);
    const slowest = loads.map((f) => ({ table: f.table, mbs: rate(f) })).filter((x) => x.mbs !== undefined).sort((a, b) => a.mbs! - b.mbs!)[0];
    const failed = loads.find((f) => f.failed);
    out.push({
      target: `CSV load ≥ 40 MB/s at ${size}`,
      measured: total === undefined ? `failed: ${failed?.table}: ${failed?.failed ?? 'no samples'}` : `${formatNumber(total)} MB/s all tables${slowest ? `; slowest ${slowest.table} ${formatNumber(slowest.mbs)} MB/s` : ''}`,
      met: total === undefined ? false : total >= 40,
    });
  }
  const first = figures.filter((f) => f.engine === 'browser' && f.metric === 'first-query');
  const firstSamples = first.flatMap((f) => f.samples);
  if (first.length) {
    const s = spread(firstSamples);
    out.push({ target: 'first query ≤ 3 s after navigation', measured: `median ${formatNumber(s.median / 1000)} s (${formatNumber(s.min / 1000)}–${formatNumber(s.max / 1000)} s, n ${s.n})`, met: s.n ? s.median <= 3000 : false });
  }
  if (report.duckdbFetched.length) {
    const wasm = report.duckdbFetched.filter((f) => f.endsWith('.wasm'));
    const workers = report.duckdbFetched.filter((f) => f.endsWith('.js'));
    out.push({ target: 'only the DuckDB bundles used are fetched', measured: report.duckdbFetched.join(', '), met: wasm.length === 1 && workers.length === 1 });
  }
  if (report.appJs.length) {
    const total = report.appJs.reduce((s, f) => s + f.gzipBytes, 0);
    const atStart = report.appJs.filter((f) => f.atStart).reduce((s, f) => s + f.gzipBytes, 0);
    out.push({ target: 'app JavaScript stays small (gzip, stated)', measured: `${formatNumber(atStart / 1000)} kB fetched at start, ${formatNumber(total / 1000)} kB in all`, met: null });
  }
  return out;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The figures table's rows, one per figure, in the figures' order. */
export function figureRows(figures: readonly Figure[]): string[] {
  return figures.map((f) => {
    const s = spread(f.samples);
    const what = [f.table, f.detail].filter(Boolean).join(' ');
    const p95 = f.metric === 'slider' ? formatNumber(s.p95) : '';
    const mbs = f.metric === 'load-table' ? formatNumber(rate(f)) : '';
    const ratios = REFERENCES.map((r) => formatRatio(ratio(f, counterpart(figures, f, r.engine))));
    const range = s.n ? `${formatNumber(s.min)}–${formatNumber(s.max)}` : '—';
    return `| ${f.metric} | ${f.size} | ${f.engine} | ${cell(what)} | ${formatNumber(s.median)} ${f.unit} | ${range} | ${p95} | ${s.n} | ${mbs} | ${ratios.join(' | ')} | ${f.failed ? cell(`failed: ${f.failed}`) : ''} |`;
  });
}

/** Orders figures for the table: by size, then metric, then engine (browser first). */
export function sortFigures(figures: readonly Figure[]): Figure[] {
  const sizeOrder: BenchSize[] = ['10k', '100k', '1m'];
  const metricOrder = ['first-query', 'load-table', 'indicator-matrix', 'tiering', 'slider', 'export', 'peak-memory'];
  const engineOrder: Engine[] = ['browser', 'duckdb-1-thread', 'duckdb-all-threads', 'pandas', 'node-screen', 'typed-array-bound'];
  return [...figures].sort(
    (a, b) =>
      sizeOrder.indexOf(a.size) - sizeOrder.indexOf(b.size) ||
      metricOrder.indexOf(a.metric) - metricOrder.indexOf(b.metric) ||
      (a.table ?? '').localeCompare(b.table ?? '') ||
      (a.detail ?? '').localeCompare(b.detail ?? '') ||
      engineOrder.indexOf(a.engine) - engineOrder.indexOf(b.engine),
  );
}

/** bench/RESULTS.md. */
export function renderMarkdown(report: BenchReport): string {
  const m = report.machine;
  const load = (l: readonly number[]) => l.map((x) => x.toFixed(2)).join(' / ');
  const yes = (met: boolean | null) => (met === null ? '—' : met ? 'met' : '**not met**');
  const lines = [
    '# Benchmark results',
    '',
    `Written by \`npm run bench\` (bench/run.ts); the raw figures are in [results.json](results.json). Run: ${report.run}.`,
    '',
    `- date: ${report.date}`,
    `- command: \`${report.command}\``,
    `- machine: ${m.cpuModel}, ${m.cores} cores, ${formatNumber(m.memoryGb)} GB memory; load average (1/5/15 min) ${load(m.loadBefore)} before, ${load(m.loadAfter)} after`,
    `- Node ${m.node}, Chromium ${m.chromium}, ${m.duckdbWasm} in the browser; ${Object.entries(m.packages).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    '',
    'Medians and ranges over repetitions (slider: over every change of every repetition). Ratios are this figure\'s median over the other engine\'s median for the same metric, size and table (above 1: slower or larger). MB = 10^6 bytes.',
    '',
    '## Targets (issue 6)',
    '',
    '| target | measured | verdict |',
    '|---|---|---|',
    ...verdicts(report).map((v) => `| ${cell(v.target)} | ${cell(v.measured)} | ${yes(v.met)} |`),
    '',
    '## Figures',
    '',
    `| metric | size | engine | table / detail | median | min–max | p95 | n | MB/s | ${REFERENCES.map((r) => r.label).join(' | ')} | note |`,
    `|---|---|---|---|---|---|---|---|---|${REFERENCES.map(() => '---').join('|')}|---|`,
    ...figureRows(sortFigures(report.figures)),
    '',
    '## Bundles',
    '',
    `- DuckDB files in the build: ${report.duckdbBuilt.join(', ') || '—'}`,
    `- fetched by the browser (the proxy's log): ${report.duckdbFetched.join(', ') || '—'}`,
    `- app JavaScript (gzip, DuckDB's worker bundles left out): ${formatNumber(report.appJs.filter((f) => f.atStart).reduce((s, f) => s + f.gzipBytes, 0) / 1000)} kB fetched at start, ${formatNumber(report.appJs.reduce((s, f) => s + f.gzipBytes, 0) / 1000)} kB in all`,
    '',
    '| file | bytes | gzip | at start |',
    '|---|---|---|---|',
    ...[...report.appJs].sort((a, b) => b.gzipBytes - a.gzipBytes).map((f) => `| ${f.name} | ${f.bytes.toLocaleString('en-US')} | ${f.gzipBytes.toLocaleString('en-US')} | ${f.atStart ? 'yes' : ''} |`),
    '',
  ];
  if (report.notes.length) lines.push('## Notes', '', ...report.notes.map((x) => `- ${x}`), '');
  return lines.join('\n');
}
