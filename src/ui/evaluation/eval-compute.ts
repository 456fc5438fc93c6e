/**
 * The evaluation view's numbers, composed from the metric functions of src/scoring/metrics on the
 * rows whose outcome is known. Pure (no DOM): the view calls `scoreMetrics` on every change of the
 * weights (a few O(n log n) passes over a few thousand rows) and the heavier parts once per
 * matrix and outcome.
 */
import { fitLogistic, predict, DEFAULT_LAMBDA, type LogisticFit } from '../../scoring/logistic';
import { calibration, type CalibrationRow } from '../../scoring/metrics/calibration';
import { conversionByTier, type TierConversion } from '../../scoring/metrics/conversion';
import { decileOf } from '../../scoring/metrics/groups';
import { ks, type KsResult } from '../../scoring/metrics/ks';
import { liftTable, type LiftRow } from '../../scoring/metrics/lift';
import { roc, type RocResult } from '../../scoring/metrics/roc';
import { holdoutSplit } from '../../scoring/split';
import type { Outcome } from './outcome';

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

/** Everything that follows the score: conversion by tier, lift/gains, ROC, KS. */
export interface ScoreMetrics {
  /** customers with an outcome, and events among them */
  readonly count: number;
  readonly events: number;
  readonly rate: number;
  readonly conversion: readonly TierConversion[];
  readonly lift: readonly LiftRow[];
  readonly roc: RocResult;
  readonly ks: KsResult;
}

/**
 * The score's metrics over the customers with a known outcome (`known`: their rows). Tiers are the
 * screening's own (cut on every customer), so a tier's rate is the rate among its customers that
 * have an outcome; lift groups are cut among the known customers, as a reviewer would.
 */
export function scoreMetrics(score: Float64Array, tier: Uint8Array, idRank: Uint32Array, outcome: Outcome, known: Uint32Array): ScoreMetrics {
  const s = gather(score, known);
  const e = gather(outcome.event, known);
  let events = 0;
  for (let k = 0; k < e.length; k++) events += e[k]!;
  return {
    count: known.length,
    events,
    rate: known.length ? events / known.length : NaN,
    conversion: conversionByTier(gather(tier, known), e, 3),
    lift: liftTable(s, e, gather(idRank, known)),
    roc: roc(s, e),
    ks: ks(s, e),
  };
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
