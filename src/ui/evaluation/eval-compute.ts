/**
 * The evaluation view's numbers, composed from the metric functions of src/scoring/metrics on the
 * rows whose outcome is known. Pure (no DOM): the view calls `scoreMetrics` on every change of the
 * weights (a few O(n log n) passes over a few thousand rows) and the heavier parts once per
 * matrix and outcome.
 */
import { fitLogistic, predict, DEFAULT_LAMBDA, type LogisticFit } from '../../scoring/logistic';
import { calibration, type CalibrationRow } from '../../scoring/metrics/calibration';
import { decileOf } from '../../scoring/metrics/groups';
import { knownRows, scoreMetrics as metricsOf, type ScoreMetrics } from '../../scoring/metrics/score-metrics';
import { holdoutSplit } from '../../scoring/split';
import type { Outcome } from './outcome';

export type { ScoreMetrics };

/** The split every holdout number of the tab uses (calibration and the weight suggestion). */
export const EVAL_SEED = 42;
export const EVAL_HOLDOUT_SHARE = 0.3;

/** `values` at `rows` (typed-array gather): metrics take aligned arrays of the known rows only. */
export function gather<T extends Float64Array | Uint8Array | Uint32Array>(values: T, rows: Uint32Array): T {
  const out = new (values.constructor as new (n: number) => T)(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = values[rows[k]!]!;
  return out;
}

/** The rows of `rows` whose outcome is known. */
export function knownOf(rows: Uint32Array, outcome: Outcome): Uint32Array {
  return rows.filter((r) => outcome.known[r] === 1);
}

/** The score's metrics over the customers with a known outcome among `known` (their rows); see scoring/metrics. */
export function scoreMetrics(score: Float64Array, tier: Uint8Array, idRank: Uint32Array, outcome: Outcome, known: Uint32Array): ScoreMetrics {
  return metricsOf(knownRows(score, tier, idRank, outcome, known));
}

/** Calibration of a Platt fit of the event on the score, shown on the holdout. */
export interface CalibrationView {
  readonly fit: LogisticFit;
  readonly train: number;
  readonly holdout: number;
  readonly holdoutEvents: number;
  readonly byTier: readonly CalibrationRow[];
  readonly byDecile: readonly CalibrationRow[];
}

/**
 * A score is not a probability, so calibration first maps it to one: a one-feature logistic
 * (Platt) fit of the event on the score, on the TRAIN side of the seeded split, judged on the
 * holdout side only (an in-sample fit would look calibrated by construction). Per tier and per
 * decile of the holdout's score (deciles cut among the holdout customers).
 */
export function plattCalibration(score: Float64Array, tier: Uint8Array, idRank: Uint32Array, ids: readonly string[], outcome: Outcome): CalibrationView {
  const split = holdoutSplit(ids, EVAL_HOLDOUT_SHARE, EVAL_SEED);
  const train = knownOf(split.train, outcome);
  const holdout = knownOf(split.holdout, outcome);
  const fit = fitLogistic([score], outcome.event, { rows: train, lambda: DEFAULT_LAMBDA });
  const probability = gather(predict(fit, [score]), holdout);
  const event = gather(outcome.event, holdout);
  let holdoutEvents = 0;
  for (let k = 0; k < event.length; k++) holdoutEvents += event[k]!;
  const hs = gather(score, holdout);
  return {
    fit,
    train: train.length,
    holdout: holdout.length,
    holdoutEvents,
    byTier: calibration(probability, event, gather(tier, holdout), 3),
    byDecile: calibration(probability, event, decileOf(hs, gather(idRank, holdout)), 10),
  };
}
