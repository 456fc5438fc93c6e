import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { psi, psiFromQuantiles, type PsiResult } from '../../scoring/metrics/psi';
import type { Screen } from '../../scoring/screen';
import type { Locale } from '../i18n/locale';
import { message, type MessageKey, type MessageParams } from '../i18n/messages';
import { panelStyle } from '../screening/panel-style';
import { theme } from '../theme';
import { psiChart } from './eval-charts';
import { transformedValues } from '../../scoring/normalise';
import { convention, evalStyle, fixed } from './eval-style';

/** A snapshot the analyst set: the score and each indicator's raw values at that moment. */
export interface PsiSnapshot {
  readonly label: string;
  readonly rows: number;
  readonly score: Float64Array;
  readonly indicators: ReadonlyMap<string, Float64Array>;
}

/** One line of the PSI table: the score or an indicator against the baseline. */
interface PsiLine {
  readonly key: string;
  readonly label: string;
  readonly result: PsiResult | null;
  readonly error?: string;
}

/**
 * PSI of the score and of each indicator between a baseline and the data now loaded. The baseline
 * is a snapshot the analyst sets with a button (kept in memory), or — when the model stores its
 * scale (`fitted:`) and no snapshot is set — the stored quantiles of each indicator, i.e. the
 * development sample. Changing the notebook's as_of (or loading other data) re-runs the matrix,
 * and this card then shows the drift.
 */
export class PsiCard extends LitElement {
  static override properties = { screen: { attribute: false }, score: { attribute: false }, asOf: {}, locale: {}, baseline: { attribute: false }, open: { state: true } };
  declare screen: Screen | null;
  declare score: Float64Array | null;
  /** the notebook's as_of when the baseline is set, to name it */
  declare asOf: string;
  declare locale: Locale;
  /**
   * the analyst's snapshot, held by the view: this card is re-created while the matrix re-runs
   * (the moment the baseline matters), so it cannot keep it itself
   */
  declare baseline: PsiSnapshot | null;
  /** the line whose bins are shown */
  declare open: string;
  private lines: PsiLine[] = [];

  constructor() {
    super();
    this.screen = null;
    this.score = null;
    this.asOf = '';
    this.locale = 'zh';
    this.baseline = null;
    this.open = 'score';
  }

  private t(key: MessageKey, params?: MessageParams): string {
    return message(this.locale, key, params);
  }

  /** `baseline` (detail: the snapshot, copies of the arrays, or null to clear). */
  private setBaseline(set: boolean): void {
    const screen = this.screen;
    let detail: PsiSnapshot | null = null;
    if (set && screen && this.score) {
      const indicators = new Map(screen.spec.indicators.map((i) => [i.column, Float64Array.from(screen.data.numbers.get(i.column) ?? [])]));
      detail = { label: this.asOf, rows: screen.data.rows, score: Float64Array.from(this.score), indicators };
    }
    this.dispatchEvent(new CustomEvent('baseline', { detail, bubbles: true, composed: true }));
  }

  protected override willUpdate(_changed: PropertyValues<this>): void {
    this.lines = this.compute();
  }

  private compute(): PsiLine[] {
    const screen = this.screen;
    if (!screen || !this.score) return [];
    const attempt = (key: string, label: string, run: () => PsiResult): PsiLine => {
      try {
        return { key, label, result: run() };
      } catch (error) {
        return { key, label, result: null, error: error instanceof Error ? error.message : String(error) };
      }
    };
    const b = this.baseline;
    if (b) {
      const score = this.score;
      return [
        attempt('score', this.t('eval.psiScore'), () => psi(b.score, score)),
        ...screen.spec.indicators.map((ind) =>
          attempt(ind.column, ind.label, () => {
            const base = b.indicators.get(ind.column);
            const now = screen.data.numbers.get(ind.column);
            if (!base || !now) throw new Error(this.t('eval.psiMissingColumn'));
            return psi(base, now);
          }),
        ),
      ];
    }
    if (screen.spec.fitted) {
      const byColumn = new Map(screen.fitted.map((f) => [f.column, f]));
      return screen.spec.indicators.map((ind) =>
        attempt(ind.column, ind.label, () => {
          const f = byColumn.get(ind.column);
          const now = screen.data.numbers.get(ind.column);
          if (!f || !now) throw new Error(this.t('eval.psiMissingColumn'));
          return psiFromQuantiles(f.quantiles, transformedValues(f, now));
        }),
      );
    }
    return [];
  }

  override render() {
    const screen = this.screen;
    if (!screen) return nothing;
    const b = this.baseline;
    const stored = !b && screen.spec.fitted;
    const source = b
      ? this.t('eval.psiBaselineSnapshot', { label: b.label || '—', rows: b.rows, now: screen.data.rows, current: this.asOf || '—' })
      : stored
        ? this.t('eval.psiBaselineStored', { n: screen.fitted[0] ? screen.fitted[0].present + screen.fitted[0].absent : 0 })
        : this.t('eval.psiNoBaseline');
    const open = this.lines.find((l) => l.key === this.open && l.result) ?? this.lines.find((l) => l.result);
    return html`<section class="card" data-testid="eval-psi">
      <h3>${this.t('eval.psi')}</h3>
      <p class="convention">${convention(this.locale, 'psi')}</p>
      <p class="headline">${source}
        <button class="small" data-testid="psi-set-baseline" @click=${() => this.setBaseline(true)}>${this.t('eval.psiSetBaseline')}</button>
        ${b ? html`<button class="small" @click=${() => this.setBaseline(false)}>${this.t('eval.psiClearBaseline')}</button>` : nothing}</p>
      ${this.lines.length
        ? html`<div class="pair">
            <table class="grid psi">
              <thead><tr><th></th><th class="num">PSI</th><th>${this.t('eval.band')}</th></tr></thead>
              <tbody>${this.lines.map((l) => html`<tr class=${open?.key === l.key ? 'open' : ''} data-psi=${l.key} @click=${() => (this.open = l.key)}>
                <td>${l.label}</td>
                ${l.result
                  ? html`<td class="num" data-value=${String(l.result.psi)}>${fixed(l.result.psi)}</td><td><span class="band ${l.result.band}">${this.t(`eval.band.${l.result.band}`)}</span></td>`
                  : html`<td colspan="2" class="bad small">${l.error}</td>`}</tr>`)}</tbody>
            </table>
            ${open?.result ? html`<div><h4>${open.label}</h4>${psiChart(this.binLabels(open.result), { expected: this.t('eval.psiExpected'), actual: this.t('eval.psiActual'), share: this.t('eval.psiShare') })}</div>` : nothing}
          </div>`
        : nothing}
    </section>`;
  }

  private binLabels(r: PsiResult): { label: string; expected: number; actual: number }[] {
    const n = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(1) : v.toPrecision(2));
    return r.bins.map((bin) => ({
      label: bin.missing ? this.t('eval.missing') : bin.low === -Infinity ? `≤ ${n(bin.high)}` : bin.high === Infinity ? `> ${n(bin.low)}` : `${n(bin.low)}–${n(bin.high)}`,
      expected: bin.expected,
      actual: bin.actual,
    }));
  }

  static override styles = [
    theme,
    panelStyle,
    evalStyle,
    css`
      .headline button { margin-left: 8px; padding: 2px 10px; font-size: 12px; }
      table.psi { width: auto; min-width: 260px; }
      table.psi tr { cursor: pointer; }
      table.psi tr.open td { background: var(--tb-blue-soft); }
      h4 { margin: 0 0 4px; font-size: 13px; font-weight: 500; }
    `,
  ];
}

customElements.define('tb-psi-card', PsiCard);
