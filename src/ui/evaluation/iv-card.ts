import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { informationValue, type IvResult } from '../../scoring/metrics/iv';
import type { Screen } from '../../scoring/screen';
import type { Locale } from '../i18n/locale';
import { message, type MessageKey, type MessageParams } from '../i18n/messages';
import { panelStyle } from '../screening/panel-style';
import { theme } from '../theme';
import { gather } from './eval-compute';
import { outcomeRows } from './outcome-load';
import { convention, evalStyle, fixed, pct } from './eval-style';
import type { Outcome } from './outcome';

/** One indicator's IV (or why it has none). */
export interface IndicatorIv {
  readonly column: string;
  readonly label: string;
  readonly result: IvResult | null;
  readonly error?: string;
}

/**
 * IV and WoE of each indicator's raw values against the outcome, over the customers with a known
 * outcome, sorted by IV (strongest first; those without a value last). Raw, not normalised: the
 * bins are equal-frequency, so any monotone transform gives the same IV, and raw bin edges are
 * what an analyst can read.
 */
export function indicatorIvs(screen: Screen, outcome: Outcome): IndicatorIv[] {
  const rows = outcomeRows(outcome);
  const event = gather(outcome.event, rows);
  const list = screen.spec.indicators.map((ind): IndicatorIv => {
    const values = screen.data.numbers.get(ind.column);
    if (!values) return { column: ind.column, label: ind.label, result: null, error: 'not in the matrix' };
    try {
      return { column: ind.column, label: ind.label, result: informationValue(gather(values, rows), event) };
    } catch (error) {
      return { column: ind.column, label: ind.label, result: null, error: error instanceof Error ? error.message : String(error) };
    }
  });
  return list.sort((a, b) => (b.result?.iv ?? -1) - (a.result?.iv ?? -1));
}

/** The IV table, computed once per matrix and outcome (not on slider movements: IV ignores weights). */
export class IvCard extends LitElement {
  static override properties = { screen: { attribute: false }, outcome: { attribute: false }, locale: {} };
  declare screen: Screen | null;
  declare outcome: Outcome | null;
  declare locale: Locale;
  private list: IndicatorIv[] = [];

  constructor() {
    super();
    this.screen = null;
    this.outcome = null;
    this.locale = 'zh';
  }

  private t(key: MessageKey, params?: MessageParams): string {
    return message(this.locale, key, params);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('screen') || changed.has('outcome')) this.list = this.screen && this.outcome ? indicatorIvs(this.screen, this.outcome) : [];
  }

  override render() {
    if (!this.list.length) return nothing;
    const n = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(3));
    return html`<section class="card" data-testid="eval-iv">
      <h3>${this.t('eval.iv')}</h3>
      <p class="convention">${convention(this.locale, 'iv')}</p>
      <table class="grid">
        <thead><tr><th>${this.t('eval.indicator')}</th><th class="num">IV</th><th>${this.t('eval.band')}</th><th>${this.t('eval.bins')}</th></tr></thead>
        <tbody>${this.list.map((item) => html`<tr data-iv=${item.column}>
          <td>${item.label}</td>
          ${item.result
            ? html`<td class="num" data-value=${String(item.result.iv)}>${fixed(item.result.iv)}</td><td><span class="band ${item.result.band}">${this.t(`eval.iv.${item.result.band}`)}</span></td>
                <td><details><summary>${this.t('eval.binsCount', { n: item.result.bins.length })}</summary>
                  <table class="grid bins">
                    <thead><tr><th>${this.t('eval.range')}</th><th class="num">${this.t('eval.customers')}</th><th class="num">${this.t('eval.events')}</th>
                      <th class="num">${this.t('eval.rate')}</th><th class="num">WoE</th><th class="num">IV</th></tr></thead>
                    <tbody>${item.result.bins.map((b) => html`<tr><td>${b.missing ? this.t('eval.missing') : `${n(b.low)} – ${n(b.high)}`}</td><td class="num">${b.count}</td><td class="num">${b.events}</td>
                      <td class="num">${pct(b.events / b.count)}</td><td class="num">${fixed(b.woe)}</td><td class="num">${fixed(b.iv, 4)}</td></tr>`)}</tbody>
                  </table></details></td>`
            : html`<td colspan="3" class="bad small">${item.error}</td>`}
        </tr>`)}</tbody>
      </table>
    </section>`;
  }

  static override styles = [
    theme,
    panelStyle,
    evalStyle,
    css`
      :host > .card > table.grid { width: auto; min-width: 60%; }
      table.grid > tbody > tr > td { vertical-align: top; }
      summary { cursor: pointer; color: var(--tb-blue); font-size: 12px; }
      table.bins { margin: 4px 0 8px; width: auto; }
    `,
  ];
}

customElements.define('tb-iv-card', IvCard);
