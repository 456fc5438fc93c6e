/**
 * AHP over the model's dimensions (资金需求, 还款表现, …) rather than its indicators: a bank
 * analyst can judge "repayment matters more than size", and the dimensions stay within the
 * random-index table's n ≤ 10 where 13 indicators would not. This file holds the pure steps
 * around `ahpWeights`: grouping indicators into dimensions, starting judgements from the expert
 * weights, and handing each dimension's AHP weight down to its indicators.
 */
import type { IndicatorSpec } from './types';

/**
 * Saaty's scale as the judgement selects offer it, from "A extremely more important" (9) through
 * "equal" (1) to "B extremely more important" (1/9). The intermediate values 2, 4, 6, 8 are left
 * out: the odd steps are the ones with verbal meanings an analyst can defend.
 */
export const SAATY_SCALE: readonly number[] = [9, 7, 5, 3, 1, 1 / 3, 1 / 5, 1 / 7, 1 / 9];

/** The model's dimensions, in order of first appearance, with the indicators each holds. */
export interface Dimensions {
  /** display names: the `dimension` label, or the indicator's label when it has none */
  readonly names: readonly string[];
  /** per dimension, the positions (in the list given to `dimensionsOf`) of its indicators */
  readonly members: readonly (readonly number[])[];
}

/**
 * Groups indicators by their `dimension` label, in order of first appearance. An indicator with
 * no dimension (`''`) is a criterion on its own, named by its label: a model without dimensions
 * then gets AHP over its indicators, and one unlabelled indicator is not silently merged with
 * another.
 */
export function dimensionsOf(indicators: readonly Pick<IndicatorSpec, 'column' | 'label' | 'dimension'>[]): Dimensions {
  const names: string[] = [];
  const members: number[][] = [];
  const index = new Map<string, number>();
  indicators.forEach((ind, k) => {
    // '\u0000' cannot occur in a YAML label, so an unlabelled indicator never joins a named dimension
    const key = ind.dimension !== '' ? ind.dimension : `\u0000${ind.column}`;
    let d = index.get(key);
    if (d === undefined) {
      d = names.length;
      index.set(key, d);
      names.push(ind.dimension !== '' ? ind.dimension : ind.label);
      members.push([]);
    }
    members[d]!.push(k);
  });
  return { names, members };
}

/** Each dimension's share of the given indicator weights (the sum over its members). */
export function dimensionTotals(dimensions: Dimensions, weights: ArrayLike<number>): Float64Array {
  return Float64Array.from(dimensions.members, (m) => m.reduce((s, k) => s + weights[k]!, 0));
}

/**
 * The Saaty value nearest to a ratio, nearest on a log scale: AHP judgements are ratios, so 2 is
 * as far from 1 as 1/2 is, and a_ji = 1/a_ij rounds to the reciprocal of a_ij's value (ties between
 * two values, at their geometric mean, go to the value further from equal). Ratios beyond 9 or
 * below 1/9 clip to the scale's ends; 0 and ∞ (a zero weight) give 1/9 and 9.
 */
export function nearestSaaty(ratio: number): number {
  if (!(ratio >= 0)) throw new Error(`AHP: the ratio ${ratio} is not a non-negative number`);
  const r = ratio >= 1 ? ratio : 1 / ratio;
  const steps = [1, 3, 5, 7, 9];
  let best = 1;
  for (const s of steps) if (Math.log(r) >= (Math.log(best) + Math.log(s)) / 2) best = s;
  return ratio >= 1 ? best : 1 / best;
}

/**
 * Starting judgements from the expert weights of the dimensions: a_ij = w_i / w_j rounded to the
 * nearest Saaty value, so AHP starts close to the expert view and the analyst adjusts from there.
 * Two zero weights are judged equal. Keys are `${i},${j}` with i < j, as `ahpMatrix` reads them.
 */
export function judgementsFromWeights(dimensionWeights: ArrayLike<number>): Map<string, number> {
  const judgements = new Map<string, number>();
  for (let i = 0; i < dimensionWeights.length; i++) {
    for (let j = i + 1; j < dimensionWeights.length; j++) {
      const wi = Math.max(0, dimensionWeights[i]!);
      const wj = Math.max(0, dimensionWeights[j]!);
      judgements.set(`${i},${j}`, wi === 0 && wj === 0 ? 1 : nearestSaaty(wi / wj));
    }
  }
  return judgements;
}

/**
 * Each indicator's AHP weight: its dimension's AHP weight split among the dimension's indicators
 * in proportion to their current expert weights (AHP decides between dimensions; the expert
 * weights keep deciding within one), or equally when those are all 0, so a dimension's weight is
 * never lost. Aligned with the list given to `dimensionsOf`; sums to the dimension weights' sum.
 */
export function distributeToIndicators(dimensions: Dimensions, dimensionWeights: ArrayLike<number>, expert: ArrayLike<number>): Float64Array {
  const out = new Float64Array(dimensions.members.reduce((n, m) => n + m.length, 0));
  dimensions.members.forEach((m, d) => {
    const within = m.reduce((s, k) => s + Math.max(0, expert[k]!), 0);
    for (const k of m) out[k] = within > 0 ? (dimensionWeights[d]! * Math.max(0, expert[k]!)) / within : dimensionWeights[d]! / m.length;
  });
  return out;
}

/**
 * The judgement most at odds with the AHP weights: the pair i < j maximising |ln a_ij − ln(w_i/w_j)|,
 * i.e. the entry furthest from the ratio the other judgements imply. When CR ≥ 0.1 this is the
 * first judgement to reconsider (the usual repair in AHP practice). Null when n < 2.
 */
export function mostInconsistentPair(pairwise: readonly (readonly number[])[], weights: ArrayLike<number>): { i: number; j: number; implied: number } | null {
  let best: { i: number; j: number; implied: number } | null = null;
  let worst = -1;
  for (let i = 0; i < pairwise.length; i++) {
    for (let j = i + 1; j < pairwise.length; j++) {
      const implied = weights[i]! / weights[j]!;
      const gap = Math.abs(Math.log(pairwise[i]![j]!) - Math.log(implied));
      if (gap > worst) {
        worst = gap;
        best = { i, j, implied };
      }
    }
  }
  return best;
}
