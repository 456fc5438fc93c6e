import { LitElement, css, html, nothing } from 'lit';
import type { RiskCell, Warning, WarningThresholds } from '../../scoring/risk-grid';
import type { Screen } from '../../scoring/screen';
import type { Locale } from '../i18n/locale';
import { message, type MessageKey, type MessageParams } from '../i18n/messages';
import { formatAmount } from '../format';
import { theme } from '../theme';
import { panelStyle } from './panel-style';
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

  /** Industries and regions over their overdue-rate threshold: one chip each; a click filters the list to it. */
  private renderGroups() {
    const seen = new Map<string, Warning>();
    for (const w of this.warnings) if ((w.kind === 'industry' || w.kind === 'region') && w.group !== undefined) seen.set(`${w.kind}|${w.group}`, w);
    if (seen.size === 0 || !this.thresholds) return nothing;
    const th = this.thresholds;
    const groups = [...seen.values()].sort((a, b) => b.value - a.value);
    return html`<div class="groups" data-testid="group-warnings">
      ${groups.map(
        (w) => html`<button class="chip ${w.kind}" data-group=${`${w.kind}|${w.group}`}
          @click=${() => this.emit('pick-cell', this.groupCell(w))}>${warningText(w, th, this.locale)}</button>`,
      )}
    </div>`;
  }

  /** The map's total cell for a group warning (industry × all, or all × region). */
  private groupCell(w: Warning): RiskCell | null {
    const industry = w.kind === 'industry' ? w.group! : '';
    const region = w.kind === 'region' ? w.group! : '';
    const members = this.screen?.grid.filter((c) => (!industry || c.industry === industry) && (!region || c.region === region)) ?? [];
    const sum = (f: (c: RiskCell) => number) => members.reduce((a, c) => a + f(c), 0);
    const count = sum((c) => c.count);
    const overdueCount = sum((c) => c.overdueCount);
    return { industry, region, count, overdueCount, overdueRate: count ? overdueCount / count : 0, balance: sum((c) => c.balance), balanceAtRisk: sum((c) => c.balanceAtRisk) };
  }

  override render() {
    const screen = this.screen;
    if (!screen || screen.grid.length === 0) return nothing;
    const th = this.thresholds;
    const metrics: RiskMetric[] = ['overdueRate', 'balanceAtRisk', 'count'];
    const name = screen.data.text['name'];
    // a customer's own warnings; an industry or region over its threshold is one warning for the group
    const customers = this.warnings.filter((w) => w.kind === 'overdue' || w.kind === 'balance-drop');
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
        <h3>${this.t('screening.warnings')} <span class="muted">${this.t('screening.warnings.count', { count: customers.length })}</span></h3>
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
        ${this.renderGroups()}
        ${customers.length === 0
          ? html`<p class="muted">${this.t('screening.warnings.none')}</p>`
          : html`<table class="warnings" data-testid="customer-warnings">
              <tbody>${customers.slice(0, SHOWN).map(
                (w) => html`<tr data-kind=${w.kind}><td><button class="link" @click=${() => this.emit('pick-customer', { row: w.row })}>${name?.[w.row] || screen.data.ids[w.row]}</button></td>
                  <td class=${w.kind}>${th ? warningText(w, th, this.locale) : ''}</td></tr>`,
              )}</tbody>
            </table>
            ${customers.length > SHOWN ? html`<p class="muted small">${this.t('screening.warnings.more', { shown: SHOWN, count: customers.length })}</p>` : nothing}`}
      </section>
    </div>`;
  }

  static override styles = [
    theme,
    panelStyle,
    css`
      .card { overflow-x: auto; }
      .row { display: grid; grid-template-columns: minmax(0, 1fr); gap: 12px; }
      .metrics { display: flex; gap: 12px; font-size: 12px; margin-bottom: 4px; }
      .picked { font-size: 12px; margin: 6px 0 0; }
      .thresholds { display: flex; flex-wrap: wrap; gap: 8px 14px; font-size: 12px; margin-bottom: 8px; }
      .thresholds input { width: 64px; margin-left: 4px; }
      .groups { display: flex; flex-wrap: wrap; gap: 6px; margin-bottom: 8px; }
      .chip { font-size: 12px; padding: 2px 10px; border-radius: 12px; background: var(--tb-amber-soft); border-color: #f3d19c; }
      table.warnings { display: block; max-height: 320px; overflow-y: auto; font-size: 12px; border-collapse: collapse; }
      table.warnings td { padding: 2px 8px 2px 0; border-bottom: 1px solid #eef1f5; }
      td.overdue, td.balance-drop { color: var(--tb-red); }
      button.link { border: 0; background: none; padding: 0 6px 0 0; color: var(--tb-blue); cursor: pointer; font-size: 12px; }
    `,
  ];
}

customElements.define('tb-risk-panel', RiskPanel);
