import type { Table } from 'apache-arrow';
import * as scoring from '../../scoring';
import type { ModelSpec } from '../../scoring/model-spec';
import { HISTOGRAM_BINS, LIBRARY_COLUMNS, Screen, screenParams } from '../../scoring/screen';
import { SEGMENTS } from '../../scoring/segments';
import { rankOrder, TIER_REASONS } from '../../scoring/tiers';
import { TIERS } from '../../scoring/types';
import { screenDataOf } from './screen-data';

/** One customer per row, best first: what a notebook's scoring cell returns (and its digest proves). */
export interface ScoredList {
  readonly customer_id: string[];
  readonly score: Float64Array;
  readonly tier: string[];
  readonly reason: string[];
  readonly segment: string[];
}

/**
 * Scores an indicator matrix with a notebook's model exactly as the screening view does (the same
 * Screen, the same fitted or stored scale, the same tie-break), with the inputs the model names
 * (`{ weights, strategic_pct, ... }`, as cells see them). The result in rank order, ready for
 * `Arrow.tableFromArrays`.
 */
export function scoreMatrix(matrix: Table, model: ModelSpec, inputs: Readonly<Record<string, unknown>>): ScoredList {
  const screen = new Screen(screenDataOf(matrix), model, model.fitted);
  const params = screenParams(model, new Map(Object.entries(inputs)));
  if (typeof params === 'string') throw new Error(`scoreMatrix: ${params} (pass every input the model names)`);
  const state = screen.update(params);
  const order = rankOrder(state.score, screen.idRank);
  const pick = <T>(f: (i: number) => T) => Array.from(order, f);
  return {
    customer_id: pick((i) => screen.data.ids[i]!),
    score: Float64Array.from(order, (i) => state.score[i]!),
    tier: pick((i) => TIERS[state.tiering.tier[i]!]!),
    reason: pick((i) => TIER_REASONS[state.tiering.reason[i]!]!),
    segment: pick((i) => SEGMENTS[screen.segment[i]!]!.id),
  };
}

/**
 * The scoring library as TypeScript cells see it (`scoring.…`): the pure functions of
 * src/scoring, the Screen the screening view uses, and `scoreMatrix` for a whole model run.
 */
export const scoringLibrary = Object.freeze({ ...scoring, Screen, screenParams, screenDataOf, scoreMatrix, HISTOGRAM_BINS, LIBRARY_COLUMNS });
