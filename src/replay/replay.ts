import { readFile } from 'node:fs/promises';
import type { CellDigest } from '../notebook/document';
import { readNotebook } from '../notebook/format';
import { manifestEntry } from '../notebook/manifest';
import type { CellVerdict, DataVerdict } from '../notebook/verify';
import { NativeDatabase } from '../engine/native/native-database';
import pkg from '../../package.json';
import { bundledDemoHashes, locateFiles, type LocatedFile } from './data-files';
import { loadManifestFiles, type LoadedFile } from './load-data';
import { nodeRuntime } from './node-runtime';
import { replayAndCompare } from './verify-run';
import { writeCellTables, writeReportJson } from './write-outputs';

/** What to replay and where its inputs are. */
export interface ReplayOptions {
  /** the notebook file (.md) */
  readonly notebook: string;
  /** table → file, overriding where the manifest's file for that table is looked for */
  readonly data?: Readonly<Record<string, string>>;
  /** a directory for each table-valued cell's CSV and report.json */
  readonly out?: string;
  /** DuckDB threads (default: all cores) */
  readonly threads?: number;
  /** the repository root, where public/demo/ is (default: this checkout) */
  readonly root?: string;
}

/** A data verdict with the file actually read (null when none was found). */
export interface ReplayDataVerdict extends DataVerdict {
  readonly path: string | null;
}

/** The full result of a headless replay; `report.json` is this object. */
export interface ReplayReport {
  readonly notebook: string;
  readonly data: readonly ReplayDataVerdict[];
  readonly cells: readonly CellVerdict[];
  readonly environment: { readonly node: string; readonly duckdb: string; readonly app: string };
  /** the digests recomputed by this replay, by cell name */
  readonly digests: Readonly<Record<string, CellDigest>>;
  readonly metrics: {
    readonly loadMs: number;
    readonly runMs: number;
    /** rows loaded per table */
    readonly rows: Readonly<Record<string, number>>;
    /** milliseconds to read, clean and check each file (its quality report's elapsed time) */
    readonly fileMs: Readonly<Record<string, number>>;
    /** the process's peak resident set size so far, in MB */
    readonly peakRssMb: number;
  };
  /** CSV files written with --out */
  readonly outputs: readonly string[];
  readonly ms: number;
  /** every file matches the manifest and every cell passes */
  readonly ok: boolean;
}

/** A data verdict plus what the load itself found (not found, unreadable, columns not as recorded). */
function withLoadProblems(verdict: DataVerdict, loaded: LoadedFile | undefined): ReplayDataVerdict {
  const problems = loaded?.problems ?? [];
  const status = problems.length > 0 && verdict.status === 'same' ? 'differs' : verdict.status;
  return { ...verdict, status, differences: [...problems, ...verdict.differences], path: loaded?.path ?? null };
}

/**
 * The manifest files of a notebook that are found nowhere (no --data override, not beside the
 * notebook, not in public/demo/): the command line refuses to start without them.
 */
export async function unlocatedFiles(options: ReplayOptions): Promise<LocatedFile[]> {
  const { document } = readNotebook(await readFile(options.notebook, 'utf8'));
  return locateFiles(document.data, options.notebook, options.data ?? {}, options.root).filter((f) => f.path === null);
}

/**
 * Native DuckDB as replay runs a notebook's SQL in it: locked as the browser is (no extension
 * installed or loaded, no file outside its own folder, no setting changed), since the notebook
 * may come from someone else.
 */
export function openReplayDatabase(threads?: number): Promise<NativeDatabase> {
  return NativeDatabase.open({ sandbox: true, ...(threads ? { threads } : {}) });
}

/**
 * Replays a notebook headless on native DuckDB: loads the files its data manifest names (see
 * locateFiles) with the recorded options and mapping, runs every cell with the app's runtime,
 * and verifies files and digests with the app's own comparison. Writes outputs when asked.
 */
export async function replayNotebook(options: ReplayOptions): Promise<ReplayReport> {
  const started = performance.now();
  const { document } = readNotebook(await readFile(options.notebook, 'utf8'));
  const db = await openReplayDatabase(options.threads);
  try {
    const files = locateFiles(document.data, options.notebook, options.data ?? {}, options.root);
    const loaded = await loadManifestFiles(db, files, await bundledDemoHashes(options.root));
    const reports = loaded.flatMap((l) => (l.report ? [l.report] : []));
    const loadMs = performance.now() - started;
    const runtime = nodeRuntime(db, new Set(reports.map((r) => r.table)));
    const verdicts = await replayAndCompare(runtime, document, document.cells, reports.map(manifestEntry));
    const digests = await runtime.digests();
    const runMs = performance.now() - started - loadMs;
    const data = verdicts.data.map((v) => withLoadProblems(v, loaded.find((l) => l.table === v.table)));
    const outputs = options.out ? await writeCellTables(db, runtime, document.cells, options.out) : [];
    const report: ReplayReport = {
      notebook: options.notebook,
      data,
      cells: verdicts.cells,
      environment: { node: process.version, duckdb: await db.version(), app: pkg.version },
      digests,
      metrics: {
        loadMs: Math.round(loadMs),
        runMs: Math.round(runMs),
        rows: Object.fromEntries(reports.map((r) => [r.table, r.rowsLoaded])),
        fileMs: Object.fromEntries(reports.map((r) => [r.table, r.elapsedMs])),
        peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      },
      outputs,
      ms: Math.round(performance.now() - started),
      ok: data.every((d) => d.status === 'same') && verdicts.cells.every((c) => c.status === 'pass'),
    };
    if (options.out) await writeReportJson(options.out, report);
    return report;
  } finally {
    await db.close();
  }
}
