/**
 * Expert weights: the sliders hold percentages by indicator column (summing to 100 as far as the
 * analyst kept them so); scoring needs fractions aligned with the matrix's columns.
 */

/**
 * Percent weights by column → a Float64Array aligned with `columns`, summing to 1. Unknown,
 * missing, negative or non-finite entries count as 0 (a weight cannot be negative); keys that are
 * not columns are ignored. When nothing is left (all zero) every column gets an equal share,
 * so a score still exists rather than being 0 for everyone.
 */
export function weightVector(columns: readonly string[], percent: Readonly<Record<string, number>>): Float64Array {
  const w = new Float64Array(columns.length);
  let total = 0;
  columns.forEach((column, j) => {
    const p = Object.hasOwn(percent, column) ? percent[column]! : 0;
    w[j] = Number.isFinite(p) && p > 0 ? p : 0;
    total += w[j]!;
  });
  if (total > 0) for (let j = 0; j < w.length; j++) w[j] = w[j]! / total;
  else w.fill(columns.length > 0 ? 1 / columns.length : 0);
  return w;
}
