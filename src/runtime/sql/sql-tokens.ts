/**
 * A lexer for DuckDB SQL, just enough to find what a SQL cell refers to: identifiers, quoted
 * identifiers, `$name` parameters and punctuation, with strings and comments skipped. Not a
 * parser: DuckDB parses; this only has to be right about what is a name and what is text.
 */

export type SqlTokenKind = 'word' | 'quoted' | 'param' | 'string' | 'number' | 'punct';

export interface SqlToken {
  readonly kind: SqlTokenKind;
  /** the token's text; for quoted identifiers the name without quotes, for params the name without `$` */
  readonly text: string;
  /** offset of the token's first character in the source */
  readonly start: number;
  /** offset just after the token */
  readonly end: number;
}

const WORD_START = /[A-Za-z_\u0080-\uFFFF]/;
const WORD_PART = /[A-Za-z0-9_$\u0080-\uFFFF]/;

/** Splits SQL into tokens, skipping whitespace, comments, and the inside of strings. */
export function tokenizeSql(sql: string): SqlToken[] {
  const tokens: SqlToken[] = [];
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const ch = sql[i]!;
    const start = i;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '-' && sql[i + 1] === '-') {
      while (i < n && sql[i] !== '\n') i++;
    } else if (ch === '/' && sql[i + 1] === '*') {
      const close = sql.indexOf('*/', i + 2);
      i = close < 0 ? n : close + 2;
    } else if (ch === "'" || ((ch === 'E' || ch === 'e') && sql[i + 1] === "'")) {
      i = skipQuoted(sql, ch === "'" ? i : i + 1, "'");
      tokens.push({ kind: 'string', text: sql.slice(start, i), start, end: i });
    } else if (ch === '"') {
      i = skipQuoted(sql, i, '"');
      tokens.push({ kind: 'quoted', text: sql.slice(start + 1, i - 1).replaceAll('""', '"'), start, end: i });
    } else if (ch === '$') {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i));
      if (tag) {
        // dollar-quoted string: $$ … $$ or $tag$ … $tag$
        const close = sql.indexOf(tag[0], i + tag[0].length);
        i = close < 0 ? n : close + tag[0].length;
        tokens.push({ kind: 'string', text: sql.slice(start, i), start, end: i });
      } else {
        i++;
        while (i < n && /[A-Za-z0-9_\u0080-\uFFFF]/.test(sql[i]!)) i++;
        tokens.push({ kind: 'param', text: sql.slice(start + 1, i), start, end: i });
      }
    } else if (WORD_START.test(ch)) {
      while (i < n && WORD_PART.test(sql[i]!)) i++;
      tokens.push({ kind: 'word', text: sql.slice(start, i), start, end: i });
    } else if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(sql[i + 1] ?? ''))) {
      while (i < n && /[0-9._eE]/.test(sql[i]!)) i++;
      tokens.push({ kind: 'number', text: sql.slice(start, i), start, end: i });
    } else {
      i++;
      tokens.push({ kind: 'punct', text: ch, start, end: i });
    }
  }
  return tokens;
}

/** The offset after a quoted run starting at `open` (doubled quotes are escapes). */
function skipQuoted(sql: string, open: number, quote: string): number {
  let i = open + 1;
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else {
      i++;
    }
  }
  return sql.length;
}
