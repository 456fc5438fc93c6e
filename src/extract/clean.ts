import type { Database, QueryOptions } from '../engine/database';
import { quoteIdent } from '../engine/database';
import { installCleaningMacros, parsedStruct } from './clean-macros';
import { directCast, parseSteps } from './parse-steps';
import type { IssueCode, LoadIssue } from './issues';
import { clip } from './issues';
import type { ColumnMapping, InvalidRowPolicy, TableMapping } from './mapping';
import type { ColumnSpec } from './schema';
import { tableSpec } from './schema';
import type { StagedColumn, StagedSource } from './staging';
import { ROW_COLUMN } from './staging';

/** At most this many cell problems are listed one by one; all are counted. */
export const MAX_LISTED_ISSUES = 1000;

/** A count of one kind of problem (or note) in one column. */
export interface IssueCount {
  readonly code: IssueCode | string;
  readonly column?: string;
  readonly count: number;
}

export interface CleanResult {
  readonly rowsLoaded: number;
  readonly rowsRejected: number;
  readonly rowsSkipped: number;
  /** cell problems and skipped rows, listed (capped) */
  readonly issues: LoadIssue[];
  /** every cell problem and note, counted per code and column */
  readonly counts: IssueCount[];
}

interface Plan {
  column: StagedColumn;
  mapping: ColumnMapping;
  spec: ColumnSpec | undefined;
}

function plan(staged: StagedSource, mapping: TableMapping): Plan[] {
  const specs = mapping.table ? tableSpec(mapping.table).columns : [];
  return mapping.columns.map((m) => {
    const column = staged.columns.find((c) => c.name === m.source);
    if (!column) throw new Error(`Mapping names a column the file does not have: ${m.source}`);
    return { column, mapping: m, spec: m.canonical ? specs.find((s) => s.name === m.target) : undefined };
  });
}

/** Key columns and required IDs must have a value; a row without one is rejected. */
function mustBePresent(p: Plan, mapping: TableMapping): boolean {
  if (!p.spec?.required || !mapping.table) return false;
  return p.spec.kind === 'id' || tableSpec(mapping.table).key.includes(p.spec.name);
}

/** True for rows like 合计/总计 at the bottom of an export: checked in the first columns and ID columns. */
function totalRowCondition(plans: readonly Plan[], staged: StagedSource): string {
  // a 合计 label is text: only text columns can hold one
  const checked = new Set(staged.columns.slice(0, 2).filter((c) => c.type === 'VARCHAR').map((c) => c.name));
  for (const p of plans) if (p.mapping.kind === 'id' && p.column.type === 'VARCHAR') checked.add(p.column.name);
  // the cheap test first: only a value mentioning 计, total or sum can be a total row
  const tests = [...checked].map((name) => {
    const x = quoteIdent(name);
    return `CASE WHEN regexp_matches(${x}, '计|(?i)total|sum') THEN coalesce(tb_is_total(${x}), false) ELSE false END`;
  });
  return tests.length ? tests.join(' OR ') : 'false';
}

/**
 * Cleans a staged file into its table: parses every mapped column with the rules of
 * clean-macros.ts, skips total rows, and rejects (or keeps with a blank cell, as the user chose)
 * rows with a value that cannot be read. The table keeps `__row` for the checks that follow.
 */
export async function cleanStaged(
  db: Database,
  staged: StagedSource,
  mapping: TableMapping,
  policy: InvalidRowPolicy,
  options: QueryOptions & { trusted?: boolean } = {},
): Promise<CleanResult> {
  const plans = plan(staged, mapping);
  if (!options.trusted || plans.some((p) => directCast(p.mapping.kind, p.mapping.unit, p.column) === null)) await installCleaningMacros(db);
  const parsed = `${staged.table}_parsed`;
  const normalised = `${staged.table}_normalised`;
  const issuesTable = `${staged.table}_issues`;
  const target = quoteIdent(mapping.name);
  const file = staged.source.name;
  try {
    if (options.trusted) return await copyTrusted(db, staged, plans, target);
    const steps = plans.map((p) => parseSteps(p.mapping, p.column, p.spec));
    // per column: f = the value when the fast test passes; t = the normalised text otherwise
    const inner = steps.map((step, i) =>
      step.fast
        ? `CASE WHEN ${step.fast.when} THEN ${step.fast.value} END AS f${i},
           CASE WHEN ${step.fast.when} THEN NULL ELSE ${step.text} END AS t${i}`
        : `${step.text} AS t${i}`,
    );
    const outer = steps.map((step, i) =>
      step.fast ? `CASE WHEN f${i} IS NOT NULL THEN ${parsedStruct(`f${i}`)} ELSE ${step.parse(`t${i}`)} END AS p${i}` : `${step.parse(`t${i}`)} AS p${i}`,
    );
    // Two materialised steps, not one query: DuckDB's common-subexpression pass would otherwise
    // hoist the rules' repeated parts out of the CASE and run them on every row (30 s, not 3 s,
    // for 1M loans).
    await db.exec(
      `CREATE OR REPLACE TABLE ${quoteIdent(normalised)} AS
       SELECT ${ROW_COLUMN}, (${totalRowCondition(plans, staged)}) AS __total, ${inner.join(',\n')}
       FROM ${quoteIdent(staged.table)}`,
      [],
      options,
    );
    await db.exec(
      `CREATE OR REPLACE TABLE ${quoteIdent(parsed)} AS SELECT ${ROW_COLUMN}, __total, ${outer.join(',\n')} FROM ${quoteIdent(normalised)}`,
      [],
      options,
    );
    await db.exec(`DROP TABLE ${quoteIdent(normalised)}`);
    const problems = plans.map((p, i) => {
      const code = mustBePresent(p, mapping) ? `coalesce(p${i}.e, CASE WHEN p${i}.v IS NULL THEN 'missing-required' END)` : `p${i}.e`;
      return `SELECT ${ROW_COLUMN}, ${i} AS col, ${code} AS code FROM ${quoteIdent(parsed)} WHERE NOT __total AND ${code} IS NOT NULL`;
    });
    await db.exec(
      `CREATE OR REPLACE TABLE ${quoteIdent(issuesTable)} AS
       ${[...problems, `SELECT ${ROW_COLUMN}, -1 AS col, 'total-row' AS code FROM ${quoteIdent(parsed)} WHERE __total`].join('\nUNION ALL\n')}`,
      [],
      options,
    );
    const rejected = policy === 'reject-row' ? `AND ${ROW_COLUMN} NOT IN (SELECT ${ROW_COLUMN} FROM ${quoteIdent(issuesTable)})` : '';
    await db.exec(
      `CREATE OR REPLACE TABLE ${target} AS
       SELECT ${ROW_COLUMN}, ${plans.map((p, i) => `p${i}.v AS ${quoteIdent(p.mapping.target)}`).join(', ')}
       FROM ${quoteIdent(parsed)} WHERE NOT __total ${rejected}`,
      [],
      options,
    );
    return await summarise(db, staged, plans, parsed, issuesTable, mapping.name, policy, file);
  } finally {
    await db.exec(`DROP TABLE IF EXISTS ${quoteIdent(normalised)}; DROP TABLE IF EXISTS ${quoteIdent(parsed)}; DROP TABLE IF EXISTS ${quoteIdent(issuesTable)}`).catch(() => undefined);
  }
}

/**
 * The trusted path (the bundled demo, checked by its SHA-256 and by the generator's tests): one
 * CREATE TABLE AS SELECT that renames and casts, with the text rules only where a type needs them.
 */
async function copyTrusted(db: Database, staged: StagedSource, plans: readonly Plan[], target: string): Promise<CleanResult> {
  const columns = plans.map((p) => {
    const direct = directCast(p.mapping.kind, p.mapping.unit, p.column);
    const expression = direct ?? `(${parseSteps(p.mapping, p.column, p.spec).parse(parseSteps(p.mapping, p.column, p.spec).text)}).v`;
    return `${expression} AS ${quoteIdent(p.mapping.target)}`;
  });
  await db.exec(`CREATE OR REPLACE TABLE ${target} AS SELECT ${ROW_COLUMN}, ${columns.join(', ')} FROM ${quoteIdent(staged.table)}`);
  return { rowsLoaded: staged.rows, rowsRejected: 0, rowsSkipped: 0, issues: [], counts: [] };
}

async function summarise(
  db: Database,
  staged: StagedSource,
  plans: readonly Plan[],
  parsed: string,
  issuesTable: string,
  target: string,
  policy: InvalidRowPolicy,
  file: string,
): Promise<CleanResult> {
  const headerOf = (col: number) => (col >= 0 ? plans[col]!.column.header || plans[col]!.column.name : undefined);
  const rawValue = plans.map((p, i) => `WHEN ${i} THEN CAST(s.${quoteIdent(p.column.name)} AS VARCHAR)`).join(' ');
  const listed = await db.query(
    `SELECT i.${ROW_COLUMN} AS r, i.col AS col, i.code AS code, CASE i.col ${rawValue} END AS value
     FROM ${quoteIdent(issuesTable)} i JOIN ${quoteIdent(staged.table)} s USING (${ROW_COLUMN})
     ORDER BY i.${ROW_COLUMN}, i.col LIMIT ${MAX_LISTED_ISSUES}`,
  );
  const issues: LoadIssue[] = [];
  for (let k = 0; k < listed.numRows; k++) {
    const code = String(listed.getChild('code')!.get(k)) as IssueCode;
    const column = headerOf(Number(listed.getChild('col')!.get(k)));
    const value: unknown = listed.getChild('value')!.get(k);
    issues.push({
      code,
      severity: code === 'total-row' ? 'info' : policy === 'reject-row' ? 'error' : 'warning',
      file,
      row: Number(listed.getChild('r')!.get(k)),
      ...(column !== undefined ? { column } : {}),
      ...(value !== null && value !== undefined && code !== 'total-row' ? { value: clip(String(value)) } : {}),
    });
  }
  const notes = plans.map((_p, i) => `SELECT ${i} AS col, p${i}.n AS code FROM ${quoteIdent(parsed)} WHERE p${i}.n IS NOT NULL`);
  const counted = await db.query(
    `SELECT col, code, count(*) AS n FROM (
       SELECT col, code FROM ${quoteIdent(issuesTable)} UNION ALL ${notes.join(' UNION ALL ')}
     ) GROUP BY ALL ORDER BY col, code`,
  );
  const counts: IssueCount[] = [];
  for (let k = 0; k < counted.numRows; k++) {
    const column = headerOf(Number(counted.getChild('col')!.get(k)));
    counts.push({ code: String(counted.getChild('code')!.get(k)), ...(column !== undefined ? { column } : {}), count: Number(counted.getChild('n')!.get(k)) });
  }
  const totals = await db.query(
    `SELECT (SELECT count(*) FROM ${quoteIdent(target)}) AS loaded,
            (SELECT count(DISTINCT ${ROW_COLUMN}) FROM ${quoteIdent(issuesTable)} WHERE code <> 'total-row') AS bad,
            (SELECT count(*) FROM ${quoteIdent(issuesTable)} WHERE code = 'total-row') AS skipped`,
  );
  const bad = Number(totals.getChild('bad')!.get(0));
  return {
    rowsLoaded: Number(totals.getChild('loaded')!.get(0)),
    rowsRejected: policy === 'reject-row' ? bad : 0,
    rowsSkipped: Number(totals.getChild('skipped')!.get(0)),
    issues,
    counts,
  };
}
