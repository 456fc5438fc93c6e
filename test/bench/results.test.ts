import { describe, expect, it } from 'vitest';
import type { Figure } from '../../bench/figure';
import { counterpart, figureRows, formatNumber, formatRatio, rate, ratio, renderMarkdown, totalRate, verdicts, type BenchReport } from '../../bench/results';

const fig = (f: Partial<Figure> & Pick<Figure, 'metric' | 'engine' | 'samples'>): Figure => ({ size: '100k', unit: 'ms', ...f });

// hand-worked: medians 200 (browser), 50 (native 1 thread), 1100 (pandas)
const browserMatrix = fig({ metric: 'indicator-matrix', engine: 'browser', samples: [300, 100, 200] });
const nativeMatrix = fig({ metric: 'indicator-matrix', engine: 'duckdb-1-thread', samples: [60, 40, 50] });
const pandasMatrix = fig({ metric: 'indicator-matrix', engine: 'pandas', samples: [1000, 1200, 1100] });
// loans: 50 MB in a median 1.5 s = 33.3 MB/s; customers: 30 MB in a median 0.5 s = 60 MB/s; together 80 MB / 2 s = 40 MB/s
const loans = fig({ metric: 'load-table', engine: 'browser', table: 'loans', bytes: 50_000_000, samples: [1000, 2000, 1500] });
const customers = fig({ metric: 'load-table', engine: 'browser', table: 'customers', bytes: 30_000_000, samples: [400, 500, 600] });
const nativeLoans = fig({ metric: 'load-table', engine: 'duckdb-1-thread', table: 'loans', bytes: 50_000_000, samples: [300] });

describe('ratios and rates', () => {
  it('divides medians, and only between figures of the same metric, size and table', () => {
    expect(ratio(browserMatrix, counterpart([browserMatrix, nativeMatrix, pandasMatrix], browserMatrix, 'duckdb-1-thread'))).toBe(4);
    expect(ratio(browserMatrix, pandasMatrix)).toBeCloseTo(200 / 1100, 12);
    // customers has no native counterpart: the loans figure is not taken for it
    expect(counterpart([loans, customers, nativeLoans], customers, 'duckdb-1-thread')).toBeUndefined();
    expect(ratio(loans, counterpart([loans, customers, nativeLoans], loans, 'duckdb-1-thread'))).toBe(5);
    // another size is another figure
    expect(counterpart([{ ...nativeMatrix, size: '10k' }], browserMatrix, 'duckdb-1-thread')).toBeUndefined();
    expect(ratio(browserMatrix, undefined)).toBeUndefined();
    expect(ratio(browserMatrix, { ...nativeMatrix, samples: [] })).toBeUndefined();
  });

  it('gives MB/s at the median time, per table and for all tables of a size', () => {
    expect(rate(loans)).toBeCloseTo(50 / 1.5, 12);
    expect(rate(customers)).toBeCloseTo(60, 12);
    expect(rate(browserMatrix)).toBeUndefined();
    expect(totalRate([loans, customers, nativeLoans], '100k')).toBeCloseTo(40, 12);
    // a failed table: no rate for a partial load
    expect(totalRate([loans, { ...customers, samples: [], failed: 'Out of Memory' }], '100k')).toBeUndefined();
  });
});

describe('formatting', () => {
  it('groups thousands and keeps about three significant digits', () => {
    expect(formatNumber(1234.4)).toBe('1,234');
    expect(formatNumber(123.6)).toBe('124');
    expect(formatNumber(12.345)).toBe('12.3');
    expect(formatNumber(3.14159)).toBe('3.14');
    expect(formatNumber(0.01234)).toBe('0.012');
    expect(formatNumber(undefined)).toBe('—');
    expect(formatNumber(NaN)).toBe('—');
    expect(formatRatio(4)).toBe('4.00×');
    expect(formatRatio(undefined)).toBe('');
  });

  it('writes a row with median, range, n and the ratios in the reference columns', () => {
    const [row] = figureRows([browserMatrix, nativeMatrix, pandasMatrix]);
    const cells = row!.split('|').map((c) => c.trim());
    // | metric | size | engine | what | median | range | p95 | n | MB/s | × native | × pandas | × bound | note |
    expect(cells.slice(1, 14)).toEqual(['indicator-matrix', '100k', 'browser', '', '200 ms', '100–300', '', '3', '', '4.00×', '0.18×', '', '']);
    const [loadRow] = figureRows([loans]);
    expect(loadRow!.split('|').map((c) => c.trim())[9]).toBe('33.3');
  });
});

describe('the targets', () => {
  const base = { appJs: [], duckdbFetched: [] };

  it('judges p95 of the slider, not its worst change', () => {
    // 19 changes of 10 ms and one of 50 ms: p95 is the 19th of 20 sorted, 10 ms
    const slider = fig({ metric: 'slider', engine: 'browser', samples: [...Array(19).fill(10), 50] });
    const [v] = verdicts({ ...base, figures: [slider] });
    expect(v).toMatchObject({ target: 'slider → updated chart p95 ≤ 16 ms at 100k', met: true });
    expect(v!.measured).toContain('p95 10.0 ms (n 20)');
    const slow = verdicts({ ...base, figures: [{ ...slider, samples: [...Array(18).fill(10), 20, 50] }] });
    expect(slow[0]!.met).toBe(false);
  });

  it('compares the matrix with native DuckDB (≤ 1.5×) and pandas (≥ 5× faster)', () => {
    const v = verdicts({ ...base, figures: [browserMatrix, nativeMatrix, pandasMatrix] });
    expect(v.find((x) => x.target.startsWith('indicator matrix ≤ 1.5×'))).toMatchObject({ measured: '4.00×', met: false });
    // pandas 1100 / browser 200 = 5.5× faster
    expect(v.find((x) => x.target.startsWith('indicator matrix ≥ 5×'))).toMatchObject({ measured: '5.50× faster', met: true });
    // not measured is neither met nor not met; a failure in the browser is not met
    const alone = verdicts({ ...base, figures: [browserMatrix] });
    expect(alone.map((x) => x.met)).toEqual([null, null]);
    const failed = verdicts({ ...base, figures: [{ ...browserMatrix, samples: [], failed: 'Out of Memory Error' }] });
    expect(failed.map((x) => x.met)).toEqual([false, false]);
    expect(failed[0]!.measured).toContain('Out of Memory Error');
  });

  it('judges CSV loading on all tables together, and first query on the median', () => {
    const v = verdicts({ ...base, figures: [loans, customers, fig({ metric: 'first-query', engine: 'browser', samples: [2500, 3500, 2900] })] });
    expect(v.find((x) => x.target.startsWith('CSV load'))).toMatchObject({ met: true });
    expect(v.find((x) => x.target.startsWith('CSV load'))!.measured).toBe('40.0 MB/s all tables; slowest loans 33.3 MB/s');
    expect(v.find((x) => x.target.startsWith('first query'))).toMatchObject({ measured: 'median 2.90 s (2.50–3.50 s, n 3)', met: true });
  });

  it('wants one wasm and one worker fetched', () => {
    const one = verdicts({ appJs: [], figures: [], duckdbFetched: ['duckdb-browser-eh.worker-a.js', 'duckdb-eh-b.wasm'] });
    expect(one[0]!.met).toBe(true);
    const both = verdicts({ appJs: [], figures: [], duckdbFetched: ['duckdb-browser-eh.worker-a.js', 'duckdb-eh-b.wasm', 'duckdb-mvp-c.wasm'] });
    expect(both[0]!.met).toBe(false);
  });
});

describe('RESULTS.md', () => {
  it('has the machine, the targets and a row per figure', () => {
    const report: BenchReport = {
      date: '2026-11-30T00:00:00.000Z',
      command: 'npm run bench -- --sizes 100k',
      run: 'sizes 100k, 3 repetition(s)',
      machine: { cpuModel: 'Test CPU', cores: 2, memoryGb: 8, loadBefore: [1, 2, 3], loadAfter: [4, 5, 6], node: '20.0.0', chromium: '156', duckdbWasm: 'DuckDB v1.4.3', packages: { '@duckdb/duckdb-wasm': '1.32.0' } },
      figures: [browserMatrix, nativeMatrix, pandasMatrix, loans],
      appJs: [{ name: 'index.js', bytes: 2000, gzipBytes: 1500, atStart: true }, { name: 'exceljs.js', bytes: 9000, gzipBytes: 2500, atStart: false }],
      duckdbBuilt: ['duckdb-eh.wasm', 'duckdb-mvp.wasm'],
      duckdbFetched: ['duckdb-eh.wasm'],
      notes: ['a note'],
    };
    const md = renderMarkdown(report);
    expect(md).toContain('Test CPU, 2 cores, 8.00 GB memory; load average (1/5/15 min) 1.00 / 2.00 / 3.00 before, 4.00 / 5.00 / 6.00 after');
    expect(md).toContain('`npm run bench -- --sizes 100k`');
    expect(md).toContain('1.50 kB fetched at start, 4.00 kB in all');
    expect(md.split('\n').filter((l) => /^\| (indicator-matrix|load-table) \|/.test(l))).toHaveLength(4);
    expect(md).toContain('- a note');
  });
});
