import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { entropyWeights, type EntropyResult } from '../../scoring/entropy';
import type { Screen } from '../../scoring/screen';
import type { Locale } from '../i18n/locale';
import { message } from '../i18n/messages';
import { theme } from '../theme';

/**
 * The advisory alternatives beside the expert weights: entropy weights (熵权法) computed on the
 * normalised matrix, shown side by side with the sliders' weights; one click makes them the
 * weights (the sliders follow, and the notebook saves them). Advisory only: nothing changes
 * until the analyst chooses.
 */
export class AdvisoryWeights extends LitElement {
  static override properties = { screen: { attribute: false }, weights: { attribute: false }, locale: {} };
  declare screen: Screen | null;
  declare weights: Float64Array | null;
  declare locale: Locale;
  private entropy: EntropyResult | null = null;

  constructor() {
    super();
    this.screen = null;
    this.weights = null;
    this.locale = 'zh';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('screen')) this.entropy = this.screen ? entropyWeights(this.screen.matrix) : null;
  }

  private use(): void {
    const screen = this.screen;
    if (!screen || !this.entropy) return;
    const percent = Object.fromEntries(screen.matrix.columns.map((c, j) => [c, Math.round(this.entropy!.weights[j]! * 1000) / 10]));
    this.dispatchEvent(new CustomEvent('use-weights', { detail: percent, bubbles: true, composed: true }));
  }

  override render() {
    const screen = this.screen;
    if (!screen || !this.entropy || !this.weights) return nothing;
    const t = (k: Parameters<typeof message>[1]) => message(this.locale, k);
    const undefinedColumns = new Set(this.entropy.undefinedColumns);
    const label = new Map(screen.spec.indicators.map((i) => [i.column, i.label]));
    return html`<section class="card" data-testid="advisory-weights">
      <h3>${t('screening.advisory')}</h3>
      <table>
        <thead><tr><th></th><th class="num">${t('screening.expert')}</th><th class="num">${t('screening.entropy')}</th></tr></thead>
        <tbody>${screen.matrix.columns.map(
          (c, j) => html`<tr><td>${label.get(c) ?? c}</td><td class="num">${(100 * this.weights![j]!).toFixed(1)}%</td>
            <td class="num" title=${undefinedColumns.has(c) ? t('screening.entropyUndefined') : ''}>${undefinedColumns.has(c) ? '—' : `${(100 * this.entropy!.weights[j]!).toFixed(1)}%`}</td></tr>`,
        )}</tbody>
      </table>
      <button data-testid="use-entropy" @click=${() => this.use()}>${t('screening.useEntropy')}</button>
    </section>`;
  }

  static override styles = [
    theme,
    css`
      :host { display: block; }
      .card { background: var(--tb-card); border: 1px solid var(--tb-line); border-radius: var(--tb-radius); padding: 10px 14px; }
      h3 { margin: 0 0 8px; font-size: 14px; }
      table { border-collapse: collapse; width: 100%; font-size: 12px; margin-bottom: 8px; }
      td, th { padding: 2px 6px; border-bottom: 1px solid #eef1f5; text-align: left; }
      th { color: var(--tb-muted); font-weight: 500; }
      .num { text-align: right; font-variant-numeric: tabular-nums; }
      button { font-size: 12px; padding: 3px 10px; }
    `,
  ];
}

customElements.define('tb-advisory-weights', AdvisoryWeights);
