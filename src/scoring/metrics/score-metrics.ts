import { conversionByTier, type TierConversion } from './conversion';
import { ks, type KsResult } from './ks';
import { liftTable, type LiftRow } from './lift';
import { roc, type RocResult } from './roc';

/** Who has an outcome: per row, 1 = known and 1 = the event (the Evaluation tab's Outcome has both). */
export interface KnownOutcome {
  readonly event: Uint8Array;
  readonly known: Uint8Array;
}

/** A score, its tiers and the id ranks restricted to the rows whose outcome is known, aligned with their events. */
export interface KnownRows {
  readonly rows: Uint32Array;
  readonly score: Float64Array;
  readonly tier: Uint8Array;
  readonly idRank: Uint32Array;
  readonly event: Uint8Array;
  readonly events: number;
}

/**
 * The metrics functions take aligned arrays and leave dropping unknown outcomes to the caller:
 * this is that step, shared by the Evaluation tab, the scenarios and the model report. Only
 * `rows` are considered when given (e.g. a holdout). The id ranks keep their order on the subset,
 * which is all the equal-count grouping needs.
 */
export function knownRows(score: Float64Array, tier: Uint8Array, idRank: Uint32Array, outcome: KnownOutcome, rows?: Uint32Array): KnownRows {
  const list: number[] = [];
  if (rows) {
    for (const i of rows) if (outcome.known[i] === 1) list.push(i);
  } else {
    for (let i = 0; i < score.length; i++) if (outcome.known[i] === 1) list.push(i);
  }
  const event = Uint8Array.from(list, (i) => (outcome.event[i] === 1 ? 1 : 0));
  return {
    rows: Uint32Array.from(list),
    score: Float64Array.from(list, (i) => score[i]!),
    tier: Uint8Array.from(list, (i) => tier[i]!),
    idRank: Uint32Array.from(list, (i) => idRank[i]!),
    event,
    events: event.reduce((sum, v) => sum + v, 0),
  };
}

/** Everything that follows a score on the known rows: conversion by tier, lift/gains, ROC, KS. */
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

/** The score's metrics on its known rows (tiers are the screening's own, cut on every customer). */
export function scoreMetrics(known: KnownRows): ScoreMetrics {
  const n = known.rows.length;
  return {
    count: n,
    events: known.events,
    rate: n ? known.events / n : Number.NaN,
    conversion: conversionByTier(known.tier, known.event, 3),
    lift: liftTable(known.score, known.event, known.idRank),
    roc: roc(known.score, known.event),
    ks: ks(known.score, known.event),
  };
}
