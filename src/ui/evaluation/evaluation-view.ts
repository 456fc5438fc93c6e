import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import type { Database, TableInfo } from '../../engine/database';
import type { Screen } from '../../scoring/screen';
import type { Locale } from '../i18n/locale';
import { message, type MessageKey, type MessageParams } from '../i18n/messages';
import type { NotebookSession } from '../notebook/notebook-session';
import type { ScreeningSource } from '../screening/screening-source';
import { HiddenTabController } from '../controllers/hidden-tab-controller';
import { theme } from '../theme';
import { plattCalibration, scoreMetrics, type CalibrationView, type ScoreMetrics } from './eval-compute';
import type { Outcome } from './outcome';
import { defaultOutcomeChoice, outcomeRows, loadOutcome, type OutcomeChoice } from './outcome-load';
import './iv-card';
import './model-report-button';
import './outcome-picker';
import type { PsiSnapshot } from './psi-card';
import './psi-card';
import './scenario-compare';
import './score-cards';
import './weights-card';

/** Slider movements in the Screening tab arrive as notebook changes; the metrics follow this much later at most. */
const FOLLOW_MS = 120;

/**
 * The Evaluation tab: the notebook's model (the same Screen the Screening tab uses, through the
 * shared ScreeningSource) against an outcome the analyst picks. The metrics of the score in use
 * (conversion by tier, lift, ROC/AUC, KS, calibration, PSI) follow every change of the weights or
 * tiers; IV and the weight suggestion depend only on the matrix and the outcome, so their cards
 * compute once per matrix and outcome. Each card states its convention.
 */
export class EvaluationView extends LitElement {
  static override properties = {
    session: { attribute: false },
    db: { attribute: false },
    source: { attribute: false },
    locale: {},
    hidden: { type: Boolean, reflect: true },
    screen: { state: true },
    tables: { state: true },
    choice: { state: true },
    outcome: { state: true },
    metrics: { state: true },
    problem: { state: true },
    baseline: { state: true },
  };
  declare session: NotebookSession | null;
  declare db: Database | null;
  declare source: ScreeningSource | null;
  declare locale: Locale;
  /** another tab is showing: nothing is computed or drawn, only noted, until the tab is shown again */
  declare hidden: boolean;
  private readonly tab = new HiddenTabController(this, { refresh: () => this.sync(), follow: () => this.schedule() });
  declare screen: Screen | null;
  declare tables: TableInfo[];
  declare choice: OutcomeChoice | null;
  declare outcome: Outcome | null;
  /** the score in use, its tiers and weights (copies), and their metrics against the outcome */
  declare metrics: { score: Float64Array; tier: Uint8Array; weights: Float64Array; metrics: ScoreMetrics | null; calibration: CalibrationView | null } | null;
  declare problem: string | null;
  /** the PSI baseline the analyst set (kept here: it must outlive the matrix re-running) */
  declare baseline: PsiSnapshot | null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private loading = 0;
  private readonly onChange = () => this.schedule();

  constructor() {
    super();
    this.session = null;
    this.db = null;
    this.source = null;
    this.locale = 'zh';
    this.screen = null;
    this.tables = [];
    this.choice = null;
    this.outcome = null;
    this.metrics = null;
    this.problem = null;
    this.baseline = null;
  }

  private t(key: MessageKey, params?: MessageParams): string {
    return message(this.locale, key, params);
  }

  /** Hidden, the tab draws nothing; it still follows a new source or session, so it is ready when shown. */
  protected override shouldUpdate(changed: PropertyValues<this>): boolean {
    return this.tab.shouldUpdate(changed);
  }

  /** A new notebook session: its changes reach the metrics (the source's through the tab controller). */
  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('session')) {
      (changed.get('session') as NotebookSession | null | undefined)?.removeEventListener('change', this.onChange);
      this.session?.addEventListener('change', this.onChange);
      // another notebook: another model, whose indicators a snapshot of this one does not describe
      if (changed.get('session')) this.baseline = null;
      this.schedule();
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  private schedule(): void {
    if (this.tab.defer()) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.sync(), FOLLOW_MS);
  }

  /** Follows the source: a new Screen reloads the outcome; otherwise the score is re-weighted and measured. */
  private sync(): void {
    const status = this.source?.status;
    if (status?.kind !== 'ready') {
      this.screen = null;
      this.metrics = null;
      return;
    }
    if (status.screen !== this.screen) {
      this.screen = status.screen;
      this.outcome = null;
      void this.reload(status.screen);
    }
    this.measure();
  }

  /** The tables may have changed with the data: list them, keep the choice if it still exists, reload the outcome. */
  private async reload(screen: Screen): Promise<void> {
    if (!this.db) return;
    const ticket = ++this.loading;
    try {
      const tables = await this.db.tables();
      if (ticket !== this.loading) return;
      this.tables = tables;
      const c = this.choice;
      const stillThere = c && tables.some((t) => t.name === c.table && t.columns.some((col) => col.name === c.column));
      if (!stillThere) this.choice = defaultOutcomeChoice(tables);
      await this.load(screen, ticket);
    } catch (error) {
      if (ticket === this.loading) this.problem = error instanceof Error ? error.message : String(error);
    }
  }

  private async load(screen: Screen, ticket: number): Promise<void> {
    const choice = this.choice;
    if (!choice || !this.db) {
      this.outcome = null;
      return;
    }
    try {
      const outcome = await loadOutcome(this.db, screen, choice);
      if (ticket !== this.loading || screen !== this.screen) return;
      this.problem = null;
      this.outcome = outcome;
      this.measure();
    } catch (error) {
      if (ticket === this.loading) {
        this.outcome = null;
        this.problem = this.t('eval.outcomeFailed', { message: error instanceof Error ? error.message : String(error) });
      }
    }
  }

  private choose(choice: OutcomeChoice): void {
    this.choice = choice;
    this.outcome = null;
    if (this.screen) void this.load(this.screen, ++this.loading);
  }

  /** The score in use (the inputs' current values) and its metrics against the outcome. */
  private measure(): void {
    const screen = this.screen;
    const params = this.source?.params();
    if (!screen || params === undefined || typeof params === 'string') {
      this.metrics = null;
      if (typeof params === 'string') this.problem = params;
      return;
    }
    const state = screen.update(params);
    const outcome = this.outcome;
    let metrics: ScoreMetrics | null = null;
    let calibration: CalibrationView | null = null;
    if (outcome && outcome.events > 0 && outcome.events < outcome.count) {
      const known = outcomeRows(outcome);
      metrics = scoreMetrics(state.score, state.tiering.tier, screen.idRank, outcome, known);
      calibration = plattCalibration(state.score, state.tiering.tier, screen.idRank, screen.data.ids, outcome);
    }
    // copies: the Screen re-uses its arrays on the next update (the Screening tab's too)
    this.metrics = { score: Float64Array.from(state.score), tier: Uint8Array.from(state.tiering.tier), weights: Float64Array.from(state.weights), metrics, calibration };
  }

  /** The analysis date (the notebook's `as_of` input), naming a PSI baseline. */
  private asOf(): string {
    const v = this.session?.runtime.inputValues().get('as_of');
    return typeof v === 'string' ? v : '';
  }

  override render() {
    const status = this.source?.status ?? { kind: 'no-model' as const };
    switch (status.kind) {
      case 'no-model':
        return html`<p class="empty" data-testid="evaluation-empty">${this.t('screening.noModel')}</p>`;
      case 'waiting':
        return html`<p class="empty">${this.t(status.failed ? 'screening.matrixFailed' : 'screening.waiting', { cell: status.matrix })}</p>`;
      case 'loading':
        return html`<p class="empty">${this.t('screening.loading')}</p>`;
      case 'error':
        return html`<p class="empty bad">${this.t('screening.error', { message: status.message })}</p>`;
      case 'ready':
        break;
    }
    const screen = this.screen;
    const m = this.metrics;
    return html`<div class="layout" data-testid="evaluation">
      <p class="intro muted">${this.t('eval.intro')}</p>
      <tb-outcome-picker .db=${this.db} .tables=${this.tables} .choice=${this.choice} .outcome=${this.outcome} .rows=${screen?.data.rows ?? 0} .locale=${this.locale}
        @choose=${(e: CustomEvent<OutcomeChoice>) => this.choose(e.detail)}></tb-outcome-picker>
      ${this.problem ? html`<p class="bad">${this.problem}</p>` : nothing}
      ${m?.metrics ? html`<tb-score-cards .metrics=${m.metrics} .calibration=${m.calibration} .locale=${this.locale}></tb-score-cards>` : nothing}
      ${screen && m ? html`<tb-psi-card .screen=${screen} .score=${m.score} .baseline=${this.baseline} .asOf=${this.asOf()} .locale=${this.locale}
            @baseline=${(e: CustomEvent<PsiSnapshot | null>) => (this.baseline = e.detail)}></tb-psi-card>` : nothing}
      ${screen && m?.metrics
        ? html`<tb-iv-card .screen=${screen} .outcome=${this.outcome} .locale=${this.locale}></tb-iv-card>
            <tb-weight-suggestion .session=${this.session} .screen=${screen} .weights=${m.weights} .outcome=${this.outcome} .locale=${this.locale}></tb-weight-suggestion>`
        : nothing}
      <tb-scenario-compare .session=${this.session} .source=${this.source} .outcome=${this.outcome} .locale=${this.locale}></tb-scenario-compare>
      <tb-model-report-button .session=${this.session} .source=${this.source} .outcome=${this.outcome} .locale=${this.locale} .db=${this.db}></tb-model-report-button>
    </div>`;
  }

  static override styles = [
    theme,
    css`
      :host { display: block; }
      .layout { display: grid; gap: 12px; max-width: 1400px; }
      .layout > * { min-width: 0; }
      .intro { margin: 0; font-size: 13px; }
      .empty { color: var(--tb-muted); padding: 24px; }
      .bad { color: var(--tb-red); }
    `,
  ];
}

customElements.define('tb-evaluation', EvaluationView);
