import { duckdbErrorText } from '../../engine/error-text';
import type { CellError } from '../contracts';

/**
 * Points a DuckDB error into the cell's own text. DuckDB reports `LINE n:` and a caret under
 * the query it ran; that query is the cell's text after a first line of our own
 * (`CREATE … AS`) and with `$name` replaced by `getvariable('name')`, so both are undone here.
 */
export function sqlCellError(error: unknown, source: string, query: string, prefixLines: number): CellError {
  const full = duckdbErrorText(error);
  const message = full.replace(/\n\nLINE \d+:[\s\S]*$/, '').trim();
  const m = /LINE (\d+): (.*)\n( *)\^/.exec(full);
  if (!m) return { message };
  const line = Number(m[1]) - prefixLines;
  if (line < 1) return { message };
  // the caret's column in the printed line, which DuckDB may have shortened at the front
  const printed = m[2]!;
  const caret = m[3]!.length - `LINE ${m[1]}: `.length;
  const queryLine = query.split('\n')[line - 1] ?? '';
  const offsetInLine = queryLine.indexOf(printed.replace(/^\.\.\./, '')) + caret - (printed.startsWith('...') ? 3 : 0);
  const column = toSourceColumn(source.split('\n')[line - 1] ?? '', queryLine, Math.max(0, offsetInLine));
  return { message, line, column: column + 1 };
}

/** Maps a column of the rewritten line back to the source line (each getvariable('x') was $x). */
function toSourceColumn(sourceLine: string, queryLine: string, queryColumn: number): number {
  let q = 0;
  let s = 0;
  const pattern = /getvariable\('((?:[^']|'')*)'\)/y;
  while (q < queryColumn && q < queryLine.length) {
    pattern.lastIndex = q;
    const m = pattern.exec(queryLine);
    if (m && sourceLine[s] === '$') {
      q += m[0].length;
      s += 1 + m[1]!.replaceAll("''", "'").length;
    } else {
      q++;
      s++;
    }
  }
  return s;
}
