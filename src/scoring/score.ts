/**
 * The score: a weighted sum of the normalised indicators on a 0–100 scale, and its breakdown into
 * each indicator's points (which is how every customer's tier is explained). The score is
 * recomputed on every slider move, so scoreInto is a plain column-by-column loop over typed arrays.
 */
import type { NormalisedMatrix } from './normalise';

function checkWeights(matrix: NormalisedMatrix, weights: Float64Array): void {
  if (weights.length !== matrix.columns.length) throw new Error(`${weights.length} weights for ${matrix.columns.length} indicator columns`);
}

/**
 * score_i = 100·Σ_j w_j·v_ij, written into `out` (allocated when absent). In [0, 100] when the
 * weights are non-negative and sum to 1 (up to rounding in the last digit).
 */
export function scoreInto(matrix: NormalisedMatrix, weights: Float64Array, out?: Float64Array): Float64Array {
  checkWeights(matrix, weights);
  const n = matrix.rows;
  const score = out ?? new Float64Array(n);
  if (score.length !== n) throw new Error(`scoreInto: out has ${score.length} rows, the matrix ${n}`);
  score.fill(0);
  // column by column: each inner loop streams two contiguous arrays, which V8 runs at memory speed
  for (let j = 0; j < weights.length; j++) {
    const w = 100 * weights[j]!;
    if (w === 0) continue;
    const v = matrix.values[j]!;
    for (let i = 0; i < n; i++) score[i] = score[i]! + w * v[i]!;
  }
  return score;
}

/** Points contributed by each indicator to one row's score, 100·w_j·v_ij (they sum to the score). */
export function contributions(matrix: NormalisedMatrix, weights: Float64Array, row: number): Float64Array {
  checkWeights(matrix, weights);
  if (!(row >= 0 && row < matrix.rows)) throw new Error(`contributions: row ${row} outside 0..${matrix.rows - 1}`);
  return weights.map((w, j) => 100 * w * matrix.values[j]![row]!);
}

/**
 * Mean points per indicator over a set of rows (all rows when `rows` is absent) — the "weight
 * contributions" chart per tier. NaN for every indicator when the set is empty (a mean of nothing).
 */
export function meanContributions(matrix: NormalisedMatrix, weights: Float64Array, rows?: Uint32Array): Float64Array {
  checkWeights(matrix, weights);
  const count = rows ? rows.length : matrix.rows;
  return weights.map((w, j) => {
    if (count === 0) return NaN;
    const v = matrix.values[j]!;
    let sum = 0;
    if (rows) for (let k = 0; k < rows.length; k++) sum += v[rows[k]!]!;
    else for (let i = 0; i < v.length; i++) sum += v[i]!;
    return (100 * w * sum) / count;
  });
}
