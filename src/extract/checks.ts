import type { Database } from '../engine/database';
import { quoteIdent } from '../engine/database';
import type { IssueCount } from './clean';
import { creditCodeProblem } from './credit-code';
import type { LoadIssue } from './issues';
import { clip } from './issues';
import type { TableMapping } from './mapping';
import { tableSpec } from './schema';
import { ROW_COLUMN } from './staging';

/** At most this many findings of one check are listed; all are counted. */
const MAX_LISTED = 200;

export interface CheckResult {
  readonly issues: LoadIssue[];
  readonly counts: IssueCount[];
}

const present = (mapping: TableMapping) => new Set(mapping.columns.filter((c) => c.canonical).map((c) => c.target));

/** Rows sharing a key (customer_id for customers, loan_id for loans...). */
async function duplicateKeys(db: Database, table: string, mapping: TableMapping, file: string): Promise<CheckResult> {
  const have = present(mapping);
  const key = tableSpec(mapping.table!).key.filter((k) => have.has(k));
  if (key.length === 0) return { issues: [], counts: [] };
  const cols = key.map(quoteIdent);
  // find the repeated keys with a plain hash aggregate first; gather rows only for those
  const groups = await db.query(
    `WITH dup AS (
       SELECT ${cols.join(', ')} FROM ${quoteIdent(table)} WHERE ${cols.map((c) => `${c} IS NOT NULL`).join(' AND ')}
       GROUP BY ALL HAVING count(*) > 1)
     SELECT concat_ws(' / ', ${cols.map((c) => `CAST(${c} AS VARCHAR)`).join(', ')}) AS k,
            string_agg(CAST(${ROW_COLUMN} AS VARCHAR), ',' ORDER BY ${ROW_COLUMN}) AS rows, count(*) OVER () AS groups
     FROM ${quoteIdent(table)} SEMI JOIN dup USING (${cols.join(', ')})
     GROUP BY ${cols.join(', ')} ORDER BY min(${ROW_COLUMN}) LIMIT ${MAX_LISTED}`,
  );
  const issues: LoadIssue[] = [];
  for (let i = 0; i < groups.numRows; i++) {
    const rows = listOfNumbers(groups.getChild('rows')!.get(i));
    issues.push({
      code: 'duplicate-key',
      severity: 'warning',
      file,
      row: rows[0]!,
      column: key.join(' + '),
      value: clip(String(groups.getChild('k')!.get(i))),
      detail: { rows: rows.slice(0, 20).join(', '), count: rows.length },
    });
  }
  const total = groups.numRows ? Number(groups.getChild('groups')!.get(0)) : 0;
  return { issues, counts: total ? [{ code: 'duplicate-key', column: key.join(' + '), count: total }] : [] };
}

/** Invalid 统一社会信用代码 (GB 32100-2015 check character), checked in JS over the column. */
async function invalidCreditCodes(db: Database, table: string, file: string, header: string): Promise<CheckResult> {
  const codes = await db.query(`SELECT ${ROW_COLUMN} AS r, credit_code AS c FROM ${quoteIdent(table)} WHERE credit_code IS NOT NULL`);
  const rows = codes.getChild('r')!;
  const values = codes.getChild('c')!;
  const issues: LoadIssue[] = [];
  let count = 0;
  for (let i = 0; i < codes.numRows; i++) {
    const code = String(values.get(i));
    const problem = creditCodeProblem(code);
    if (!problem) continue;
    count++;
    if (issues.length < MAX_LISTED) {
      issues.push({ code: 'invalid-credit-code', severity: 'warning', file, row: Number(rows.get(i)), column: header, value: clip(code), detail: { problem } });
    }
  }
  return { issues, counts: count ? [{ code: 'invalid-credit-code', column: header, count }] : [] };
}

/**
 * The same firm under several customer ids: one credit code, or one name once full-width and
 * half-width brackets and spaces are made alike (华信（深圳） = 华信(深圳)).
 */
async function duplicateCustomers(db: Database, table: string, file: string, by: 'credit_code' | 'name'): Promise<CheckResult> {
  const key = by === 'credit_code' ? 'upper(trim(credit_code))' : "regexp_replace(translate(name, '（）【】［］', '()[][]'), '\\s', '', 'g')";
  const groups = await db.query(
    `SELECT ${key} AS k, string_agg(DISTINCT customer_id, '\u001f' ORDER BY customer_id) AS ids, string_agg(DISTINCT ${by}, '\u001f' ORDER BY ${by}) AS spellings,
            min(${ROW_COLUMN}) AS first, count(*) OVER () AS groups
     FROM ${quoteIdent(table)} WHERE ${by} IS NOT NULL AND customer_id IS NOT NULL
     GROUP BY k HAVING count(DISTINCT customer_id) > 1 ORDER BY first LIMIT ${MAX_LISTED}`,
  );
  const code = by === 'credit_code' ? 'duplicate-credit-code' : 'duplicate-name';
  const issues: LoadIssue[] = [];
  for (let i = 0; i < groups.numRows; i++) {
    const ids = listOfStrings(groups.getChild('ids')!.get(i));
    issues.push({
      code,
      severity: 'warning',
      file,
      row: Number(groups.getChild('first')!.get(i)),
      column: by,
      value: clip(listOfStrings(groups.getChild('spellings')!.get(i)).join(' | ')),
      detail: { customers: ids.slice(0, 20).join(', '), count: ids.length },
    });
  }
  const total = groups.numRows ? Number(groups.getChild('groups')!.get(0)) : 0;
  return { issues, counts: total ? [{ code, column: by, count: total }] : [] };
}

/** Rate columns whose values are mostly above 1 were probably written in percent points. */
async function ratesInPercentPoints(db: Database, table: string, mapping: TableMapping, file: string): Promise<CheckResult> {
  const issues: LoadIssue[] = [];
  for (const c of mapping.columns.filter((m) => m.kind === 'rate')) {
    const r = await db.query(`SELECT count(*) FILTER (${quoteIdent(c.target)} > 1) AS high, count(${quoteIdent(c.target)}) AS n FROM ${quoteIdent(table)}`);
    const high = Number(r.getChild('high')!.get(0));
    const n = Number(r.getChild('n')!.get(0));
    if (n > 0 && high / n > 0.5) issues.push({ code: 'rate-looks-like-percent', severity: 'warning', file, column: c.header, detail: { high, count: n } });
  }
  return { issues, counts: [] };
}

/** Canonical columns a recognised table lacks: indicators that need them will say so. */
function missingColumns(mapping: TableMapping, file: string): CheckResult {
  const have = present(mapping);
  const missing = tableSpec(mapping.table!).columns.filter((c) => !have.has(c.name)).map((c) => `${c.name} ${c.zh}`);
  return missing.length ? { issues: [{ code: 'missing-column', severity: 'info', file, detail: { columns: missing.join(', ') } }], counts: [] } : { issues: [], counts: [] };
}

/** Runs the checks that fit the loaded table and returns what they found. */
export async function checkTable(db: Database, table: string, mapping: TableMapping, file: string): Promise<CheckResult> {
  if (!mapping.table) return { issues: [], counts: [] };
  const results: CheckResult[] = [
    missingColumns(mapping, file),
    await duplicateKeys(db, table, mapping, file),
    await ratesInPercentPoints(db, table, mapping, file),
  ];
  const have = present(mapping);
  if (mapping.table === 'customers') {
    if (have.has('credit_code')) {
      const header = mapping.columns.find((c) => c.target === 'credit_code')!.header;
      results.push(await invalidCreditCodes(db, table, file, header));
      results.push(await duplicateCustomers(db, table, file, 'credit_code'));
    }
    if (have.has('name')) results.push(await duplicateCustomers(db, table, file, 'name'));
  }
  return { issues: results.flatMap((r) => r.issues), counts: results.flatMap((r) => r.counts) };
}

/** A string_agg cell split back into its parts. */
function listOfNumbers(value: unknown): number[] {
  return String(value ?? '').split(',').filter(Boolean).map(Number);
}

function listOfStrings(value: unknown): string[] {
  return String(value ?? '').split('\u001f').filter(Boolean);
}
