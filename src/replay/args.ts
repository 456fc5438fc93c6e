import { existsSync } from 'node:fs';

/** A command line the replay cannot act on: exit code 2 with this message. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** What `npm run replay -- …` asked for. */
export interface ReplayArgs {
  readonly notebook: string;
  readonly data: Readonly<Record<string, string>>;
  readonly out?: string;
  readonly threads?: number;
  readonly json: boolean;
  readonly help: boolean;
}

export const USAGE = `usage: npm run replay -- <notebook.md> [--data <table>=<file> ...] [--out <dir>] [--threads N] [--json]

Replays a notebook headless on native DuckDB with the app's runtime and cells, verifies every
input file against the notebook's data manifest (SHA-256, size, rows) and every cell against
its saved digest, and prints a per-cell report.

  --data table=file  read this file as <table> (CSV/GBK, XLSX, Parquet, JSON), with the column
                     mapping the manifest recorded; repeatable. Without it each file is looked
                     for beside the notebook, then in public/demo/.
  --out dir          write each table-valued cell's result as <dir>/<cell>.csv (plain UTF-8, no
                     BOM, comma separated, with a header) and <dir>/report.json
  --threads N        DuckDB threads (default: all cores)
  --json             print report.json's content instead of the table
  --help             this text

Exit code: 0 when every file and every cell reproduces, 1 when something differs, 2 on bad usage.`;

/** Parses the command line (without node and the script); throws UsageError on anything wrong. */
export function parseReplayArgs(argv: readonly string[]): ReplayArgs {
  let notebook: string | undefined;
  const data: Record<string, string> = {};
  let out: string | undefined;
  let threads: number | undefined;
  let json = false;
  let help = false;
  const value = (i: number, flag: string): string => {
    const v = argv[i];
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') help = true;
    else if (arg === '--json') json = true;
    else if (arg === '--out') out = value(++i, '--out');
    else if (arg === '--threads') {
      threads = Number(value(++i, '--threads'));
      if (!Number.isInteger(threads) || threads < 1) throw new UsageError(`--threads must be a positive integer, not ${argv[i]}`);
    } else if (arg === '--data') {
      const spec = value(++i, '--data');
      const eq = spec.indexOf('=');
      if (eq <= 0 || eq === spec.length - 1) throw new UsageError(`--data takes <table>=<file>, not ${spec}`);
      data[spec.slice(0, eq)] = spec.slice(eq + 1);
    } else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
    else if (notebook === undefined) notebook = arg;
    else throw new UsageError(`one notebook at a time (got ${notebook} and ${arg})`);
  }
  if (help) return { notebook: notebook ?? '', data, json, help };
  if (notebook === undefined) throw new UsageError('no notebook given');
  if (!existsSync(notebook)) throw new UsageError(`notebook not found: ${notebook}`);
  for (const [table, file] of Object.entries(data)) if (!existsSync(file)) throw new UsageError(`data file not found: ${file} (for table ${table})`);
  return { notebook, data, ...(out !== undefined ? { out } : {}), ...(threads !== undefined ? { threads } : {}), json, help };
}
