/**
 * One file through the app's loader entry point (stageFile → completeLoad, as the workspace runs
 * them), bounded by a deadline, classified into the outcomes the fuzzer's properties speak of.
 */
import { quoteIdent, type Database } from '../../../src/engine/database';
import { LoadError } from '../../../src/extract/issues';
import { completeLoad, stageFile } from '../../../src/extract/load-file';
import type { QualityReport } from '../../../src/extract/report';

/** A loaded row: canonical text of each column's value by column name (null when NULL). */
export type LoadedRow = Readonly<Record<string, string | null>>;

export type Outcome =
  | { readonly kind: 'loaded'; readonly report: QualityReport; readonly rows: readonly LoadedRow[]; readonly ms: number }
  | { readonly kind: 'refused'; readonly error: LoadError; readonly ms: number }
  | { readonly kind: 'crashed'; readonly error: unknown; readonly ms: number }
  | { readonly kind: 'hung'; readonly ms: number };

/** The name every fuzzed file is loaded as; dropped after each load so the database stays small. */
const TARGET = 'fuzz_loaded';

/**
 * Reads a loaded table back with each value as text: numbers as JavaScript writes them (so they
 * compare with the source's shortest round-trip text), dates as DuckDB writes them (ISO).
 */
async function readBack(db: Database, report: QualityReport): Promise<LoadedRow[]> {
  const select = report.columns.map((c) => (/^(DATE|TIMESTAMP)/.test(c.type) ? `CAST(${quoteIdent(c.name)} AS VARCHAR)` : quoteIdent(c.name)));
  if (select.length === 0) return [];
  const result = await db.query(`SELECT ${select.join(', ')} FROM ${quoteIdent(report.table)}`);
  const vectors = report.columns.map((_c, i) => result.getChildAt(i)!);
  const rows: LoadedRow[] = [];
  for (let r = 0; r < result.numRows; r++) {
    const row: Record<string, string | null> = {};
    report.columns.forEach((c, i) => {
      const v: unknown = vectors[i]!.get(r);
      row[c.name] = v === null || v === undefined ? null : typeof v === 'number' || typeof v === 'bigint' ? String(Number(v)) : String(v);
    });
    rows.push(row);
  }
  return rows;
}

/** The load itself, without the deadline. */
async function load(db: Database, name: string, bytes: Uint8Array): Promise<Omit<Extract<Outcome, { kind: 'loaded' }>, 'ms'>> {
  const staged = await stageFile(db, name, bytes, { takenNames: new Set() });
  const report = await completeLoad(db, staged, { ...staged.proposal, name: TARGET });
  try {
    return { kind: 'loaded', report, rows: await readBack(db, report) };
  } finally {
    await db.exec(`DROP TABLE IF EXISTS ${quoteIdent(TARGET)}`);
  }
}

/**
 * Loads `bytes` as `name` within `deadlineMs`. A LoadError is a refusal (the outcome the app
 * shows as a message); anything else thrown is a crash; missing the deadline is a hang.
 */
export async function runLoad(db: Database, name: string, bytes: Uint8Array, deadlineMs: number): Promise<Outcome> {
  const started = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<'hung'>((resolve) => {
    timer = setTimeout(() => resolve('hung'), deadlineMs);
  });
  try {
    const result = await Promise.race([load(db, name, bytes), deadline]);
    const ms = performance.now() - started;
    return result === 'hung' ? { kind: 'hung', ms } : { ...result, ms };
  } catch (error) {
    const ms = performance.now() - started;
    return error instanceof LoadError ? { kind: 'refused', error, ms } : { kind: 'crashed', error, ms };
  } finally {
    clearTimeout(timer);
  }
}
