/**
 * The benchmark's extracts, generated once and cached in bench/.cache/<size>/ (gitignored).
 *
 * One CSV per table, UTF-8, canonical (English) headers, seed 42: the same files feed the
 * browser run, native DuckDB and pandas, so every engine reads the same bytes. Generation runs
 * `scripts/generate.ts` in a child process (1M customers needs ~2.5 GB and several minutes; a
 * separate process gives that memory back to the OS when it ends). A `.done` file marks a
 * complete extract: a directory without it is a generation that died or is still under way.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCH_SIZES, type BenchSize } from './figure';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Where the extracts live, one directory per size. */
export const CACHE_DIR = join(ROOT, 'bench', '.cache');

/** The tables the generator writes, in the order the browser loads them (keys first). */
export const EXTRACT_TABLES = ['customers', 'facilities', 'loans', 'repayments', 'balances', 'outcomes'] as const;

/** How long a directory may sit unchanged before a missing `.done` means "died", not "in progress". */
const STALE_MS = 3 * 60_000;
/** The longest we wait for someone else's generation (1M takes several minutes on 2 cores). */
const WAIT_MS = 30 * 60_000;

/** The cached extract's directory for `size`, generating it first when it is not complete. */
export async function ensureExtract(size: BenchSize, log: (line: string) => void = () => undefined): Promise<string> {
  const dir = join(CACHE_DIR, size);
  const done = join(dir, '.done');
  if (existsSync(done)) return dir;
  // another process (an earlier bench run, a hand-started generation) may be writing it now: wait for it
  const waitedUntil = Date.now() + WAIT_MS;
  while (existsSync(dir) && !existsSync(done) && Date.now() - lastChange(dir) < STALE_MS) {
    if (Date.now() > waitedUntil) throw new Error(`${dir} is still being written after ${WAIT_MS / 60_000} minutes; remove it to regenerate`);
    log(`extract ${size}: another generation is writing ${dir}; waiting for its .done`);
    await new Promise((resolve) => setTimeout(resolve, 10_000));
  }
  if (existsSync(done)) return dir;
  log(`extract ${size}: generating ${BENCH_SIZES[size].toLocaleString('en-US')} customers into ${dir}`);
  await generate(BENCH_SIZES[size], dir);
  writeFileSync(done, new Date().toISOString() + '\n');
  return dir;
}

/** The newest modification time in `dir` (its own when empty), ms since the epoch. */
function lastChange(dir: string): number {
  const times = readdirSync(dir).map((f) => statSync(join(dir, f)).mtimeMs);
  return Math.max(statSync(dir).mtimeMs, ...times);
}

/** Runs the generator as `npm run generate` would, failing with its stderr when it fails. */
function generate(customers: number, outDir: string): Promise<void> {
  const args = ['tsx', 'scripts/generate.ts', '--customers', String(customers), '--format', 'csv', '--headers', 'en', '--seed', '42', '--out', outDir];
  return new Promise((resolve, reject) => {
    const child = spawn('npx', args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`generating ${outDir} failed (exit ${code}):\n${stderr}`))));
  });
}
