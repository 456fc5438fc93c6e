import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { NativeDatabase } from '../../src/engine/native/native-database';
import { headersOf } from '../../src/extract/schema';
import type { DemoOptions } from '../../src/demo/context';
import { isoDate } from '../../src/demo/dates';
import { MessyInjector } from '../../src/demo/messy/injector';
import { EXTRACT_TABLE_NAMES, TRUTH_COLUMNS, TRUTH_TABLE, type DemoTableName } from '../../src/demo/tables';
import { writeTables, type OutputFormat, type WrittenFile } from './files';
import { loadDemo, type LoadedTable } from './load';
import { ReportWriter } from './report-writer';

/** Everything `npm run generate` can be asked for. */
export interface GenerateOptions extends DemoOptions {
  format: OutputFormat;
  headers: 'zh' | 'en';
  outDir: string;
  messy: boolean;
  batchCustomers?: number;
  /** DuckDB threads; all cores by default */
  threads?: number;
  /** generate in a worker thread while loading (the CLI does; tests run in one thread) */
  worker?: boolean;
  log?: (line: string) => void;
}

export interface GenerateResult {
  files: WrittenFile[];
  tables: LoadedTable[];
  reportPath: string | null;
  seconds: { generate: number; write: number; total: number };
}

export const MESSY_REPORT_FILE = 'messy-report.json';

/** Why these options cannot be honoured, or null. */
export function optionsProblem(options: GenerateOptions): string | null {
  if (options.messy && options.format === 'parquet') {
    return '--messy makes text files as a bank export would (csv, csv-gbk, xlsx); Parquet is typed, so it has no such problems. Use another --format.';
  }
  return null;
}

/** Generates the extract into DuckDB, then writes one file per table (and the messy report). */
export async function generateExtract(options: GenerateOptions): Promise<GenerateResult> {
  const problem = optionsProblem(options);
  if (problem) throw new Error(problem);
  const log = options.log ?? (() => undefined);
  const started = performance.now();
  await mkdir(options.outDir, { recursive: true });
  const db = await NativeDatabase.open(options.threads ? { threads: options.threads } : {});
  try {
    const messy = options.messy ? new MessyInjector(options.seed, options.headers) : undefined;
    const reportPath = messy ? join(options.outDir, MESSY_REPORT_FILE) : null;
    const report = reportPath
      ? new ReportWriter(reportPath, {
          seed: options.seed, customers: options.customers, asOf: isoDate(options.asOf), format: options.format, headers: options.headers,
        }, EXTRACT_TABLE_NAMES)
      : null;
    const tables = await loadDemo(db, options, {
      batchCustomers: options.batchCustomers,
      messy: options.messy ? options.headers : undefined,
      worker: options.worker,
      onInjections: (cells, rows) => report?.add(cells, rows),
      onProgress: (done) => log(`generated ${done.toLocaleString('en-US')} / ${options.customers.toLocaleString('en-US')} customers`),
    });
    const generated = performance.now();
    const headers = (table: DemoTableName): readonly string[] => {
      if (table === TRUTH_TABLE) return TRUTH_COLUMNS.map((c) => c.name);
      return messy ? messy.headers(table) : headersOf(table, options.headers);
    };
    const files = await writeTables(db, tables, {
      format: options.format, outDir: options.outDir, headers, stamp: new Date(options.asOf * 86_400_000),
    });
    if (report && messy) await report.finish(messy.columnInjections());
    const done = performance.now();
    return {
      files, tables, reportPath,
      seconds: { generate: (generated - started) / 1000, write: (done - generated) / 1000, total: (done - started) / 1000 },
    };
  } finally {
    await db.close();
  }
}
