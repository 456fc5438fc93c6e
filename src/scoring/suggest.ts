/**
 * Weight suggestion from outcomes (issue 5, DOMAIN.md "Weight": logistic regression once outcomes
 * exist). A penalised logistic regression is fitted on the training side of a seeded split of the
 * customers with a known outcome; its positive coefficients become percent weights; and the
 * weighted score those weights produce — the thing the analyst would actually apply, not the
 * logistic prediction — is measured on the held-out customers, so the number shown beside the
 * expert, entropy and AHP weights is never an in-sample one.
 *
 * Why coefficients are weights: every normalised indicator is in [0, 1] with higher = better, so
 * β_j is the change in log-odds from the worst to the best value of indicator j, the same range
 * for every j; a score Σ w_j·v_j with w ∝ β ranks customers exactly as the linear predictor does
 * (when no coefficient is negative). A negative coefficient says the indicator, as oriented by the
 * model, works against the outcome; a benefit-oriented score with non-negative weights cannot use
 * it, so it gets weight 0 and is listed for the analyst (who may reverse its direction instead).
 */
import { DEFAULT_LAMBDA, fitLogistic } from './logistic';
import { ks, roc } from './metrics';
import type { NormalisedMatrix } from './normalise';
import { rebalance } from './rebalance';
import { scoreInto } from './score';
import { holdoutSplit } from './split';
import { weightVector } from './weights';

export interface SuggestedWeights {
  /** the matrix's columns, in its order */
  readonly columns: readonly string[];
  /** every column, summing to 100, one decimal, the same rounding as rebalance */
  readonly percent: Readonly<Record<string, number>>;
  /** the logistic coefficients, aligned with `columns` (negative ones included) */
  readonly coefficients: Float64Array;
  readonly intercept: number;
  /** columns whose coefficient was < 0: weight 0 (a benefit-oriented score cannot use them), listed */
  readonly negative: readonly string[];
  readonly lambda: number;
  readonly seed: number;
  readonly holdoutShare: number;
  readonly train: { count: number; events: number; auc: number };
  readonly holdout: { count: number; events: number; auc: number; gini: number; ks: number };
}

export interface SuggestOptions {
  /** the split's seed (default 42) */
  readonly seed?: number;
  /** the share of customers with an outcome held out (default 0.3) */
  readonly holdoutShare?: number;
  /** the ridge penalty (default DEFAULT_LAMBDA = 1) */
  readonly lambda?: number;
}

export const DEFAULT_SUGGEST = { seed: 42, holdoutShare: 0.3, lambda: DEFAULT_LAMBDA } as const;

/**
 * Percent weights ∝ the positive coefficients, rounded by rebalance itself so that they have
 * exactly the slider's form (one decimal, summing to 100, the remainder on the largest weight):
 * "moving" the smallest positive weight to its own value leaves it rounded and rescales and
 * rounds all the others, the largest of which takes the remainder.
 */
function percentOf(columns: readonly string[], coefficients: Float64Array): Record<string, number> {
  let total = 0;
  for (const b of coefficients) if (b > 0) total += b;
  if (!(total > 0)) throw new Error('No indicator has a positive coefficient on these outcomes: there are no weights to suggest');
  const raw: Record<string, number> = {};
  let smallest = '';
  columns.forEach((column, j) => {
    const b = coefficients[j]!;
    raw[column] = b > 0 ? (100 * b) / total : 0;
    if (b > 0 && (smallest === '' || raw[column]! < raw[smallest]!)) smallest = column;
  });
  return rebalance(raw, smallest, raw[smallest]!);
}

function countEvents(event: Uint8Array, rows: Uint32Array): number {
  let events = 0;
  for (const i of rows) events += event[i] === 1 ? 1 : 0;
  return events;
}

/** AUC (ties ½) and KS of a weighted score on given rows: the helper the UI uses for expert/entropy/AHP weights too. */
export function weightMetrics(matrix: NormalisedMatrix, weights: Float64Array, event: Uint8Array, rows: Uint32Array): { auc: number; ks: number } {
  if (event.length !== matrix.rows) throw new Error(`weightMetrics: ${event.length} outcomes for ${matrix.rows} matrix rows`);
  const score = scoreInto(matrix, weights);
  const s = new Float64Array(rows.length);
  const e = new Uint8Array(rows.length);
  rows.forEach((i, r) => {
    if (i >= matrix.rows) throw new Error(`weightMetrics: row ${i} outside 0..${matrix.rows - 1}`);
    s[r] = score[i]!;
    e[r] = event[i] === 1 ? 1 : 0;
  });
  return { auc: roc(s, e).auc, ks: ks(s, e).ks };
}

/**
 * Fits on the train rows of the customers with an outcome, turns positive coefficients into
 * percent weights (∝ coefficient, since every indicator is in [0,1]), and reports AUC/KS of the
 * weighted score — not of the logistic prediction — on the holdout (and train AUC for comparison).
 *
 * Throws, with the reason, when the training side has a single class, the fit does not converge,
 * no coefficient is positive, or a known row has a missing value (a normalised matrix has none,
 * so that would be a bug upstream, not something to drop silently).
 */
export function suggestWeights(
  matrix: NormalisedMatrix,
  ids: readonly string[],
  event: Uint8Array,
  known: Uint8Array,
  options: SuggestOptions = {},
): SuggestedWeights {
  const seed = options.seed ?? DEFAULT_SUGGEST.seed;
  const holdoutShare = options.holdoutShare ?? DEFAULT_SUGGEST.holdoutShare;
  const lambda = options.lambda ?? DEFAULT_SUGGEST.lambda;
  const n = matrix.rows;
  for (const [name, length] of [['ids', ids.length], ['event', event.length], ['known', known.length]] as const) {
    if (length !== n) throw new Error(`suggestWeights: ${name} has ${length} rows, the matrix ${n}`);
  }
  const withOutcome: number[] = [];
  for (let i = 0; i < n; i++) {
    if (known[i] !== 1) continue;
    matrix.values.forEach((v, j) => {
      if (!Number.isFinite(v[i]!)) throw new Error(`suggestWeights: customer ${ids[i]} has no value for ${matrix.columns[j]} (a normalised matrix should have none)`);
    });
    withOutcome.push(i);
  }
  // the split is over the customers with an outcome, by id: see split.ts
  const sides = holdoutSplit(withOutcome.map((i) => ids[i]!), holdoutShare, seed);
  const train = sides.train.map((r) => withOutcome[r]!);
  const holdout = sides.holdout.map((r) => withOutcome[r]!);
  const trainEvents = countEvents(event, train);
  if (trainEvents === 0 || trainEvents === train.length) {
    throw new Error(`suggestWeights: the training side has ${train.length} customers and ${trainEvents} events; a fit needs both outcomes`);
  }
  const fit = fitLogistic(matrix.values, event, { lambda, rows: train });
  if (!fit.converged) throw new Error(`suggestWeights: the logistic fit did not converge in ${fit.iterations} iterations (λ = ${lambda})`);
  const percent = percentOf(matrix.columns, fit.coefficients);
  const weights = weightVector(matrix.columns, percent);
  const onHoldout = weightMetrics(matrix, weights, event, holdout);
  const auc = onHoldout.auc;
  return {
    columns: matrix.columns,
    percent,
    coefficients: fit.coefficients,
    intercept: fit.intercept,
    negative: matrix.columns.filter((_, j) => fit.coefficients[j]! < 0),
    lambda,
    seed,
    holdoutShare,
    train: { count: train.length, events: trainEvents, auc: weightMetrics(matrix, weights, event, train).auc },
    holdout: { count: holdout.length, events: countEvents(event, holdout), auc, gini: 2 * auc - 1, ks: onHoldout.ks },
  };
}
