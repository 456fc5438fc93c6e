/**
 * The fuzzer's cases. Case k of a run seeded S has its own seed S + k, and everything about it
 * (mutation kind, table, encoding, offsets, bytes) follows from that seed alone, so
 * `FUZZ_SEED=<case seed> FUZZ_COUNT=1` replays one failing case. The source extracts come from a
 * fixed seed (SOURCE_SEED), built once per run.
 */
import { seeded } from '../../support/random';
import { CSV_MUTATIONS, SLOW_MUTATIONS, type CsvBase } from './csv-mutations';
import type { FuzzCase } from './expectation';
import { pick } from './pick';
import { renderCsv, type SourceTable } from './source-extracts';
import { BINARY_MUTATIONS, type BinaryBases } from './binary-mutations';

/** The demo bank the sources are drawn from: 40 customers (some tables get hundreds of rows). */
export const SOURCE_SEED = 7;
export const SOURCE_CUSTOMERS = 40;

/** Everything the cases start from, built once. */
export interface Bases {
  readonly sources: readonly SourceTable[];
  readonly csv: readonly CsvBase[];
  readonly binary: BinaryBases;
}

export function csvBases(sources: readonly SourceTable[]): CsvBase[] {
  return sources.flatMap((source) =>
    (['utf-8', 'gbk'] as const).map((encoding) => ({ source, encoding, rendered: renderCsv(source.headers, source.rows, { encoding }) })),
  );
}

const CSV_KINDS = Object.keys(CSV_MUTATIONS);
const BINARY_KINDS = Object.keys(BINARY_MUTATIONS);
const KINDS = [...CSV_KINDS, ...BINARY_KINDS];

/** Multi-megabyte cases are drawn for one seed in SLOW_EVERY of their turns. */
const SLOW_EVERY = 20;

/** The mutation kind of a case seed: round-robin over the kinds, the slow ones thinned out. */
export function kindOf(seed: number): string {
  const kind = KINDS[seed % KINDS.length]!;
  if (!SLOW_MUTATIONS.has(kind) || Math.floor(seed / KINDS.length) % SLOW_EVERY === 0) return kind;
  return CSV_KINDS.filter((k) => !SLOW_MUTATIONS.has(k))[Math.floor(seed / KINDS.length) % (CSV_KINDS.length - SLOW_MUTATIONS.size)]!;
}

/** The case of one seed. */
export async function caseOf(seed: number, bases: Bases): Promise<FuzzCase> {
  const random = seeded(seed);
  const kind = kindOf(seed);
  if (kind in CSV_MUTATIONS) return CSV_MUTATIONS[kind]!(random, pick(random, bases.csv));
  return BINARY_MUTATIONS[kind]!(random, bases.binary);
}
