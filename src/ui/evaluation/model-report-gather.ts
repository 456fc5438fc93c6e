/**
 * Gathers the model report in the page: the notebook as it would be saved (fresh manifest,
 * environment and digests), the model and its current parameters, the validation of the current
 * score on the outcome, the scenario comparison, and the evaluation tab's own Plot charts
 * serialised to SVG. The HTML itself is built by src/report, without the DOM.
 */
import pkg from '../../../package.json';
import type { Database } from '../../engine/database';
import { safeFileName } from '../../export/names';
import { buildModelReport, reportValidation, type ModelReportInput, type ReportChart, type ReportValidation } from '../../report';
import { compareScenarios } from '../../scoring/scenarios';
import type { Locale } from '../i18n/locale';
import { message } from '../i18n/messages';
import { renderMarkdown } from '../notebook/markdown';
import type { NotebookSession } from '../notebook/notebook-session';
import type { ScreeningSource } from '../screening/screening-source';
import { conversionChart, gainsChart, ksChart, rocChart } from './eval-charts';
import { EVAL_SEED } from './eval-compute';
import type { Outcome } from './outcome';
import { comparisonScreen, defaultSelection, scenarioSets } from './scenario-compare-sets';

export interface ReportSources {
  readonly session: NotebookSession;
  readonly source: ScreeningSource;
  readonly outcome: Outcome | null;
  readonly db: Database | null;
  readonly locale: Locale;
}

/** The evaluation's charts for the report, drawn with the same builders the tab uses. */
function validationCharts(v: ReportValidation, locale: Locale): ReportChart[] {
  const t = (key: Parameters<typeof message>[1]) => message(locale, key);
  const tiers = [t('tier.strategic'), t('tier.growth'), t('tier.general')];
  const svg = (chart: SVGElement | HTMLElement) => chart.outerHTML;
  return [
    { title: t('eval.conversion'), svg: svg(conversionChart(v.conversion, v.outcome.events / v.outcome.known, tiers, { overall: t('eval.overall') })) },
    { title: t('eval.lift'), svg: svg(gainsChart(v.lift, { customers: t('eval.topShare'), captured: t('eval.captured'), model: t('eval.model'), random: t('eval.random') })) },
    { title: `ROC · AUC ${v.roc.auc.toFixed(3)}`, svg: svg(rocChart(v.roc, { fpr: t('eval.fpr'), tpr: t('eval.tpr'), auc: `AUC ${v.roc.auc.toFixed(3)}` })) },
    { title: `KS ${v.ks.ks.toFixed(3)}`, svg: svg(ksChart(v.ks, { score: t('screening.score'), share: t('eval.cdf'), events: t('eval.eventsCdf'), nonEvents: t('eval.nonEventsCdf'), ks: `KS ${v.ks.ks.toFixed(3)}` })) },
  ];
}

/** The report's HTML and the name to save it under (`<title>-report-<date>.html`); throws when the model is not ready. */
export async function gatherModelReport({ session, source, outcome, db, locale }: ReportSources): Promise<{ html: string; fileName: string }> {
  const status = source.status;
  if (status.kind !== 'ready') throw new Error(message(locale, 'scenarios.notReady'));
  const notebookText = await session.fileText();
  const doc = session.document;
  const firstMarkdown = doc.cells.find((c) => c.kind === 'markdown');
  const params = source.params();
  const current = session.runtime.inputValues();
  const screen = comparisonScreen(status.screen);
  let validation: ReportValidation | null = null;
  if (typeof params !== 'string' && outcome) {
    const state = screen.update(params);
    const indicators = status.spec.indicators.map((i) => ({ column: i.column, label: i.label, values: screen.data.numbers.get(i.column) }));
    validation = reportValidation(state.score, state.tiering.tier, screen.idRank, outcome, indicators);
  }
  const sets = scenarioSets(status.spec, current, doc.parameterSets, new Set(defaultSelection(doc.parameterSets)), message(locale, 'scenarios.current'));
  const comparison = compareScenarios(screen, status.spec, sets, outcome);
  const seeds: Record<string, string | number> = Object.fromEntries([...current].filter(([name, v]) => /seed/i.test(name) && (typeof v === 'number' || typeof v === 'string')) as [string, string | number][]);
  // the Evaluation tab's weight suggestion splits train/holdout with this seed
  seeds['evaluation holdout split (EVAL_SEED)'] = EVAL_SEED;
  const date = new Date().toISOString().slice(0, 10);
  const title = doc.title || 'notebook';
  const input: ModelReportInput = {
    locale,
    title,
    purposeHtml: firstMarkdown ? renderMarkdown(firstMarkdown.source) : null,
    manifest: doc.data,
    spec: status.spec,
    fitted: status.screen.fitted,
    fitStored: status.spec.fitted !== undefined,
    params: typeof params === 'string' ? null : params,
    parameterSets: doc.parameterSets,
    seeds,
    validation,
    comparison,
    charts: { validation: validation ? validationCharts(validation, locale) : [], scenarios: [] },
    environment: { app: doc.environment?.app ?? pkg.version, duckdb: doc.environment?.duckdb ?? (db ? await db.version() : '—'), userAgent: navigator.userAgent, date: new Date().toISOString() },
    fileName: session.fileName ?? `${safeFileName(title)}.md`,
    notebookText,
  };
  return { html: buildModelReport(input), fileName: safeFileName(`${title}-report-${date}.html`) };
}
