/**
 * One measured figure of `npm run bench`, the contract between its parts: the browser run
 * (bench/browser/), native DuckDB and pandas (bench/native/, bench/pandas/) and the typed-array
 * bound each return Figures, and bench/results.ts writes them side by side in bench/RESULTS.md.
 *
 * `samples` holds one value per repetition (never averaged before it gets here), so the report
 * can give the median and the range: these machines are noisy.
 */
export type BenchSize = '10k' | '100k' | '1m';

export const BENCH_SIZES: Readonly<Record<BenchSize, number>> = { '10k': 10_000, '100k': 100_000, '1m': 1_000_000 };

/** What was measured; figures with the same metric and size are compared with one another. */
export type Metric =
  | 'first-query' // navigation to the first query's result on screen, ms
  | 'load-table' // loading one table (see `table`), ms; `rate` gives MB/s
  | 'indicator-matrix' // the library cells and the indicator matrix, ms
  | 'slider' // one weight change to the updated tier chart, ms per change (samples: every change)
  | 'tiering' // scoring and tiering the whole matrix once, ms
  | 'export' // exporting the strategic list, ms
  | 'peak-memory'; // MB

/** Who produced the figure: the app in Chromium, or what it is compared with. */
export type Engine =
  | 'browser'
  | 'duckdb-1-thread'
  | 'duckdb-all-threads'
  | 'pandas'
  | 'typed-array-bound'
  /** the app's Screen.update in Node on the bound's data: the slider path without the page (bench/bound.ts) */
  | 'node-screen';

export interface Figure {
  metric: Metric;
  engine: Engine;
  size: BenchSize;
  /** one value per repetition (or per slider change), in `unit` */
  samples: number[];
  unit: 'ms' | 'MB';
  /** for load-table: the table's name */
  table?: string;
  /** for load-table: the file's size in bytes, so results.ts can give MB/s */
  bytes?: number;
  /** for peak-memory: which heap ('js-heap' | 'duckdb' | 'process') */
  detail?: string;
  /** set when the measurement failed: the message the user (or the tool) got, recorded as such */
  failed?: string;
}

/** Median and range of a figure's samples (NaN when there are none). */
export function spread(samples: readonly number[]): { median: number; min: number; max: number; p95: number; n: number } {
  const s = [...samples].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return { median: NaN, min: NaN, max: NaN, p95: NaN, n };
  const at = (q: number) => s[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))]!;
  const median = n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
  return { median, min: s[0]!, max: s[n - 1]!, p95: at(0.95), n };
}
