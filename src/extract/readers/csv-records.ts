/**
 * Where each CSV record starts, as a line number. DuckDB does not tell which line a parsed row
 * came from (only rejected rows carry one), but users find rows by line: this pass over the bytes
 * records the starting line of every non-blank record, honouring quotes so that a quoted field
 * spanning lines stays one record.
 */

const LF = 0x0a;
const CR = 0x0d;

/** Line numbers (1-based) at which each non-blank record starts, in order. */
export function recordStartLines(bytes: Uint8Array, quote: string): Int32Array {
  const q = quote ? quote.charCodeAt(0) : -1;
  let out = new Int32Array(1024);
  let count = 0;
  let line = 1;
  let inQuotes = false;
  let atLineStart = true;
  let lineHasContent = false;
  let recordLine = 1;
  const push = (value: number) => {
    if (count === out.length) {
      const grown = new Int32Array(out.length * 2);
      grown.set(out);
      out = grown;
    }
    out[count++] = value;
  };
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (atLineStart && !inQuotes) {
      recordLine = line;
      atLineStart = false;
      lineHasContent = false;
    }
    if (b === q) inQuotes = !inQuotes;
    const newline = b === LF || (b === CR && bytes[i + 1] !== LF);
    if (newline) {
      if (!inQuotes) {
        if (lineHasContent) push(recordLine);
        atLineStart = true;
      }
      line++;
    } else if (b !== CR) {
      lineHasContent = true;
    }
  }
  if (!atLineStart && lineHasContent && !inQuotes) push(recordLine);
  if (inQuotes && lineHasContent) push(recordLine);
  return out.subarray(0, count);
}
