/**
 * Scenarios: named parameter sets (champion, challenger, ...) run on the same screening and
 * compared — tier counts, the strategic name list, validation metrics on the known outcomes, and,
 * for every pair, the migration matrix (who moves between tiers) and the overlap of the lists.
 *
 * Pure: a Screen (fitted once on the data) is re-weighted per scenario. `Screen.update` reuses
 * its arrays, so everything kept here is copied before the next scenario runs.
 */
import { knownRows, scoreMetrics, type TierConversion } from './metrics';
import type { ModelSpec } from './model-spec';
import { screenParams, type Screen, type ScreenParams } from './screen';
import { rankOrder, TIER_GENERAL, TIER_GROWTH, TIER_STRATEGIC } from './tiers';

/** A scenario to run: its name and the input values screenParams reads (weights as fractions, as cells see them). */
export interface ScenarioSet {
  readonly name: string;
  readonly inputs: ReadonlyMap<string, unknown>;
}

/** Per screening row: whether the outcome is known and whether it is the event (1). */
export interface ScenarioOutcome {
  readonly event: Uint8Array;
  readonly known: Uint8Array;
}

/** Validation of one scenario's score and tiers on the rows whose outcome is known. */
export interface ScenarioMetrics {
  /** rows with a known outcome, and events among them */
  readonly known: number;
  readonly events: number;
  /** events ÷ known */
  readonly overallRate: number;
  /** ties count ½ */
  readonly auc: number;
  /** 2·AUC − 1 */
  readonly gini: number;
  /** at distinct score values */
  readonly ks: number;
  /** count, events, event rate and share of all events per tier (strategic, growth, general), known rows only */
  readonly tiers: readonly TierConversion[];
  /** the strategic tier's event rate ÷ the overall rate (NaN when either is undefined) */
  readonly strategicLift: number;
  /** share of all events in the top 10% by score (the first of 10 equal-count groups) */
  readonly topDecileCapture: number;
}

/** One scenario run on the screening. */
export interface ScenarioResult {
  readonly name: string;
  readonly params: ScreenParams;
  /** customers per tier: strategic, growth, general */
  readonly counts: readonly [number, number, number];
  /** per row (copies, safe to keep) */
  readonly score: Float64Array;
  readonly tier: Uint8Array;
  /** rows of the strategic tier in rank order (score descending, then customer id ascending) */
  readonly strategic: Uint32Array;
  /** their customer ids, same order */
  readonly strategicIds: readonly string[];
  /** null without outcomes, or when no known row has both an event and a non-event */
  readonly metrics: ScenarioMetrics | null;
}

/** |A ∩ B| and Jaccard = |A ∩ B| ÷ |A ∪ B| (1 when both are empty: the lists agree). */
export interface ListOverlap {
  readonly a: number;
  readonly b: number;
  readonly both: number;
  readonly jaccard: number;
}

/** Two scenarios side by side: indexes into `ScenarioComparison.scenarios`. */
export interface ScenarioPair {
  readonly a: number;
  readonly b: number;
  /** customers per (tier under A, tier under B): index 3·tierA + tierB; the diagonal is unchanged */
  readonly migration: Int32Array;
  readonly strategic: ListOverlap;
  /** the strategic and growth tiers together (everyone worth a visit) */
  readonly strategicGrowth: ListOverlap;
}

export interface ScenarioComparison {
  readonly scenarios: readonly ScenarioResult[];
  /** every pair a < b, in order (0,1), (0,2), ..., (1,2), ... */
  readonly pairs: readonly ScenarioPair[];
  /** sets that could not run and why (a missing input) */
  readonly skipped: readonly { readonly name: string; readonly reason: string }[];
}

/**
 * The inputs of a parameter set as screenParams reads them: the current inputs (for what the set
 * does not name) overlaid with the set. A saved set writes weights in percent, as the weights
 * input's definition does; cells — and screenParams — see fractions, so the weights input of the
 * model is divided by 100 here, once.
 */
export function scenarioInputs(spec: ModelSpec, current: ReadonlyMap<string, unknown>, set: Readonly<Record<string, unknown>>): Map<string, unknown> {
  const inputs = new Map(current);
  for (const [name, value] of Object.entries(set)) {
    if (name === spec.weights && typeof value === 'object' && value !== null) {
      inputs.set(name, Object.fromEntries(Object.entries(value as Record<string, number>).map(([k, v]) => [k, v / 100])));
    } else inputs.set(name, value);
  }
  return inputs;
}

/** Rows of one tier in rank order. */
function tierRows(tier: Uint8Array, score: Float64Array, idRank: Uint32Array, which: number): Uint32Array {
  const rows: number[] = [];
  for (let i = 0; i < tier.length; i++) if (tier[i] === which) rows.push(i);
  return rankOrder(score, idRank, Uint32Array.from(rows));
}

/** The metrics of one score and tiering on the known rows (null when there is nothing to separate). */
function scenarioMetrics(score: Float64Array, tier: Uint8Array, idRank: Uint32Array, outcome: ScenarioOutcome): ScenarioMetrics | null {
  const known = knownRows(score, tier, idRank, outcome);
  if (known.events === 0 || known.events === known.rows.length) return null;
  const m = scoreMetrics(known);
  const strategicRate = m.conversion[TIER_STRATEGIC]!.rate;
  return {
    known: m.count,
    events: m.events,
    overallRate: m.rate,
    auc: m.roc.auc,
    gini: m.roc.gini,
    ks: m.ks.ks,
    tiers: m.conversion,
    strategicLift: m.conversion[TIER_STRATEGIC]!.count > 0 ? strategicRate / m.rate : NaN,
    topDecileCapture: m.lift[0]?.capture ?? NaN,
  };
}

/** Overlap of two row sets given as membership tests over n rows. */
function overlap(n: number, inA: (i: number) => boolean, inB: (i: number) => boolean): ListOverlap {
  let a = 0, b = 0, both = 0;
  for (let i = 0; i < n; i++) {
    const x = inA(i), y = inB(i);
    if (x) a++;
    if (y) b++;
    if (x && y) both++;
  }
  const union = a + b - both;
  return { a, b, both, jaccard: union === 0 ? 1 : both / union };
}

/** The migration matrix and list overlaps of scenario A against B. */
export function comparePair(a: ScenarioResult, b: ScenarioResult, ia = 0, ib = 1): ScenarioPair {
  const n = a.tier.length;
  if (b.tier.length !== n) throw new Error(`comparePair: ${a.name} has ${n} rows, ${b.name} ${b.tier.length}`);
  const migration = new Int32Array(9);
  for (let i = 0; i < n; i++) migration[3 * a.tier[i]! + b.tier[i]!]!++;
  return {
    a: ia,
    b: ib,
    migration,
    strategic: overlap(n, (i) => a.tier[i] === TIER_STRATEGIC, (i) => b.tier[i] === TIER_STRATEGIC),
    strategicGrowth: overlap(n, (i) => a.tier[i]! <= TIER_GROWTH, (i) => b.tier[i]! <= TIER_GROWTH),
  };
}

/**
 * Runs each set on the screening and compares them. Sets whose inputs do not give parameters
 * (a missing weights or tier input) are skipped with the reason; outcomes, when given, are
 * aligned with the screen's rows and only known rows enter the metrics.
 */
export function compareScenarios(screen: Screen, spec: ModelSpec, sets: readonly ScenarioSet[], outcome?: ScenarioOutcome | null): ScenarioComparison {
  const scenarios: ScenarioResult[] = [];
  const skipped: { name: string; reason: string }[] = [];
  for (const set of sets) {
    const params = screenParams(spec, set.inputs);
    if (typeof params === 'string') {
      skipped.push({ name: set.name, reason: params });
      continue;
    }
    const state = screen.update(params);
    // update() reuses its buffers: keep copies
    const score = state.score.slice();
    const tier = state.tiering.tier.slice();
    const strategic = tierRows(tier, score, screen.idRank, TIER_STRATEGIC);
    scenarios.push({
      name: set.name,
      params,
      counts: [state.tiering.counts[TIER_STRATEGIC], state.tiering.counts[TIER_GROWTH], state.tiering.counts[TIER_GENERAL]],
      score,
      tier,
      strategic,
      strategicIds: Array.from(strategic, (i) => screen.data.ids[i]!),
      metrics: outcome ? scenarioMetrics(score, tier, screen.idRank, outcome) : null,
    });
  }
  const pairs: ScenarioPair[] = [];
  for (let a = 0; a < scenarios.length; a++) for (let b = a + 1; b < scenarios.length; b++) pairs.push(comparePair(scenarios[a]!, scenarios[b]!, a, b));
  return { scenarios, pairs, skipped };
}

/**
 * Who moved: the rows in tier `from` under A and tier `to` under B (one cell of the migration
 * matrix), ordered by score under B descending, then customer id — the ones B ranks highest first.
 */
export function migrationRows(a: ScenarioResult, b: ScenarioResult, from: number, to: number, idRank: Uint32Array): Uint32Array {
  const rows: number[] = [];
  for (let i = 0; i < a.tier.length; i++) if (a.tier[i] === from && b.tier[i] === to) rows.push(i);
  return rankOrder(b.score, idRank, Uint32Array.from(rows));
}
