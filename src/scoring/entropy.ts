/**
 * The entropy weight method (熵权法), an advisory alternative to expert weights: a column whose
 * values are spread unevenly across customers carries more information and gets more weight.
 *
 * On the normalised (non-negative) matrix: p_ij = x_ij / Σ_i x_ij,
 * e_j = −(1/ln n)·Σ_i p_ij·ln p_ij (with 0·ln 0 = 0), w_j = (1 − e_j) / Σ_k (1 − e_k).
 * A constant column (including all-zero) is undefined: all-zero has no p at all, and a constant
 * one has e = 1 exactly, i.e. no information. Both get weight 0 and are listed by name.
 */
import type { NormalisedMatrix } from './normalise';

export interface EntropyResult {
  /** per column, summing to 1 (all 0 when every column is undefined) */
  readonly weights: Float64Array;
  /** e_j per column, NaN for undefined columns */
  readonly entropy: Float64Array;
  /** the constant (or all-zero) columns, which get weight 0 */
  readonly undefinedColumns: readonly string[];
}

export function entropyWeights(matrix: NormalisedMatrix): EntropyResult {
  const m = matrix.columns.length;
  const n = matrix.rows;
  const entropy = new Float64Array(m).fill(NaN);
  const weights = new Float64Array(m);
  const undefinedColumns: string[] = [];
  let total = 0;
  for (let j = 0; j < m; j++) {
    const x = matrix.values[j]!;
    // Σ p ln p = Σ (x/S) ln(x/S) = (Σ x ln x)/S − ln S, so one pass gives both sums
    let s = 0;
    let sxlnx = 0;
    let constant = true;
    for (let i = 0; i < n; i++) {
      const v = x[i]!;
      if (v !== x[0]) constant = false;
      if (v > 0) {
        s += v;
        sxlnx += v * Math.log(v);
      }
    }
    if (n < 2 || constant || !(s > 0)) {
      undefinedColumns.push(matrix.columns[j]!);
      continue;
    }
    const e = -(sxlnx / s - Math.log(s)) / Math.log(n);
    entropy[j] = e;
    // rounding can put e a hair above 1 on a nearly constant column
    weights[j] = Math.max(0, 1 - e);
    total += weights[j]!;
  }
  if (total > 0) for (let j = 0; j < m; j++) weights[j] = weights[j]! / total;
  return { weights, entropy, undefinedColumns };
}
