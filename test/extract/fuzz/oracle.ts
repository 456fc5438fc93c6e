/**
 * The fuzzer's properties for one file: given what the mutation may have changed (expectation.ts)
 * and what the loader did (run-load.ts), the list of violations (empty when the load is sound).
 *
 * (b) no crash: only a loaded table or a LoadError; (c) every issue names the file, and issues
 * about a row or a cell name it; (d) no silently wrong values: rows are matched to the source by
 * their values (the loaded table keeps no row number), a row equal to an unconsumed source row is
 * consumed by it, and every row left over must be accounted for by the expectation.
 */
import type { IssueCode, LoadIssue } from '../../../src/extract/issues';
import { MISSING_TOKENS } from '../../../src/extract/clean-macros';
import type { Expectation, LocalExpectation } from './expectation';
import type { LoadedRow, Outcome } from './run-load';
import type { SourceTable } from './source-extracts';

/** Codes about one row the parser could not read: they must name the row. */
const ROW_CODES: ReadonlySet<IssueCode> = new Set(['too-many-columns', 'too-few-columns', 'unclosed-quote']);
/** Codes about one cell: they must name the row and the column. */
const CELL_CODES: ReadonlySet<IssueCode> = new Set([
  'not-a-number', 'not-an-integer', 'not-a-date', 'ambiguous-date', 'not-a-flag', 'id-scientific', 'missing-required', 'excel-error', 'formula-no-result',
]);

const NUMERIC = new Set(['amount', 'number', 'rate', 'integer']);
const MISSING = new Set(MISSING_TOKENS.map((t) => t.toUpperCase()));

/** What the loader must read from a source row, as run-load.ts writes loaded values. */
export function expectedRow(source: SourceTable, row: number): LoadedRow {
  const out: Record<string, string | null> = {};
  source.columns.forEach((name, j) => {
    const text = source.rows[row]![j]!;
    const kind = source.kinds[j]!;
    if (text === '') out[name] = null;
    else if (NUMERIC.has(kind)) out[name] = String(Number(text));
    else if (kind === 'flag') out[name] = text;
    else if (kind !== 'date' && MISSING.has(text.trim().toUpperCase())) out[name] = null;
    else out[name] = text.trim();
  });
  return out;
}

const keyOf = (row: LoadedRow, columns: readonly string[]) => JSON.stringify(columns.map((c) => row[c] ?? null));

function differingColumns(a: LoadedRow, b: LoadedRow, columns: readonly string[]): string[] {
  return columns.filter((c) => (a[c] ?? null) !== (b[c] ?? null));
}

/** Property (c): the file is named; row and cell problems say where. */
function issueViolations(issues: readonly LoadIssue[], file: string): string[] {
  const out: string[] = [];
  for (const issue of issues) {
    const where = `${issue.code}${issue.row ? ` row ${issue.row}` : ''}`;
    if (issue.file !== file) out.push(`issue ${where} names file "${issue.file}", not "${file}"`);
    const unlisted = issue.detail?.['unlisted'] !== undefined;
    if ((ROW_CODES.has(issue.code) || CELL_CODES.has(issue.code)) && !unlisted && !(issue.row && issue.row > 0)) out.push(`issue ${where} names no row`);
    if (CELL_CODES.has(issue.code) && !unlisted && !issue.column) out.push(`issue ${where} names no column`);
  }
  return out;
}

interface Matched {
  /** loaded rows equal to no unconsumed source row */
  readonly deviants: LoadedRow[];
  /** source rows no loaded row consumed */
  readonly missing: number[];
  /** source row → how many loaded rows consumed it (equal values) */
  readonly consumed: Set<number>;
}

/** Consumes source rows by equal values (on `columns`); what is left on either side is returned. */
function match(rows: readonly LoadedRow[], source: SourceTable, expected: readonly LoadedRow[], columns: readonly string[], skip: ReadonlySet<number>): Matched {
  const pool = new Map<string, number[]>();
  expected.forEach((row, i) => {
    if (skip.has(i)) return;
    const k = keyOf(row, columns);
    pool.set(k, [...(pool.get(k) ?? []), i]);
  });
  const deviants: LoadedRow[] = [];
  const consumed = new Set<number>();
  for (const row of rows) {
    const candidates = pool.get(keyOf(row, columns));
    const i = candidates?.shift();
    if (i === undefined) deviants.push(row);
    else consumed.add(i);
  }
  const missing = source.rows.map((_r, i) => i).filter((i) => !skip.has(i) && !consumed.has(i));
  return { deviants, missing, consumed };
}

const inSpan = (row: number | undefined, [a, b]: readonly [number, number]) => row !== undefined && row >= a && row <= b;

function localViolations(e: LocalExpectation, issues: readonly LoadIssue[], rows: readonly LoadedRow[], source: SourceTable, expected: readonly LoadedRow[], columns: readonly string[]): string[] {
  const out: string[] = [];
  // touched rows are matched last: first every untouched row takes its equal loaded row
  const m = match(rows, source, expected, columns, new Set([...e.touched.keys(), ...e.absent]));
  const flagged = (i: number) => issues.some((issue) => inSpan(issue.row, e.span(i)));
  const free = new Set(e.touched.keys());
  for (const row of m.deviants) {
    let taken: number | undefined;
    for (const i of free) {
      const diff = differingColumns(row, expected[i]!, columns);
      if (diff.every((c) => e.touched.get(i)!.has(c)) || flagged(i)) {
        taken = i;
        break;
      }
    }
    if (taken === undefined) {
      out.push(`row loaded with values matching no source row and no issue: ${JSON.stringify(row)}`);
      continue;
    }
    free.delete(taken);
  }
  // a row whose bytes did not change may be missing only behind an error issue at or before it
  const errors = issues.filter((i) => i.severity === 'error');
  for (const i of m.missing) {
    const [first] = e.span(i);
    if (!errors.some((issue) => issue.row === undefined || issue.row <= first)) out.push(`source row ${i} (line ${first}) unchanged but missing, with no error issue before it`);
  }
  // row problems may only be reported on changed rows (or the lines a mutation created)
  const consumedLines = [...m.consumed].map((i) => e.span(i));
  for (const issue of issues) {
    if (issue.row === undefined || !(ROW_CODES.has(issue.code) || CELL_CODES.has(issue.code))) continue;
    if (consumedLines.some((s) => inSpan(issue.row, s))) out.push(`issue ${issue.code} names row ${issue.row}, a row that loaded unchanged`);
  }
  return out;
}

/** Violations of properties (b)–(d) for one outcome (the hang, (a), is decided by the runner). */
export function violations(outcome: Outcome, expect: Expectation, source: SourceTable, file: string): string[] {
  if (outcome.kind === 'hung') return [`no result within the deadline (${Math.round(outcome.ms)} ms)`];
  if (outcome.kind === 'crashed') {
    const e = outcome.error;
    return [`crashed: ${e instanceof Error ? `${e.name}: ${e.message}\n${e.stack?.split('\n').slice(1, 6).join('\n')}` : String(e)}`];
  }
  if (outcome.kind === 'refused') {
    const out = issueViolations([outcome.error.issue], file);
    if (expect.mode === 'same') out.push(`refused a file that holds the source exactly: ${outcome.error.message} ${JSON.stringify(outcome.error.issue.detail ?? {})}`);
    return out;
  }
  const { report, rows } = outcome;
  const out = issueViolations(report.issues, file);
  // a file with no data can at most load an empty table (a header and a line of spaces: rejected)
  if (expect.mode === 'refused') return rows.length ? [...out, `loaded ${rows.length} rows from a file that holds none`] : out;
  if (expect.mode === 'unchecked') return out;
  const expected = source.rows.map((_r, i) => expectedRow(source, i));
  const loadedNames = new Set(report.columns.map((c) => c.name));
  const excluded = (expect.mode === 'same' || expect.mode === 'local' ? expect.excluded : undefined) ?? new Set<string>();
  const columns = source.columns.filter((c) => loadedNames.has(c) && !excluded.has(c));
  if (expect.mode === 'same') {
    if (report.recognisedAs !== source.table) out.push(`recognised as ${report.recognisedAs}, not ${source.table}`);
    const missingColumns = source.columns.filter((c) => !excluded.has(c) && !loadedNames.has(c));
    if (missingColumns.length) out.push(`columns not loaded: ${missingColumns.join(', ')}`);
    const errors = report.issues.filter((i) => i.severity === 'error');
    if (errors.length) out.push(`error issues on an intact file: ${JSON.stringify(errors.slice(0, 3))}`);
    const m = match(rows, source, expected, columns, new Set());
    if (m.deviants.length) out.push(`${m.deviants.length} rows differ from the source, first ${JSON.stringify(m.deviants[0])}`);
    if (m.missing.length) out.push(`${m.missing.length} source rows missing, first ${JSON.stringify(expected[m.missing[0]!])}`);
    return out;
  }
  // a table recognised as nothing we know keeps the file's own headers: nothing to compare
  if (columns.length === 0) return out;
  if (expect.mode === 'local') return [...out, ...localViolations(expect, report.issues, rows, source, expected, columns)];
  // whole-file: each differing row needs an issue of its own; rows vanish only behind an error
  const m = match(rows, source, expected, columns, new Set());
  const rowsNamed = new Set(report.issues.filter((i) => i.row !== undefined).map((i) => i.row));
  if (m.deviants.length > rowsNamed.size) out.push(`${m.deviants.length} rows differ from the source but only ${rowsNamed.size} rows are named by issues; first ${JSON.stringify(m.deviants[0])}`);
  if (m.missing.length && !report.issues.some((i) => i.severity === 'error')) out.push(`${m.missing.length} source rows missing without an error issue`);
  return out;
}
