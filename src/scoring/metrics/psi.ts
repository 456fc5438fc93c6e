/**
 * Population stability index (DOMAIN.md): PSI = Σ (A_i − E_i)·ln(A_i / E_i) over bins cut once on
 * the baseline and reused on the current data, so a drift shows as shares moving between fixed
 * bins rather than as bins moving with the data.
 *
 * Conventions (conventions.ts states them for the UI):
 * - edges are the baseline's type-7 quantiles at 1/bins, 2/bins, … (deciles by default), repeated
 *   edges (heavy ties) merged, so bins are never empty by construction;
 * - bin i is (edge_{i−1}, edge_i]: a value goes to the first bin whose upper edge is ≥ it (upper
 *   edge inclusive), the first bin reaching down to −∞ and the last up to +∞;
 * - NaN values are a bin of their own when either side has any; shares are over all rows;
 * - a share of exactly 0 is replaced by ε (PSI_EPSILON = 1e-4, a share) in the formula only; the
 *   bins report the true shares and counts.
 */
import { PSI_BINS, PSI_EPSILON, psiBand, type PsiBand } from './conventions';
import { lowerBound, quantile7, sortedPresent } from '../sorted';

export interface PsiBin {
  /** Lower edge, exclusive (−∞ for the first bin, NaN for the missing bin). */
  readonly low: number;
  /** Upper edge, inclusive (+∞ for the last bin, NaN for the missing bin). */
  readonly high: number;
  readonly missing: boolean;
  /** Baseline share (before ε). */
  readonly expected: number;
  /** Current share (before ε). */
  readonly actual: number;
  /** (A − E)·ln(A / E) with ε for a zero share. */
  readonly term: number;
  /** Baseline rows in the bin (NaN for psiFromQuantiles, which has no baseline rows). */
  readonly expectedCount: number;
  readonly actualCount: number;
}

export interface PsiResult {
  readonly psi: number;
  readonly band: PsiBand;
  readonly epsilon: number;
  readonly bins: readonly PsiBin[];
  readonly edges: readonly number[];
}

/** Edges cut once on the baseline: type-7 quantiles at k/bins (k = 1..bins−1), repeats merged. */
export function psiEdges(baseline: Float64Array, bins: number = PSI_BINS): number[] {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`psi bins must be a whole number ≥ 1, not ${bins}`);
  const sorted = sortedPresent(baseline);
  if (sorted.length === 0) return [];
  return distinct(Array.from({ length: bins - 1 }, (_, k) => quantile7(sorted, (k + 1) / bins)));
}

/**
 * PSI of `current` against `baseline`. Pass `edges` (from psiEdges on the baseline) to reuse the
 * same bins across several comparisons; otherwise they are cut on this baseline.
 * Throws when either side has no rows.
 */
export function psi(
  baseline: Float64Array,
  current: Float64Array,
  options: { bins?: number; epsilon?: number; edges?: readonly number[] } = {},
): PsiResult {
  if (baseline.length === 0 || current.length === 0) throw new RangeError('psi needs rows on both sides');
  const edges = options.edges ? checkEdges(options.edges) : psiEdges(baseline, options.bins);
  const expected = binCounts(baseline, edges);
  const actual = binCounts(current, edges);
  const withMissing = expected.missing > 0 || actual.missing > 0;
  const e = withMissing ? [...expected.counts, expected.missing] : expected.counts;
  const a = withMissing ? [...actual.counts, actual.missing] : actual.counts;
  return assemble(
    edges,
    e.map((c) => c / baseline.length),
    e,
    a.map((c) => c / current.length),
    a,
    withMissing,
    options.epsilon ?? PSI_EPSILON,
  );
}

/**
 * PSI of `current` against a baseline known only by its 101 stored quantiles (a FittedIndicator's,
 * 0%..100%): the edges are the stored deciles (quantiles[10], [20], …, [90], repeats merged) and the
 * baseline share of each bin is 10% per decile it spans, by construction — not counted, since the
 * baseline rows are gone. The quantiles describe present values only, so NaN values of `current`
 * are left out and its shares are over its present values.
 */
export function psiFromQuantiles(quantiles: readonly number[], current: Float64Array, options: { epsilon?: number } = {}): PsiResult {
  if (quantiles.length !== 101) throw new RangeError(`psiFromQuantiles needs 101 quantiles, not ${quantiles.length}`);
  const deciles = Array.from({ length: 9 }, (_, k) => quantiles[10 * (k + 1)]!);
  const edges = checkEdges(distinct(deciles));
  // each stored decile edge closes one 10% slice; merged edges put their slices in the same bin
  const expected = new Array<number>(edges.length + 1).fill(0);
  for (let k = 0; k < 10; k++) expected[k < 9 ? lowerBound(edges, deciles[k]!) : edges.length]! += 0.1;
  const actual = binCounts(current, edges);
  const present = current.length - actual.missing;
  if (present === 0) throw new RangeError('psiFromQuantiles needs present values in current');
  return assemble(
    edges,
    expected,
    expected.map(() => NaN),
    actual.counts.map((c) => c / present),
    actual.counts,
    false,
    options.epsilon ?? PSI_EPSILON,
  );
}

function assemble(
  edges: readonly number[],
  expected: readonly number[],
  expectedCount: readonly number[],
  actual: readonly number[],
  actualCount: readonly number[],
  withMissing: boolean,
  epsilon: number,
): PsiResult {
  const bins: PsiBin[] = [];
  let total = 0;
  for (let i = 0; i < expected.length; i++) {
    const missing = withMissing && i === expected.length - 1;
    const E = expected[i]! === 0 ? epsilon : expected[i]!;
    const A = actual[i]! === 0 ? epsilon : actual[i]!;
    const term = (A - E) * Math.log(A / E);
    total += term;
    bins.push({
      low: missing ? NaN : i === 0 ? -Infinity : edges[i - 1]!,
      high: missing ? NaN : i === edges.length ? Infinity : edges[i]!,
      missing,
      expected: expected[i]!,
      actual: actual[i]!,
      term,
      expectedCount: expectedCount[i]!,
      actualCount: actualCount[i]!,
    });
  }
  return { psi: total, band: psiBand(total), epsilon, bins, edges: [...edges] };
}

/** Rows per bin (edges.length + 1 bins, upper edge inclusive) and the NaN count. */
function binCounts(values: Float64Array, edges: readonly number[]): { counts: number[]; missing: number } {
  const counts = new Array<number>(edges.length + 1).fill(0);
  let missing = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v !== v) missing++;
    else counts[lowerBound(edges, v)]!++;
  }
  return { counts, missing };
}

function distinct(ascending: readonly number[]): number[] {
  return ascending.filter((x, i) => i === 0 || x !== ascending[i - 1]);
}

function checkEdges(edges: readonly number[]): readonly number[] {
  for (let i = 0; i < edges.length; i++) {
    if (edges[i] !== edges[i] || (i > 0 && !(edges[i]! > edges[i - 1]!))) {
      throw new RangeError('psi edges must be finite numbers in strictly ascending order');
    }
  }
  return edges;
}
