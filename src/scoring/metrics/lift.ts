/**
 * Lift and gains table (DOMAIN.md): equal-count groups by score descending (groups.ts), with each
 * group's event rate, its lift over the overall rate, and the cumulative rate, lift and share of
 * all events captured by the top k groups (the gains curve).
 */
import { DEFAULT_GROUPS } from './conventions';
import { checkAligned } from './order';
import { checkGroups, decileOf } from './groups';

export interface LiftRow {
  /** 0 = the top-scoring group (as decileOf). */
  readonly group: number;
  readonly count: number;
  readonly events: number;
  readonly rate: number;
  readonly cumCount: number;
  readonly cumEvents: number;
  readonly cumRate: number;
  /** cumEvents / all events. */
  readonly capture: number;
  /** rate / overall rate. */
  readonly lift: number;
  /** cumRate / overall rate. */
  readonly cumLift: number;
  readonly minScore: number;
  readonly maxScore: number;
}

/**
 * One row per group, top first. NaN scores are excluded (the overall rate is over scored rows).
 * A group left empty (fewer rows than groups) has count 0 and NaN rate, lift and scores; with no
 * events the lifts and capture are NaN.
 */
export function liftTable(score: Float64Array, event: Uint8Array, idRank: Uint32Array, groups: number = DEFAULT_GROUPS): LiftRow[] {
  checkAligned('liftTable', score, event, idRank);
  checkGroups(groups);
  const group = decileOf(score, idRank, groups);
  const count = new Float64Array(groups);
  const events = new Float64Array(groups);
  const minScore = new Float64Array(groups).fill(NaN);
  const maxScore = new Float64Array(groups).fill(NaN);
  for (let i = 0; i < score.length; i++) {
    const g = group[i]!;
    if (g >= groups) continue;
    const s = score[i]!;
    count[g]!++;
    if (event[i] === 1) events[g]!++;
    if (!(s >= minScore[g]!)) minScore[g] = s;
    if (!(s <= maxScore[g]!)) maxScore[g] = s;
  }
  let total = 0;
  let totalEvents = 0;
  for (let g = 0; g < groups; g++) (total += count[g]!), (totalEvents += events[g]!);
  const overall = totalEvents / total;
  const rows: LiftRow[] = [];
  let cumCount = 0;
  let cumEvents = 0;
  for (let g = 0; g < groups; g++) {
    cumCount += count[g]!;
    cumEvents += events[g]!;
    const rate = events[g]! / count[g]!;
    const cumRate = cumEvents / cumCount;
    rows.push({
      group: g,
      count: count[g]!,
      events: events[g]!,
      rate,
      cumCount,
      cumEvents,
      cumRate,
      capture: cumEvents / totalEvents,
      lift: rate / overall,
      cumLift: cumRate / overall,
      minScore: minScore[g]!,
      maxScore: maxScore[g]!,
    });
  }
  return rows;
}
