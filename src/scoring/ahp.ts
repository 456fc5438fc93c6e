/**
 * AHP (analytic hierarchy process) weights, an advisory alternative to expert weights: the
 * analyst judges pairs of indicators on Saaty's 1–9 scale, the weights are the principal
 * eigenvector of that pairwise matrix, and the consistency ratio says whether the judgements
 * hang together (CR < 0.1 is Saaty's rule).
 */

/** The random index table used, named in every result so a reviewer knows which one it was. */
export const RI_TABLE_NAME = 'Saaty (1980), n = 1..10';

/**
 * Saaty's (1980) random consistency index RI for n = 1..10: the mean CI of random reciprocal
 * matrices. Published tables differ in the 2nd decimal beyond n = 10, so larger matrices are
 * refused rather than judged against a table nobody chose.
 */
export const SAATY_RI: readonly number[] = [0, 0, 0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49];

export interface AhpResult {
  /** the principal eigenvector, summing to 1 */
  readonly weights: Float64Array;
  readonly lambdaMax: number;
  /** CI = (λmax − n)/(n − 1), 0 for n = 1 */
  readonly ci: number;
  /** CR = CI/RI; 0 for n ≤ 2 (RI = 0: such matrices are always consistent) */
  readonly cr: number;
  readonly ri: number;
  readonly riTable: string;
  /** CR < 0.1 */
  readonly consistent: boolean;
}

const RECIPROCAL_TOLERANCE = 1e-9;
const CONVERGENCE = 1e-12;
const MAX_ITERATIONS = 100_000;

function validate(a: readonly (readonly number[])[]): void {
  const n = a.length;
  if (n === 0) throw new Error('AHP: the pairwise matrix is empty');
  if (n > SAATY_RI.length) throw new Error(`AHP: ${n} criteria, but the random index table (${RI_TABLE_NAME}) stops at ${SAATY_RI.length}; compare at most ${SAATY_RI.length} at a time (e.g. the dimensions first, then the indicators within each)`);
  a.forEach((row, i) => {
    if (row.length !== n) throw new Error(`AHP: the pairwise matrix is not square (row ${i + 1} has ${row.length} entries, expected ${n})`);
    row.forEach((v, j) => {
      if (!(Number.isFinite(v) && v > 0)) throw new Error(`AHP: entry (${i + 1}, ${j + 1}) is ${v}; judgements must be positive numbers`);
    });
  });
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const product = a[i]![j]! * a[j]![i]!;
      if (Math.abs(product - 1) > RECIPROCAL_TOLERANCE) {
        throw new Error(i === j ? `AHP: the diagonal entry (${i + 1}, ${i + 1}) must be 1` : `AHP: entries (${i + 1}, ${j + 1}) = ${a[i]![j]} and (${j + 1}, ${i + 1}) = ${a[j]![i]} are not reciprocal`);
      }
    }
  }
}

/**
 * Weights by power iteration from equal weights: w ← A·w / Σ(A·w) until no weight moves by more
 * than 1e-12. A positive matrix has a simple dominant (Perron) eigenvalue, so this converges;
 * λmax = Σ_i (A·w)_i for w summing to 1 (since A·w = λ·w).
 */
export function ahpWeights(pairwise: readonly (readonly number[])[]): AhpResult {
  validate(pairwise);
  const n = pairwise.length;
  let w = new Float64Array(n).fill(1 / n);
  let next = new Float64Array(n);
  let lambdaMax = n;
  for (let iteration = 0; ; iteration++) {
    if (iteration === MAX_ITERATIONS) throw new Error('AHP: the principal eigenvector did not converge');
    let sum = 0;
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += pairwise[i]![j]! * w[j]!;
      next[i] = s;
      sum += s;
    }
    let change = 0;
    for (let i = 0; i < n; i++) {
      next[i] = next[i]! / sum;
      change = Math.max(change, Math.abs(next[i]! - w[i]!));
    }
    lambdaMax = sum;
    [w, next] = [next, w];
    if (change < CONVERGENCE) break;
  }
  const ci = n > 1 ? (lambdaMax - n) / (n - 1) : 0;
  const ri = SAATY_RI[n - 1]!;
  const cr = ri > 0 ? ci / ri : 0;
  return { weights: w, lambdaMax, ci, cr, ri, riTable: RI_TABLE_NAME, consistent: cr < 0.1 };
}

/**
 * Builds the reciprocal matrix from the judgements above the diagonal: key `${i},${j}` (i < j,
 * 0-based) → a_ij, and a_ji = 1/a_ij; the diagonal is 1 and a pair not judged counts as 1 (equal).
 */
export function ahpMatrix(n: number, upper: ReadonlyMap<string, number>): number[][] {
  const a = Array.from({ length: n }, () => new Array<number>(n).fill(1));
  for (const [key, value] of upper) {
    const m = /^(\d+),(\d+)$/.exec(key);
    const i = m ? Number(m[1]) : NaN;
    const j = m ? Number(m[2]) : NaN;
    if (!(i < j && j < n)) throw new Error(`AHP: the judgement key "${key}" is not "i,j" with 0 ≤ i < j < ${n}`);
    if (!(Number.isFinite(value) && value > 0)) throw new Error(`AHP: the judgement ${key} is ${value}; it must be a positive number`);
    a[i]![j] = value;
    a[j]![i] = 1 / value;
  }
  return a;
}
