/**
 * Native DuckDB (@duckdb/node-api) on the same CSV files and the same SQL as the app: each table
 * loaded with `read_csv`, then the demo notebook's indicator matrix run by the app's runtime.
 * Once single-threaded (the browser's DuckDB-WASM runs one thread, so this is the fair yardstick)
 * and once on all cores (what a native install would give). A fresh database per repetition, so no
 * run profits from an earlier one's caches.
 *
 *   npx tsx bench/native/index.ts <size> [reps]     (prints the figures as JSON; for development)
 */
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { NativeDatabase } from '../../src/engine/native/native-database';
import { BENCH_SIZES, type BenchSize, type Engine, type Figure } from '../figure';
import { demoMatrixCells } from './demo-matrix';
import { loadCsvTables } from './load-csv';
import { runMatrix, type MatrixRun } from './run-matrix';

/** The two native configurations: DuckDB's `threads` setting for each engine name. */
const CONFIGS: readonly { engine: Extract<Engine, 'duckdb-1-thread' | 'duckdb-all-threads'>; threads?: number }[] = [
  { engine: 'duckdb-1-thread', threads: 1 },
  { engine: 'duckdb-all-threads' },
];

/**
 * Opens a fresh database, loads `dir`'s CSV files and runs the matrix; `use` then sees the
 * database with every table and cell table in it (pandas' agreement check reads the matrix here).
 */
export async function withNativeMatrix<T>(
  dir: string,
  threads: number | undefined,
  use: (db: NativeDatabase, run: { loads: Awaited<ReturnType<typeof loadCsvTables>>; matrix: MatrixRun }) => Promise<T>,
): Promise<T> {
  const db = await NativeDatabase.open(threads ? { threads } : {});
  try {
    const loads = await loadCsvTables(db, dir);
    const matrix = await runMatrix(db, demoMatrixCells(), loads.map((l) => l.table));
    return await use(db, { loads, matrix });
  } finally {
    await db.close();
  }
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Figures for one configuration: a load-table figure per file and the matrix, `reps` samples each. */
async function measure(dir: string, size: BenchSize, reps: number, engine: Engine, threads: number | undefined): Promise<Figure[]> {
  const loads = new Map<string, { bytes: number; samples: number[] }>();
  const matrix: number[] = [];
  try {
    for (let r = 0; r < reps; r++) {
      await withNativeMatrix(dir, threads, async (_db, run) => {
        for (const l of run.loads) {
          const entry = loads.get(l.table) ?? { bytes: l.bytes, samples: [] };
          entry.samples.push(l.ms);
          loads.set(l.table, entry);
        }
        matrix.push(run.matrix.ms);
      });
    }
  } catch (error) {
    // e.g. out of memory at 1m: the figure says so instead of the run stopping
    return [{ metric: 'indicator-matrix', engine, size, samples: matrix, unit: 'ms', failed: `${engine} at ${size}: ${message(error)}` }];
  }
  return [
    ...[...loads].map(([table, l]): Figure => ({ metric: 'load-table', engine, size, samples: l.samples, unit: 'ms', table, bytes: l.bytes })),
    { metric: 'indicator-matrix', engine, size, samples: matrix, unit: 'ms' },
  ];
}

/** Native DuckDB's figures for the extract in `dir` (see the file's comment). */
export async function runNative(dir: string, size: BenchSize, reps: number): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const config of CONFIGS) figures.push(...(await measure(dir, size, reps, config.engine, config.threads)));
  return figures;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const size = (process.argv[2] ?? '10k') as BenchSize;
  if (!(size in BENCH_SIZES)) throw new Error(`size must be one of ${Object.keys(BENCH_SIZES).join(', ')}`);
  const figures = await runNative(join('bench/.cache', size), size, Number(process.argv[3] ?? 3));
  console.log(JSON.stringify(figures, null, 1));
}
