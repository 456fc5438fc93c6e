/**
 * Does pandas compute the same matrix as DuckDB? Column by column, row by row: the benchmark's
 * pandas figure is only a comparison if it is. Pure (frames in, verdict out), so it is tested on
 * hand-made frames; bench/pandas/matrix-frames.ts reads the two real matrices into frames.
 *
 * Conventions: numbers agree within a relative tolerance (1e-9: the two sum in different orders,
 * so the last bits may differ, nothing more); NULL and NaN are the same missing value, and missing
 * never equals 0; text and dates (as ISO text) must be equal exactly.
 */

/** One cell of a frame: a number, a text (dates as 'YYYY-MM-DD') or missing (null; NaN counts as missing). */
export type FrameValue = number | string | null;

/** A table as columns of equal length, in column order. */
export interface Frame {
  readonly columns: readonly string[];
  readonly values: Readonly<Record<string, readonly FrameValue[]>>;
}

export interface AgreeOptions {
  /** largest allowed |a − b| / max(|a|, |b|) (default 1e-9) */
  readonly relative?: number;
  /**
   * largest |a − b| accepted whatever the relative difference (default 0): only for values that
   * are differences of nearly equal numbers, where the relative error of a correct result is large
   */
  readonly absolute?: number;
  /** a column whose value names the row in messages (default: customer_id, when present) */
  readonly key?: string;
  /** how many differing rows each column's message shows (default 3) */
  readonly examples?: number;
}

/** What differs in one column. */
export interface ColumnDisagreement {
  readonly column: string;
  /** how many rows differ */
  readonly rows: number;
  readonly examples: readonly { readonly row: number; readonly key: FrameValue; readonly expected: FrameValue; readonly actual: FrameValue }[];
}

export interface Agreement {
  readonly ok: boolean;
  /** structural problems: columns missing, extra or out of order, row counts */
  readonly problems: readonly string[];
  readonly columns: readonly ColumnDisagreement[];
}

const isMissing = (v: FrameValue | undefined): boolean => v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));

/** Whether two cells are the same value under the conventions above. */
export function sameValue(a: FrameValue | undefined, b: FrameValue | undefined, relative = 1e-9, absolute = 0): boolean {
  const ma = isMissing(a);
  const mb = isMissing(b);
  if (ma || mb) return ma && mb;
  if (typeof a === 'number' && typeof b === 'number') {
    if (a === b) return true;
    const diff = Math.abs(a - b);
    return diff <= absolute || diff <= relative * Math.max(Math.abs(a), Math.abs(b));
  }
  return a === b;
}

/** Compares `actual` with `expected` (the reference: DuckDB's matrix). */
export function compareFrames(expected: Frame, actual: Frame, options: AgreeOptions = {}): Agreement {
  const { relative = 1e-9, absolute = 0, examples = 3 } = options;
  const problems: string[] = [];
  const missing = expected.columns.filter((c) => !actual.columns.includes(c));
  const extra = actual.columns.filter((c) => !expected.columns.includes(c));
  if (missing.length) problems.push(`missing columns: ${missing.join(', ')}`);
  if (extra.length) problems.push(`extra columns: ${extra.join(', ')}`);
  const shared = expected.columns.filter((c) => actual.columns.includes(c));
  if (shared.join(',') !== actual.columns.filter((c) => expected.columns.includes(c)).join(',')) problems.push('the columns are in another order');
  const rowsOf = (f: Frame) => (f.columns.length ? f.values[f.columns[0]!]!.length : 0);
  const rows = rowsOf(expected);
  if (rowsOf(actual) !== rows) problems.push(`${rowsOf(actual)} rows, expected ${rows}`);
  const key = options.key ?? (expected.columns.includes('customer_id') ? 'customer_id' : undefined);
  const keys = key ? expected.values[key] : undefined;
  const columns: ColumnDisagreement[] = [];
  for (const column of shared) {
    const e = expected.values[column]!;
    const a = actual.values[column]!;
    let count = 0;
    const shown: ColumnDisagreement['examples'][number][] = [];
    for (let i = 0; i < Math.max(e.length, a.length); i++) {
      if (sameValue(e[i], a[i], relative, absolute)) continue;
      count++;
      if (shown.length < examples) shown.push({ row: i, key: keys?.[i] ?? null, expected: e[i] ?? null, actual: a[i] ?? null });
    }
    if (count > 0) columns.push({ column, rows: count, examples: shown });
  }
  return { ok: problems.length === 0 && columns.length === 0, problems, columns };
}

/**
 * One agreement from the agreements of consecutive row batches (`offset`: the batch's first row),
 * so a matrix too big to hold as JS values is still judged as a whole: structural problems are
 * listed once, each column's differing rows summed and its first examples kept, with whole-matrix
 * row numbers.
 */
export function mergeAgreements(parts: readonly { offset: number; agreement: Agreement }[], examples = 3): Agreement {
  const problems = [...new Set(parts.flatMap((p) => p.agreement.problems))];
  const byColumn = new Map<string, { rows: number; examples: ColumnDisagreement['examples'][number][] }>();
  for (const { offset, agreement } of parts) {
    for (const c of agreement.columns) {
      const merged = byColumn.get(c.column) ?? { rows: 0, examples: [] };
      merged.rows += c.rows;
      for (const e of c.examples) if (merged.examples.length < examples) merged.examples.push({ ...e, row: e.row + offset });
      byColumn.set(c.column, merged);
    }
  }
  const columns = [...byColumn].map(([column, m]) => ({ column, rows: m.rows, examples: m.examples }));
  return { ok: problems.length === 0 && columns.length === 0, problems, columns };
}

/** The agreement as text, one line per problem and per differing column, with examples. */
export function describeAgreement(agreement: Agreement): string {
  const show = (v: FrameValue) => (v === null ? 'NULL' : typeof v === 'string' ? JSON.stringify(v) : String(v));
  return [
    ...agreement.problems,
    ...agreement.columns.map(
      (c) => `${c.column}: ${c.rows} rows differ, e.g. ${c.examples.map((x) => `row ${x.row}${x.key !== null ? ` (${show(x.key)})` : ''}: expected ${show(x.expected)}, got ${show(x.actual)}`).join('; ')}`,
    ),
  ].join('\n');
}

/** Thrown when the matrices differ: the benchmark must not compare speeds of different computations. */
export class FramesDisagree extends Error {
  override name = 'FramesDisagree';
  constructor(
    readonly agreement: Agreement,
    what: string,
  ) {
    super(`${what} disagree:\n${describeAgreement(agreement)}`);
  }
}

/** Throws FramesDisagree unless the frames agree. */
export function assertAgree(expected: Frame, actual: Frame, what: string, options: AgreeOptions = {}): void {
  const agreement = compareFrames(expected, actual, options);
  if (!agreement.ok) throw new FramesDisagree(agreement, what);
}
