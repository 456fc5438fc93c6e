import type { CellError } from '../contracts';
import { tokenizeSql, type SqlToken } from './sql-tokens';

/** What a SQL cell's text refers to and how it runs. */
export interface SqlCellAnalysis {
  /** names in table position (after FROM, JOIN, or in a FROM list), CTE names excluded */
  readonly tables: readonly string[];
  /** `$name` parameters, in order of first use */
  readonly params: readonly string[];
  /** the query with each `$name` replaced by `getvariable('name')`, trailing `;` removed */
  readonly query: string;
}

const CLAUSE_END = new Set([
  'WHERE', 'GROUP', 'HAVING', 'QUALIFY', 'WINDOW', 'ORDER', 'LIMIT', 'OFFSET', 'UNION', 'EXCEPT', 'INTERSECT',
  'ON', 'USING', 'SELECT', 'RETURNING', 'SAMPLE', 'USING', 'PIVOT', 'UNPIVOT',
]);
const JOIN_WORDS = new Set(['JOIN', 'INNER', 'LEFT', 'RIGHT', 'FULL', 'OUTER', 'CROSS', 'NATURAL', 'SEMI', 'ANTI', 'ASOF', 'POSITIONAL', 'LATERAL']);

const upper = (t: SqlToken | undefined) => (t && t.kind === 'word' ? t.text.toUpperCase() : '');
const isName = (t: SqlToken | undefined) => t !== undefined && (t.kind === 'word' || t.kind === 'quoted');

/** Names defined by WITH … AS ( … ): they shadow tables of the same name in the query. */
function cteNames(tokens: readonly SqlToken[]): Set<string> {
  const names = new Set<string>();
  tokens.forEach((t, i) => {
    if (!isName(t) || upper(tokens[i + 1]) !== 'AS') return;
    const next = tokens[i + 2];
    const materialized = upper(next) === 'MATERIALIZED' || upper(next) === 'NOT';
    const paren = materialized ? tokens.slice(i + 3, i + 5).find((x) => x.text === '(') : next;
    const before = upper(tokens[i - 1]);
    if (paren?.text === '(' && (before === 'WITH' || before === 'RECURSIVE' || tokens[i - 1]?.text === ',')) names.add(t.text);
  });
  return names;
}

const QUERY_START = new Set(['SELECT', 'WITH', 'FROM', 'VALUES', 'PIVOT', 'UNPIVOT', 'TABLE']);

/**
 * Whether a '(' at `i` opens a function call: then a FROM inside it is part of the call's
 * syntax (EXTRACT(year FROM d), TRIM(BOTH ' ' FROM s)), not a table clause. A subquery is
 * recognised by its first word, whatever precedes it (EXISTS (SELECT …), IN (FROM …)).
 */
function opensCall(tokens: readonly SqlToken[], i: number): boolean {
  if (QUERY_START.has(upper(tokens[i + 1]))) return false;
  const before = tokens[i - 1];
  return before !== undefined && (before.kind === 'word' || before.kind === 'quoted') && !CLAUSE_END.has(upper(before)) && upper(before) !== 'FROM' && upper(before) !== 'JOIN';
}

/** Tables named after FROM and JOIN, and after commas of a FROM list at the same depth. */
function tableReferences(tokens: readonly SqlToken[]): string[] {
  const found: string[] = [];
  const calls: boolean[] = [];
  let depth = 0;
  let fromDepth = -1;
  let expectTable = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.text === '(') {
      calls.push(opensCall(tokens, i));
      depth++;
    }
    if (t.text === ')') {
      if (depth === fromDepth) fromDepth = -1;
      calls.pop();
      depth--;
    }
    const word = upper(t);
    if ((word === 'FROM' || word === 'JOIN') && calls[calls.length - 1] === true) continue;
    if (word === 'FROM' || word === 'JOIN') {
      expectTable = true;
      if (word === 'FROM') fromDepth = depth;
      continue;
    }
    if (expectTable) {
      expectTable = false;
      // a table function (read_csv(…)) or a qualified name (schema.table) is not a cell
      if (isName(t) && tokens[i + 1]?.text !== '(' && tokens[i + 1]?.text !== '.' && tokens[i - 1]?.text !== '.') found.push(t.text);
      continue;
    }
    if (fromDepth === depth && (CLAUSE_END.has(word) || JOIN_WORDS.has(word))) {
      if (CLAUSE_END.has(word)) fromDepth = -1;
      continue;
    }
    if (fromDepth === depth && t.text === ',') expectTable = true;
  }
  return found;
}

/** Splits off a single trailing semicolon; more than one statement is an error. */
function singleStatement(sql: string, tokens: readonly SqlToken[]): { query: string } | { error: CellError } {
  const semicolons = tokens.filter((t) => t.text === ';');
  const last = tokens[tokens.length - 1];
  if (semicolons.length === 0) return { query: sql };
  if (semicolons.length === 1 && last?.text === ';') return { query: sql.slice(0, last.start) };
  const extra = semicolons.find((t) => t !== last)!;
  const before = sql.slice(0, extra.start);
  const line = before.split('\n').length;
  return { error: { message: 'A SQL cell holds one query; split the statements into cells', line, column: extra.start - before.lastIndexOf('\n') } };
}

/** Analyses a SQL cell: its table references, its `$` parameters, and the query to run. */
export function analyseSqlCell(sql: string): SqlCellAnalysis | { error: CellError } {
  const tokens = tokenizeSql(sql);
  if (!tokens.some((t) => t.kind !== 'punct' || t.text !== ';')) return { error: { message: 'The cell has no query' } };
  const single = singleStatement(sql, tokens);
  if ('error' in single) return single;
  const ctes = cteNames(tokens);
  const tables = [...new Set(tableReferences(tokens).filter((name) => !ctes.has(name)))];
  const params: string[] = [];
  let query = '';
  let at = 0;
  for (const t of tokens) {
    if (t.kind !== 'param' || t.start >= single.query.length) continue;
    if (t.text === '' || /^[0-9]/.test(t.text)) {
      return { error: { message: 'Name the input after $ (for example $as_of); numbered parameters are not used in cells', ...position(sql, t.start) } };
    }
    if (!params.includes(t.text)) params.push(t.text);
    query += `${single.query.slice(at, t.start)}getvariable('${t.text.replaceAll("'", "''")}')`;
    at = t.end;
  }
  query += single.query.slice(at);
  return { tables, params, query };
}

function position(sql: string, offset: number): { line: number; column: number } {
  const before = sql.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}
