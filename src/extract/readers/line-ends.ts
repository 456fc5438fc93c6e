/**
 * One line-ending style per file. DuckDB's CSV parser (1.4 in the browser, 1.5 native) stops with
 * "The CSV Parser state machine reached an invalid state" on a file that mixes LF, CRLF and CR,
 * which happens when lines from different systems are pasted together. Such a file is rewritten
 * with LF everywhere outside quotes; each break stays one break, so line numbers do not change.
 */

const LF = 0x0a;
const CR = 0x0d;

/** The bytes unchanged when they use one style of line break; else a copy using LF throughout. */
export function uniformLineEnds(bytes: Uint8Array, quote: string): Uint8Array {
  const q = quote ? quote.charCodeAt(0) : -1;
  let styles = 0;
  let inQuotes = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === q) inQuotes = !inQuotes;
    else if (inQuotes) continue;
    else if (b === LF) styles |= 1;
    else if (b === CR) {
      if (bytes[i + 1] === LF) {
        styles |= 2;
        i++;
      } else styles |= 4;
    }
  }
  if (styles === 0 || styles === 1 || styles === 2 || styles === 4) return bytes;
  const out = new Uint8Array(bytes.length);
  let n = 0;
  inQuotes = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === q) inQuotes = !inQuotes;
    if (b === CR && !inQuotes) {
      out[n++] = LF;
      if (bytes[i + 1] === LF) i++;
      continue;
    }
    out[n++] = b;
  }
  return out.subarray(0, n);
}
