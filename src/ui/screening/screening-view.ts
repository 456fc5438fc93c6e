import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import type { InputSpec, SettableValue } from '../../notebook/document';
import { earlyWarnings, type RiskCell, type Warning, type WarningThresholds } from '../../scoring/risk-grid';
import { LIBRARY_COLUMNS, type Screen } from '../../scoring/screen';
import type { ScreenState } from '../../scoring/screen';
import { SEGMENTS } from '../../scoring/segments';
import { fitIndicators } from '../../scoring/normalise';
import { toStoredFit } from '../../scoring/stored-fit';
import { withStoredFit } from '../../notebook/format/model-fit';
import type { Locale } from '../i18n/locale';
import { message, type MessageKey, type MessageParams } from '../i18n/messages';
import type { NotebookSession } from '../notebook/notebook-session';
import type { Database } from '../../engine/database';
import { HiddenTabController } from '../controllers/hidden-tab-controller';
import { theme } from '../theme';
import { panelStyle } from './panel-style';
import { profileContext } from './profile-context';
import type { ScreeningSource } from './screening-source';
import { formatAmount } from '../format';
import { contributionChart, histogramChart, tierBars, TIER_COLORS, type ChartText } from './screening-charts';
import type { ProfileContext } from './customer-profile';
import '../notebook/input-control';
import './advisory-weights';
import './customer-profile';
import './name-list';
import './risk-panel';

type WeightMethod = 'expert' | 'entropy' | 'ahp';

/**
 * The screening view: the notebook's model, live. Weights and tier inputs on the left; tier
 * distribution, score histogram, tiers × segments and contributions follow each slider movement
 * in the same event (the model re-weights typed arrays; nothing is re-read from DuckDB); below,
 * the industry × region risk map with the early warnings, the name list and its export, and the
 * customer profile on a click.
 */
export class ScreeningView extends LitElement {
  static override properties = {
    session: { attribute: false },
    db: { attribute: false },
    source: { attribute: false },
    locale: {},
    hidden: { type: Boolean, reflect: true },
    state: { state: true },
    problem: { state: true },
    picked: { state: true },
    profile: { state: true },
    thresholds: { state: true },
    method: { state: true },
  };
  declare session: NotebookSession | null;
  declare db: Database | null;
  declare locale: Locale;
  /** another tab is showing: nothing is computed or drawn, only noted, until the tab is shown again */
  declare hidden: boolean;
  private readonly tab = new HiddenTabController(this, { refresh: () => this.recompute(), follow: () => this.recompute() });
  declare state: ScreenState | null;
  declare problem: string | null;
  declare picked: RiskCell | null;
  declare profile: ProfileContext | null;
  declare thresholds: WarningThresholds;
  /** which method produced the weights in use (every score says so) */
  declare method: WeightMethod;
  private warnings: { screen: Screen; thresholds: WarningThresholds; list: Warning[] } | null = null;
  /** the notebook's model and matrix, shared with the evaluation tab */
  declare source: ScreeningSource | null;

  constructor() {
    super();
    this.session = null;
    this.db = null;
    this.source = null;
    this.locale = 'zh';
    this.state = null;
    this.problem = null;
    this.picked = null;
    this.profile = null;
    this.method = 'expert';
    this.thresholds = { overdueDays: 30, balanceDrop: 0.3, industryOverdueRate: 0.15, regionOverdueRate: 0.15, minGroupSize: 20 };
  }

  /** The early warnings at the current thresholds (computed once per screen and thresholds). */
  private warningList(screen: Screen): Warning[] {
    if (this.warnings?.screen !== screen || this.warnings.thresholds !== this.thresholds) {
      const n = (c: string) => screen.data.numbers.get(c);
      const overdue = n(screen.spec.overrides.overdueColumn ?? LIBRARY_COLUMNS.overdue);
      const drop = n(LIBRARY_COLUMNS.largestDrop);
      const list = overdue
        ? earlyWarnings({ industry: screen.data.text['industry'] ?? [], region: screen.data.text['region'] ?? [], overdueDays: overdue, ...(drop ? { largestDrop: drop } : {}) }, this.thresholds)
        : [];
      this.warnings = { screen, thresholds: this.thresholds, list };
    }
    return this.warnings.list;
  }

  private t(key: MessageKey, params?: MessageParams): string {
    return message(this.locale, key, params);
  }

  /** Hidden, the tab draws nothing; it still follows a new source or session, so it is ready when shown. */
  protected override shouldUpdate(changed: PropertyValues<this>): boolean {
    return this.tab.shouldUpdate(changed);
  }

  /** Re-weights and re-tiers from the inputs' current values (synchronous: the same frame). */
  private recompute(): void {
    if (this.tab.defer()) return;
    const status = this.source?.status;
    if (status?.kind !== 'ready') {
      this.state = null;
      this.requestUpdate();
      return;
    }
    const params = this.source!.params();
    if (typeof params === 'string') {
      this.problem = params;
      this.state = null;
      return;
    }
    this.problem = null;
    this.state = status.screen.update(params);
    if (this.profile) this.openProfile(status.screen.data.ids.indexOf(this.profile.customerId));
  }

  /**
   * Stores the scale in the model input (`fitted:`), so this notebook scores any later data on
   * it: the one in use (fitted on this data) or, to refit, one fitted afresh on this data.
   */
  private storeFit(current: boolean): void {
    const status = this.source?.status;
    if (status?.kind !== 'ready' || !this.session) return;
    const cell = this.session.document.cells.find((c) => c.id === status.modelCell);
    if (!cell) return;
    const fitted = current ? status.screen.fitted : fitIndicators(status.spec.indicators, status.screen.data.numbers);
    this.session.editCell(cell.id, withStoredFit(cell.source, fitted.map(toStoredFit)));
  }

  private setInput(name: string, value: SettableValue): void {
    // a hand on the sliders makes the weights expert weights again
    if (name === (this.source?.status.kind === 'ready' ? this.source.status.spec.weights : '')) this.method = 'expert';
    this.session?.setInput(name, value);
    this.recompute();
  }

  private inputSpec(name: string): InputSpec | undefined {
    const cell = this.session?.document.cells.find((c) => c.kind === 'input' && c.name === name);
    return cell ? this.session!.inputSpec(cell.id) : undefined;
  }

  private chartText(): ChartText {
    return {
      tiers: [this.t('tier.strategic'), this.t('tier.growth'), this.t('tier.general')],
      customers: this.t('screening.customers'),
      balance: this.t('screening.balance'),
      score: this.t('screening.score'),
      points: this.t('screening.points'),
      strategicCut: this.t('screening.strategicCut'),
      growthCut: this.t('screening.growthCut'),
    };
  }

  private openProfile(row: number): void {
    const status = this.source?.status;
    if (row < 0 || status?.kind !== 'ready' || !this.state) {
      this.profile = null;
      return;
    }
    this.profile = profileContext(status.screen, this.state, row, this.warningList(status.screen), this.thresholds, this.locale);
  }

  override render() {
    const status = this.source?.status ?? { kind: 'no-model' as const };
    switch (status.kind) {
      case 'no-model':
        return html`<p class="empty" data-testid="screening-empty">${this.t('screening.noModel')}</p>`;
      case 'waiting':
        return html`<p class="empty" data-testid="screening-waiting">${this.t(status.failed ? 'screening.matrixFailed' : 'screening.waiting', { cell: status.matrix })}</p>`;
      case 'loading':
        return html`<p class="empty">${this.t('screening.loading')}</p>`;
      case 'error':
        return html`<p class="empty bad" data-testid="screening-error">${this.t('screening.error', { message: status.message })}</p>`;
      case 'ready':
        break;
    }
    const { screen, spec } = status;
    const state = this.state;
    const text = this.chartText();
    const labels = spec.indicators.map((i) => i.label);
    const weightsSpec = this.inputSpec(spec.weights);
    const tierInputs = [spec.tiers.strategic, spec.tiers.growth, spec.overrides.maxOverdueDays].filter((v): v is string => typeof v === 'string');
    const sets = Object.keys(this.session?.document.parameterSets ?? {});
    return html`
      <div class="layout" data-testid="screening">
        <aside class="controls">
          <section class="card">
            <h3>${this.t('screening.weights')}</h3>
            ${weightsSpec
              ? html`<tb-input-control .spec=${weightsSpec} .bare=${true} name=${spec.weights} .labels=${Object.fromEntries(spec.indicators.map((i) => [i.column, i.label]))}
                  @input-value=${(e: CustomEvent<{ value: SettableValue }>) => this.setInput(spec.weights, e.detail.value)}></tb-input-control>`
              : nothing}
            ${sets.length
              ? html`<div class="sets"><span class="muted">${this.t('screening.parameterSets')}</span>
                  ${sets.map((s) => html`<button data-set=${s} @click=${() => { this.session?.applyParameterSet(s); this.method = 'expert'; this.recompute(); }}>${s}</button>`)}</div>`
              : nothing}
          </section>
          <section class="card">
            <h3>${this.t('screening.tiers')}</h3>
            ${tierInputs.map((name) => {
              const s = this.inputSpec(name);
              return s ? html`<tb-input-control .spec=${s} name=${name} @input-value=${(e: CustomEvent<{ value: SettableValue }>) => this.setInput(name, e.detail.value)}></tb-input-control>` : nothing;
            })}
          </section>
          ${state
            ? html`<tb-advisory-weights .screen=${screen} .weights=${state.weights} .locale=${this.locale}
                @use-weights=${(e: CustomEvent<{ weights: Record<string, number>; method: WeightMethod }>) => {
                  this.setInput(spec.weights, e.detail.weights);
                  this.method = e.detail.method;
                }}></tb-advisory-weights>`
            : nothing}
        </aside>
        <div class="main">
          <p class="summary muted" data-testid="screening-summary">${this.t('screening.summary', { rows: screen.data.rows, indicators: spec.indicators.length, method: this.t(`screening.${this.method}`) })}
            · ${spec.fitted ? this.t('screening.fittedStored', { n: spec.fitted[0] ? spec.fitted[0].present + spec.fitted[0].absent : 0 }) : this.t('screening.fittedHere')}
            ${this.session?.review
              ? nothing
              : html`<button class="quiet small" data-testid="store-fit" title=${this.t('screening.storeFitHint')} @click=${() => this.storeFit(!spec.fitted)}>${this.t(spec.fitted ? 'screening.refit' : 'screening.saveFit')}</button>`}</p>
          ${this.problem ? html`<p class="bad">${this.t('screening.paramsMissing', { message: this.problem })}</p>` : nothing}
          ${state
            ? html`
              <div class="row">
                <section class="card" data-testid="tier-distribution"><h3>${this.t('screening.tierDistribution')}</h3>
                  <div class="counts">${text.tiers.map((tier, t) => html`<span class="badge" style="--c:${TIER_COLORS[t]}">${tier} <b class="num" data-tier-count=${t}>${state.tiering.counts[t]!.toLocaleString()}</b></span>`)}</div>
                  <div class="pair">
                    ${tierBars(state.tiering.counts, text, this.t('screening.customers'), (v) => `${v.toLocaleString()} · ${((100 * v) / (screen.data.rows || 1)).toFixed(1)}%`)}
                    ${tierBars(state.tierBalance, text, this.t('screening.balance'), (v) => formatAmount(v, this.locale))}
                  </div></section>
                <section class="card" data-testid="score-histogram"><h3>${this.t('screening.histogram')}</h3>${histogramChart(state.histogram, state.tiering.cuts, text)}</section>
              </div>
              <div class="row">
                <section class="card" data-testid="tier-segment">${this.renderTierSegment(state, text)}</section>
                <section class="card" data-testid="contributions"><h3>${this.t('screening.contributions')}</h3>${contributionChart(labels, screen.contributionsByTier(state), text)}</section>
              </div>
              <tb-risk-panel .screen=${screen} .locale=${this.locale} .picked=${this.picked} .warnings=${this.warningList(screen)} .thresholds=${this.thresholds}
                @thresholds=${(e: CustomEvent<WarningThresholds>) => (this.thresholds = e.detail)}
                @pick-cell=${(e: CustomEvent<RiskCell | null>) => (this.picked = e.detail)}
                @pick-customer=${(e: CustomEvent<{ row: number }>) => this.openProfile(e.detail.row)}></tb-risk-panel>
              <tb-name-list .screen=${screen} .state=${state} .locale=${this.locale} .picked=${this.picked}
                @clear-cell=${() => (this.picked = null)}
                @pick-customer=${(e: CustomEvent<{ row: number }>) => this.openProfile(e.detail.row)}></tb-name-list>`
            : nothing}
        </div>
      </div>
      <tb-customer-profile .db=${this.db} .context=${this.profile} .asOf=${this.asOf()} .locale=${this.locale} ?open=${this.profile !== null}
        @close=${() => (this.profile = null)}></tb-customer-profile>
    `;
  }

  /** The analysis date the profile's timeline marks: the notebook's `as_of` input. */
  private asOf(): string {
    const v = this.session?.runtime.inputValues().get('as_of');
    return typeof v === 'string' ? v : new Date().toISOString().slice(0, 10);
  }

  private renderTierSegment(state: ScreenState, text: ChartText) {
    const n = SEGMENTS.length;
    const zh = this.locale === 'zh';
    const rowTotal = (s: number) => [0, 1, 2].reduce((a, t) => a + state.tierBySegment[t * n + s]!, 0);
    return html`<h3>${this.t('screening.tierBySegment')}</h3>
      <table class="grid">
        <thead><tr><th>${this.t('screening.segment')}</th>${text.tiers.map((tier) => html`<th class="num">${tier}</th>`)}<th class="num">${this.t('screening.total')}</th><th>${this.t('screening.campaign')}</th></tr></thead>
        <tbody>${SEGMENTS.map(
          (seg, s) => html`<tr data-segment=${seg.id} title=${`${zh ? seg.signature.zh : seg.signature.en}\n${this.t('screening.strategy')}: ${zh ? seg.strategy.zh : seg.strategy.en}`}>
            <td class="nowrap">${zh ? seg.zh : seg.en}</td>${[0, 1, 2].map((t) => html`<td class="num">${state.tierBySegment[t * n + s]!.toLocaleString()}</td>`)}
            <td class="num">${rowTotal(s).toLocaleString()}</td><td class="muted small">${zh ? seg.campaign.zh : seg.campaign.en}</td></tr>`,
        )}</tbody>
      </table>`;
  }

  static override styles = [
    theme,
    panelStyle,
    css`
      .card { overflow-x: auto; }
      .empty { color: var(--tb-muted); padding: 24px; }
      .bad { color: var(--tb-red); }
      .layout { display: grid; grid-template-columns: 300px minmax(0, 1fr); gap: 12px; align-items: start; }
      .controls { display: grid; gap: 12px; }
      .main { display: grid; gap: 12px; min-width: 0; }
      .main > *, .row > * { min-width: 0; }
      .row { display: grid; grid-template-columns: repeat(auto-fit, minmax(440px, 1fr)); gap: 12px; }
      .pair { display: grid; gap: 4px; }
      .summary { margin: 0; }
      .summary button { margin-left: 8px; padding: 2px 10px; font-size: 12px; }
      .nowrap { white-space: nowrap; }
      .sets { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin-top: 10px; font-size: 12px; }
      .sets button { padding: 2px 10px; }
      .counts { display: flex; gap: 8px; margin-bottom: 6px; }
      .badge { border-left: 4px solid var(--c); padding: 2px 8px; background: #f7f9fb; border-radius: 4px; }
      table.grid { border-collapse: collapse; width: 100%; font-size: 13px; }
      table.grid th, table.grid td { padding: 4px 8px; border-bottom: 1px solid #eef1f5; text-align: left; }
      table.grid th { color: var(--tb-muted); font-weight: 500; }
    `,
  ];
}

customElements.define('tb-screening', ScreeningView);
