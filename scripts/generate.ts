import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { DEFAULT_AS_OF } from '../src/demo/context';
import { isoDate, parseIsoDay } from '../src/demo/dates';
import { OUTPUT_FORMATS, type OutputFormat } from './demo/files';
import { generateExtract, type GenerateOptions } from './demo/run';

/**
 * npm run generate -- --customers 5000 --seed 42 --format csv|csv-gbk|parquet|xlsx
 *   --headers zh|en --out <dir> [--messy] [--truth] [--as-of YYYY-MM-DD]
 * Writes one file per extract table (customers.csv, loans.parquet, ...), plus _truth with
 * --truth and messy-report.json with --messy.
 */

const USAGE = `Usage: npm run generate -- --out <dir> [options]
  --customers N        number of customers, 1 to 9,999,999 (default 5000)
  --seed S             PRNG seed, a whole number (default 42)
  --format F           csv | csv-gbk | parquet | xlsx (default csv)
  --headers H          zh (Chinese headers, default) | en (canonical names)
  --as-of YYYY-MM-DD   data date of the extract (default ${isoDate(DEFAULT_AS_OF)})
  --messy              inject the data-quality problems of real extracts; writes messy-report.json
  --truth              also write _truth (latents and true propensity per customer)
  --batch N            customers per generation batch (default 20000)
  --threads N          DuckDB threads (default: all cores)
  --worker             generate in a worker thread, overlapping with loading into DuckDB: faster
                       when a core is free, slower on a busy 2-core machine (default: off)`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

function wholeNumber(name: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) fail(`--${name} must be a whole number from ${min} to ${max}, got "${text}"`);
  return value;
}

function parseOptions(argv: string[]): GenerateOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        customers: { type: 'string' }, seed: { type: 'string' }, format: { type: 'string' }, headers: { type: 'string' },
        out: { type: 'string' }, messy: { type: 'boolean' }, truth: { type: 'boolean' }, 'as-of': { type: 'string' },
        batch: { type: 'string' }, threads: { type: 'string' }, worker: { type: 'boolean' }, help: { type: 'boolean' },
      },
      strict: true,
    });
  } catch (error) {
    fail((error as Error).message);
  }
  const v = parsed.values;
  if (v.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  if (!v.out) fail('--out <dir> is required');
  const format = (v.format ?? 'csv') as OutputFormat;
  if (!OUTPUT_FORMATS.includes(format)) fail(`--format must be one of ${OUTPUT_FORMATS.join(', ')}, got "${v.format}"`);
  const headers = v.headers ?? 'zh';
  if (headers !== 'zh' && headers !== 'en') fail(`--headers must be zh or en, got "${headers}"`);
  let asOf = DEFAULT_AS_OF;
  if (v['as-of'] !== undefined) {
    try {
      asOf = parseIsoDay(v['as-of']);
    } catch (error) {
      fail(`--as-of: ${(error as Error).message}`);
    }
  }
  const threads = v.threads === undefined ? undefined : wholeNumber('threads', v.threads, 0, 1, 256);
  return {
    customers: wholeNumber('customers', v.customers, 5000, 1, 9_999_999),
    seed: wholeNumber('seed', v.seed, 42, 0, 4_294_967_295),
    asOf, truth: Boolean(v.truth), format, headers, outDir: resolve(v.out), messy: Boolean(v.messy),
    batchCustomers: wholeNumber('batch', v.batch, 20_000, 1, 1_000_000), threads, worker: Boolean(v.worker),
    log: (line) => process.stderr.write(`\r${line}   `),
  };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const result = await generateExtract(options);
  process.stderr.write('\n');
  for (const f of result.files) {
    process.stdout.write(`${f.file.padEnd(20)} ${f.rows.toLocaleString('en-US').padStart(12)} rows ${(f.bytes / 1e6).toFixed(1).padStart(9)} MB\n`);
  }
  if (result.reportPath) process.stdout.write(`messy report: ${result.reportPath}\n`);
  const peak = process.resourceUsage().maxRSS / 1024;
  const s = result.seconds;
  process.stdout.write(
    `${options.customers.toLocaleString('en-US')} customers → ${options.outDir} in ${s.total.toFixed(1)} s ` +
      `(generate + load ${s.generate.toFixed(1)} s, write ${s.write.toFixed(1)} s), peak memory ${peak.toFixed(0)} MB\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`\n${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
