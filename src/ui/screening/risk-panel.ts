import { LitElement, css, html, nothing } from 'lit';
import type { RiskCell, Warning, WarningThresholds } from '../../scoring/risk-grid';
import type { Screen } from '../../scoring/screen';
import type { Locale } from '../i18n/locale';
import { message, type MessageKey, type MessageParams } from '../i18n/messages';
import { formatAmount } from '../format';
import { theme } from '../theme';
import { riskHeatmap, type RiskMetric } from './screening-charts';
import { warningText } from './warnings-text';

/** How many warnings the list shows (the count says how many there are). */
const SHOWN = 200;

/**
 * Risk: the industry × region heatmap (overdue rate, balance at risk, customer count), where a
 * click on a cell filters the name list (`pick-cell`, detail: the cell, or null to clear); and the
 * early-warning list with its thresholds, each warning opening the customer (`pick-customer`).
 */
export class RiskPanel extends LitElement {
  static override properties = {
    screen: { attribute: false },
    warnings: { attribute: false },
    thresholds: { attribute: false },
    picked: { attribute: false },
    locale: {},
    metric: { state: true },
  };
  declare screen: Screen | null;
  declare warnings: readonly Warning[];
  declare thresholds: WarningThresholds | null;
  declare picked: RiskCell | null;
  declare locale: Locale;
  declare metric: RiskMetric;

  constructor() {
    super();
    this.screen = null;
    this.warnings = [];
    this.thresholds = null;
    this.picked = null;
    this.locale = 'zh';
    this.metric = 'overdueRate';
  }

  private t(key: MessageKey, params?: MessageParams): string {
    return message(this.locale, key, params);
  }

  private emit(name: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }

  private setThreshold(key: keyof WarningThresholds, raw: string, scale: number): void {
    const v = Number(raw);
    if (!this.thresholds || !Number.isFinite(v) || v < 0) return;
    this.emit('thresholds', { ...this.thresholds, [key]: v / scale });
  }

  private cellInfo(c: RiskCell): string {
    return this.t('screening.cellInfo', { count: c.count, overdue: c.overdueCount, rate: `${(100 * c.overdueRate).toFixed(1)}%`, risk: formatAmount(c.balanceAtRisk, this.locale) });
  }

  override render() {
    const screen = this.screen;
    if (!screen || screen.grid.length === 0) return nothing;
    const th = this.thresholds;
    const metrics: RiskMetric[] = ['overdueRate', 'balanceAtRisk', 'count'];
    const name = screen.data.text['name'];
    return html`<div class="row">
      <section class="card" data-testid="risk-heatmap">
        <h3>${this.t('screening.risk')}</h3>
        <div class="metrics" role="radiogroup">
          ${metrics.map((m) => html`<label><input type="radio" name="metric" .checked=${this.metric === m} data-metric=${m} @change=${() => (this.metric = m)} />${this.t(`screening.metric.${m}`)}</label>`)}
        </div>
        ${riskHeatmap(screen.grid, this.metric, this.picked, (cell) => this.emit('pick-cell', cell), (c) => this.cellInfo(c), {
          industry: this.t('screening.industry'),
          region: this.t('screening.region'),
          metric: this.t(`screening.metric.${this.metric}`),
          all: this.t('screening.all'),
        })}
        ${this.picked ? html`<p class="picked" data-testid="picked-cell"><b>${this.picked.industry || this.t('screening.all')} × ${this.picked.region || this.t('screening.all')}</b> · ${this.cellInfo(this.picked)}</p>` : nothing}
      </section>
      <section class="card" data-testid="warnings">
        <h3>${this.t('screening.warnings')} <span class="muted">${this.t('screening.warnings.count', { count: this.warnings.length })}</span></h3>
        ${th
          ? html`<div class="thresholds">
              <label>${this.t('screening.threshold.overdue')}<input type="number" min="0" step="1" .value=${String(th.overdueDays)} data-threshold="overdue" @change=${(e: Event) => this.setThreshold('overdueDays', (e.target as HTMLInputElement).value, 1)} /></label>
              <label>${this.t('screening.threshold.drop')}<input type="number" min="0" max="100" step="5" .value=${String(Math.round(th.balanceDrop * 100))} @change=${(e: Event) => this.setThreshold('balanceDrop', (e.target as HTMLInputElement).value, 100)} /></label>
              <label>${this.t('screening.threshold.group')}<input type="number" min="0" max="100" step="1" .value=${String(Math.round(th.industryOverdueRate * 100))}
                @change=${(e: Event) => {
                  const v = Number((e.target as HTMLInputElement).value) / 100;
                  if (Number.isFinite(v) && v >= 0) this.emit('thresholds', { ...th, industryOverdueRate: v, regionOverdueRate: v });
                }} /></label>
            </div>`
          : nothing}
        ${this.warnings.length === 0
          ? html`<p class="muted">${this.t('screening.warnings.none')}</p>`
          : html`<ol class="warnings">${this.warnings.slice(0, SHOWN).map(
              (w) => html`<li class=${w.kind} data-kind=${w.kind}><button class="link" @click=${() => this.emit('pick-customer', { row: w.row })}>${name?.[w.row] || screen.data.ids[w.row]}</button>
                <span>${th ? warningText(w, th, this.locale) : ''}</span></li>`,
            )}</ol>`}
      </section>
    </div>`;
  }

  static override styles = [
    theme,
    css`
      :host { display: block; }
      .row { display: grid; grid-template-columns: minmax(0, 1fr); gap: 12px; }
      .card { background: var(--tb-card); border: 1px solid var(--tb-line); border-radius: var(--tb-radius); padding: 10px 14px; min-width: 0; overflow-x: auto; }
      h3 { margin: 0 0 8px; font-size: 14px; }
      .muted { color: var(--tb-muted); font-weight: 400; }
      .metrics { display: flex; gap: 12px; font-size: 12px; margin-bottom: 4px; }
      .picked { font-size: 12px; margin: 6px 0 0; }
      .thresholds { display: flex; flex-wrap: wrap; gap: 8px 14px; font-size: 12px; margin-bottom: 8px; }
      .thresholds input { width: 64px; margin-left: 4px; }
      .warnings { margin: 0; padding-left: 20px; max-height: 320px; overflow-y: auto; font-size: 12px; columns: 2 360px; }
      .warnings li { padding: 2px 0; }
      .warnings li.overdue::marker, .warnings li.balance-drop::marker { color: var(--tb-red); }
      button.link { border: 0; background: none; padding: 0 6px 0 0; color: var(--tb-blue); cursor: pointer; font-size: 12px; }
    `,
  ];
}

customElements.define('tb-risk-panel', RiskPanel);
