/**
 * Headless replay on native DuckDB (see src/replay/ and `--help`):
 *
 *   npm run replay -- notebooks/demo.md [--data loans=extract/loans.parquet] [--out out/]
 *
 * Exit code 0: every file and every cell reproduces; 1: something differs; 2: bad usage.
 */
import { formatReport } from '../src/replay/format-report';
import { parseReplayArgs, USAGE, UsageError } from '../src/replay/args';
import { replayNotebook, unlocatedFiles } from '../src/replay/replay';

async function main(): Promise<number> {
  const args = parseReplayArgs(process.argv.slice(2));
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const options = { notebook: args.notebook, data: args.data, ...(args.out ? { out: args.out } : {}), ...(args.threads ? { threads: args.threads } : {}) };
  // a manifest file found nowhere is a usage problem (say where it was looked for), not a difference
  const missing = await unlocatedFiles(options);
  if (missing.length > 0) {
    const lines = missing.map(({ entry, tried }) => `data file not found: ${entry.file} for table ${entry.table} (looked in ${tried.join(', ')}); give it with --data ${entry.table}=<file>`);
    throw new UsageError(lines.join('\n'));
  }
  const report = await replayNotebook(options);
  console.log(args.json ? JSON.stringify(report, null, 2) : formatReport(report));
  return report.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`replay: ${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
