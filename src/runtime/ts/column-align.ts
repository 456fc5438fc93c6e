/**
 * Finds where a column of sucrase's output came from in the TypeScript line it was made from.
 *
 * Sucrase keeps every line but drops type syntax, so columns move. Its own source map goes wrong
 * after a template literal (every later column maps to the same place), and cells are full of
 * `sql` templates; so instead each output line is aligned with its source line by a longest common
 * subsequence of characters: the output is the source with pieces removed, so every output
 * character has a partner. Only used to place errors: lines are short and this runs rarely.
 */

/** Lines longer than this are not aligned (the column is returned unchanged). */
const MAX_CELLS = 4_000_000;

/** The 0-based column in `source` that output column `column` (0-based) of `output` came from. */
export function alignColumn(source: string, output: string, column: number): number {
  if (source === output) return column;
  const n = source.length;
  const m = output.length;
  if (column >= m) return Math.max(0, n - (m - column));
  if ((n + 1) * (m + 1) > MAX_CELLS) return column;
  // lengths[i][j]: LCS length of source[i..] and output[j..], stored row-major.
  const width = m + 1;
  const lengths = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * width + j] = source[i] === output[j]
        ? lengths[(i + 1) * width + j + 1]! + 1
        : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!);
    }
  }
  // Walk the alignment; an output character that is kept pairs with a source character.
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (source[i] === output[j] && lengths[i * width + j] === lengths[(i + 1) * width + j + 1]! + 1) {
      if (j === column) return i;
      i++;
      j++;
    } else if (lengths[(i + 1) * width + j]! >= lengths[i * width + j + 1]!) {
      i++; // a removed source character (type syntax)
    } else {
      if (j === column) return i;
      j++; // an output character that is not in the source (sucrase added it)
    }
  }
  return Math.min(i, n);
}
