/**
 * pandas (Debian's python3-pandas, /usr/bin/python3) computing the same indicator matrix from the
 * same CSV files: what an analyst would otherwise use. indicators.py times each table's read_csv
 * and the matrix; this spawns it, turns its JSON into Figures, and then checks that pandas'
 * matrix agrees with DuckDB's, column by column (agree.ts), throwing FramesDisagree when it does
 * not: a speed comparison of two different computations would be worthless.
 *
 *   npx tsx bench/pandas/index.ts <size> [reps]     (prints the figures as JSON; for development)
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { freemem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { EXTRACT_TABLES } from '../../src/extract/schema';
import { BENCH_SIZES, type BenchSize, type Figure } from '../figure';
import { MATRIX_CELL } from '../matrix-sql';
import { demoMatrixCells } from '../native/demo-matrix';
import { csvFilesIn } from '../native/load-csv';
import { withNativeMatrix } from '../native/index';
import { compareFrames, FramesDisagree, mergeAgreements, type Agreement } from './agree';
import { matrixFrames } from './matrix-frames';

/** Debian's interpreter, which has python3-pandas (the pyenv python3 on PATH does not). */
export const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./indicators.py', import.meta.url));

/** What indicators.py prints. */
interface PandasOutput {
  load: Record<string, number[]>;
  matrix: number[];
  rows?: number;
  pandas: string;
  failed?: string;
}

/** Runs indicators.py and parses its JSON; a crash (e.g. killed when memory ran out) becomes `failed`. */
function runScript(spec: unknown): Promise<PandasOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, [SCRIPT, JSON.stringify(spec)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', (error) => resolve({ load: {}, matrix: [], pandas: '?', failed: `cannot run ${PYTHON}: ${error.message} (apt-get install -y python3-pandas)` }));
    child.on('close', (code, signal) => {
      if (code === 0) {
        try {
          resolve(JSON.parse(out) as PandasOutput);
        } catch {
          reject(new Error(`indicators.py printed no JSON: ${out.slice(0, 300)}`));
        }
        return;
      }
      const why = signal === 'SIGKILL' ? 'killed (SIGKILL: most likely out of memory)' : signal ? `killed by ${signal}` : `exit code ${code}`;
      const last = err.trim().split('\n').slice(-3).join(' | ');
      resolve({ load: {}, matrix: [], pandas: '?', failed: `pandas ${why}${last ? `: ${last}` : ''}` });
    });
  });
}

/** The column types indicators.py reads with: text (ids, labels) and dates, from the app's schema. */
function tableTypes(dir: string): Record<string, { text: string[]; dates: string[] }> {
  const present = new Set(csvFilesIn(dir).map((f) => f.table));
  return Object.fromEntries(
    EXTRACT_TABLES.filter((t) => present.has(t.name)).map((t) => [
      t.name,
      { text: t.columns.filter((c) => ['id', 'text', 'category'].includes(c.kind)).map((c) => c.name), dates: t.columns.filter((c) => c.kind === 'date').map((c) => c.name) },
    ]),
  );
}

/**
 * Checks that pandas' matrix (a CSV indicators.py wrote) agrees with native DuckDB's on the same
 * extract; throws FramesDisagree listing every differing column otherwise.
 */
export async function checkPandasAgrees(dir: string, pandasCsv: string): Promise<void> {
  await withNativeMatrix(dir, undefined, async (db) => {
    const matrices = await matrixFrames(db, MATRIX_CELL, pandasCsv);
    const parts: { offset: number; agreement: Agreement }[] = [];
    for await (const batch of matrices.batches()) parts.push({ offset: batch.offset, agreement: compareFrames(batch.duckdb, batch.pandas) });
    const merged = mergeAgreements(parts);
    const { duckdb, pandas } = matrices.rows;
    const agreement = duckdb === pandas ? merged : { ...merged, ok: false, problems: [`${pandas} rows, expected ${duckdb}`, ...merged.problems] };
    if (!agreement.ok) throw new FramesDisagree(agreement, `pandas' and DuckDB's ${MATRIX_CELL} on ${dir}`);
  });
}

/** pandas' figures for the extract in `dir`, after checking that its matrix agrees with DuckDB's. */
export async function runPandas(dir: string, size: BenchSize, reps: number): Promise<Figure[]> {
  const asOf = demoMatrixCells().inputs['as_of'];
  if (typeof asOf !== 'string') throw new Error('the demo notebook has no as_of date input');
  const scratch = await mkdtemp(join(tmpdir(), 'tierbook-pandas-'));
  try {
    const out = join(scratch, 'indicator_matrix.csv');
    // at most 70% of the memory available now (libuv reads MemAvailable): past it pandas reports
    // MemoryError and the figure says so, rather than the kernel killing some process to make room
    const memoryLimitMb = Math.floor((0.7 * freemem()) / 2 ** 20);
    const result = await runScript({ dir, as_of: asOf, reps, out, tables: tableTypes(dir), memory_limit_mb: memoryLimitMb });
    if (result.failed) return [{ metric: 'indicator-matrix', engine: 'pandas', size, samples: result.matrix, unit: 'ms', failed: result.failed }];
    await checkPandasAgrees(dir, out);
    const bytes = new Map(csvFilesIn(dir).map((f) => [f.table as string, f.bytes]));
    return [
      ...Object.entries(result.load).map(([table, samples]): Figure => ({ metric: 'load-table', engine: 'pandas', size, samples, unit: 'ms', table, bytes: bytes.get(table)! })),
      { metric: 'indicator-matrix', engine: 'pandas', size, samples: result.matrix, unit: 'ms' },
    ];
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const size = (process.argv[2] ?? '10k') as BenchSize;
  if (!(size in BENCH_SIZES)) throw new Error(`size must be one of ${Object.keys(BENCH_SIZES).join(', ')}`);
  console.log(JSON.stringify(await runPandas(join('bench/.cache', size), size, Number(process.argv[3] ?? 1)), null, 1));
}
