/**
 * Why a customer is in their tier, as numbers the profile can show: the score, its position, the
 * cut that mattered, and each indicator's points (largest first) — DOMAIN.md: "every customer's
 * tier explainable as indicator contributions".
 */
import type { NormalisedMatrix } from './normalise';
import { contributions } from './score';
import { TIER_REASONS, TIER_STRATEGIC, type Tiering } from './tiers';
import type { TierReason } from './types';

export interface TierExplanation {
  readonly tier: number;
  readonly reason: TierReason;
  readonly score: number;
  /** 1-based position by score desc, then id */
  readonly rank: number;
  /** the relevant cut score (see explainRow) */
  readonly cut: number;
  /** every indicator's contribution, largest points first: points = 100·w·value, value normalised */
  readonly top: readonly { column: string; points: number; value: number }[];
}

/**
 * Explains one row. `rank` is its 1-based position (from rankOrder; passed in because finding it
 * needs the full order). The relevant cut is the lowest score inside a tier (Tiering.cuts): for a
 * strategic row, or one kept out of strategic by an override, the strategic cut; otherwise the
 * growth cut (the one a growth row cleared, or a general row missed). NaN when that tier is empty.
 */
export function explainRow(matrix: NormalisedMatrix, weights: Float64Array, score: Float64Array, tiering: Tiering, row: number, rank: number): TierExplanation {
  const points = contributions(matrix, weights, row);
  const reason = TIER_REASONS[tiering.reason[row]!]!;
  const tier = tiering.tier[row]!;
  const overridden = reason === 'override-overdue' || reason === 'override-class';
  const cut = tier === TIER_STRATEGIC || overridden ? tiering.cuts[0] : tiering.cuts[1];
  const top = matrix.columns
    .map((column, j) => ({ column, points: points[j]!, value: matrix.values[j]![row]! }))
    // largest first; equal points keep the matrix's column order (sort is stable)
    .sort((a, b) => b.points - a.points);
  return { tier, reason, score: score[row]!, rank, cut, top };
}
