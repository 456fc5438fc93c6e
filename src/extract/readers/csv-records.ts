/**
 * Where each CSV record starts, as a line number. DuckDB does not tell which line a parsed row
 * came from (only rejected rows carry one), but users find rows by line: this pass over the bytes
 * records the starting line of every non-blank record, splitting records as DuckDB's reader does:
 * - a quote opens a quoted field only at the start of a field (spaces before it are allowed), so
 *   a quote inside an unquoted value (`80000000"3`) is a literal character;
 * - inside a quoted field a doubled quote is one quote, and line breaks belong to the field;
 * - after the closing quote the field runs on to the next delimiter or line break (DuckDB rejects
 *   that record, but the next line starts a new one);
 * - a quoted field never closed runs to the end of the file (one record, rejected).
 */

const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;

const enum State {
  /** at the start of a field: spaces may precede an opening quote */
  FieldStart,
  /** inside an unquoted value, or after a quoted one closed */
  Unquoted,
  /** inside a quoted value */
  Quoted,
  /** a quote inside a quoted value: doubled (escaped) or closing */
  QuoteInQuoted,
}

/** Line numbers (1-based) at which each non-blank record starts, in order. */
export function recordStartLines(bytes: Uint8Array, quote: string, delimiter: string): Int32Array {
  const q = quote ? quote.charCodeAt(0) : -1;
  // a delimiter of several bytes splits nothing here: only its first byte starts a field
  const d = delimiter.charCodeAt(0);
  let out = new Int32Array(1024);
  let count = 0;
  const push = (value: number) => {
    if (count === out.length) {
      const grown = new Int32Array(out.length * 2);
      grown.set(out);
      out = grown;
    }
    out[count++] = value;
  };
  let line = 1;
  let recordLine = 1;
  let state = State.FieldStart;
  let recordHasContent = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    const newline = b === LF || (b === CR && bytes[i + 1] !== LF);
    if (state === State.QuoteInQuoted) {
      if (b === q) {
        state = State.Quoted;
        continue;
      }
      state = State.Unquoted; // the quote closed the field; this byte is handled below
    }
    if (state === State.Quoted) {
      if (b === q) state = State.QuoteInQuoted;
      else if (newline) line++;
      continue;
    }
    if (newline) {
      if (recordHasContent) push(recordLine);
      recordHasContent = false;
      state = State.FieldStart;
      line++;
      recordLine = line;
      continue;
    }
    if (b === CR) continue; // the CR of a CRLF
    if (!recordHasContent) recordLine = line;
    recordHasContent = true;
    if (b === d) state = State.FieldStart;
    else if (state === State.FieldStart && b === q) state = State.Quoted;
    else if (state === State.FieldStart && (b === SPACE || b === TAB)) continue;
    else state = State.Unquoted;
  }
  if (recordHasContent) push(recordLine);
  return out.subarray(0, count);
}
