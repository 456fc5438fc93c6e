/**
 * What the model report shows, gathered as plain data (no DOM): the validation of the current
 * score and tiers on the known outcomes, computed with the metrics functions of src/scoring. The
 * report builder only formats; the button in the UI gathers and draws the charts.
 */
import type { DataManifestEntry, ParameterSets } from '../notebook/document';
import { informationValue, knownRows, scoreMetrics, type IvResult, type KsResult, type LiftRow, type PsiResult, type RocResult, type TierConversion } from '../scoring/metrics';
import type { ModelSpec } from '../scoring/model-spec';
import type { ScenarioComparison } from '../scoring/scenarios';
import type { ScreenParams } from '../scoring/screen';
import type { FittedIndicator } from '../scoring/types';
import type { ReportLocale } from './report-text';

/** The outcome evaluated against (the Evaluation tab's Outcome satisfies this). */
export interface ReportOutcome {
  readonly table: string;
  readonly column: string;
  readonly eventValue: string;
  /** per screening row: 1 = event */
  readonly event: Uint8Array;
  /** per screening row: 1 = known */
  readonly known: Uint8Array;
}

/** Validation of one score and tiering on the rows whose outcome is known. */
export interface ReportValidation {
  readonly outcome: { readonly table: string; readonly column: string; readonly eventValue: string; readonly known: number; readonly events: number };
  readonly roc: RocResult;
  readonly ks: KsResult;
  readonly lift: readonly LiftRow[];
  readonly conversion: readonly TierConversion[];
  /** per indicator of the model, on its raw values (as loaded, before normalisation) */
  readonly iv: readonly { readonly column: string; readonly label: string; readonly result: IvResult }[];
  /** when the caller compared two periods: per score or indicator */
  readonly psi: readonly { readonly label: string; readonly result: PsiResult }[];
}

/**
 * The validation metrics of a score and its tiers on the known outcomes, or null when the known
 * rows do not hold both an event and a non-event (no AUC is defined then).
 */
export function reportValidation(
  score: Float64Array,
  tier: Uint8Array,
  idRank: Uint32Array,
  outcome: ReportOutcome,
  indicators: readonly { readonly column: string; readonly label: string; readonly values: Float64Array | undefined }[] = [],
): ReportValidation | null {
  const known = knownRows(score, tier, idRank, outcome);
  if (known.events === 0 || known.events === known.rows.length) return null;
  const iv = indicators.flatMap((ind) => (ind.values ? [{ column: ind.column, label: ind.label, result: informationValue(Float64Array.from(known.rows, (i) => ind.values![i]!), known.event) }] : []));
  return {
    outcome: { table: outcome.table, column: outcome.column, eventValue: outcome.eventValue, known: known.rows.length, events: known.events },
    ...(({ roc, ks, lift, conversion }) => ({ roc, ks, lift, conversion }))(scoreMetrics(known)),
    iv,
    psi: [],
  };
}

/** A chart drawn by the app (Plot), serialised: its title and its SVG markup. */
export interface ReportChart {
  readonly title: string;
  readonly svg: string;
}

/** Everything the report says. Text fields are data: the builder escapes all of them. */
export interface ModelReportInput {
  readonly locale: ReportLocale;
  readonly title: string;
  /** the notebook's first Markdown cell rendered by the app's safe renderer (no raw HTML, no remote address); null when none */
  readonly purposeHtml: string | null;
  readonly manifest: readonly DataManifestEntry[];
  readonly spec: ModelSpec;
  readonly fitted: readonly FittedIndicator[];
  /** whether the fit was read from the notebook (true) or made on the data loaded now */
  readonly fitStored: boolean;
  readonly params: ScreenParams | null;
  readonly parameterSets: ParameterSets;
  /** inputs that seed random draws (a train/holdout split...), by name */
  readonly seeds: Readonly<Record<string, string | number>>;
  readonly validation: ReportValidation | null;
  readonly comparison: ScenarioComparison | null;
  readonly charts: { readonly validation: readonly ReportChart[]; readonly scenarios: readonly ReportChart[] };
  readonly environment: { readonly app: string; readonly duckdb: string; readonly userAgent: string; readonly date: string };
  /** the notebook file's name, for the replay command */
  readonly fileName: string;
  /** the notebook file's full text, appended so the report carries what it describes */
  readonly notebookText: string | null;
}
