import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { ahpMatrix, ahpWeights, SAATY_RI, type AhpResult } from '../../scoring/ahp';
import { dimensionsOf, dimensionTotals, distributeToIndicators, judgementsFromWeights, mostInconsistentPair, type Dimensions } from '../../scoring/ahp-dimensions';
import { entropyWeights, type EntropyResult } from '../../scoring/entropy';
import type { Screen } from '../../scoring/screen';
import type { Locale } from '../i18n/locale';
import { message, type MessageKey, type MessageParams } from '../i18n/messages';
import { theme } from '../theme';
import { panelStyle } from './panel-style';
import './ahp-editor';

/** Fractions aligned with the columns → percent by column, to 0.1 (what the weights input holds). */
function percentByColumn(columns: readonly string[], weights: ArrayLike<number>): Record<string, number> {
  return Object.fromEntries(columns.map((c, j) => [c, Math.round(weights[j]! * 1000) / 10]));
}

const pct = (v: number) => `${(100 * v).toFixed(1)}%`;

/** A ratio as "A : B" with the smaller side 1 (9 → "9 : 1", 0.625 → "1 : 1.6"): how analysts say it. */
function ratioText(v: number): string {
  const side = (x: number) => (Math.abs(x - Math.round(x)) < 0.05 ? String(Math.round(x)) : x.toFixed(1));
  return v >= 1 ? `${side(v)} : 1` : `1 : ${side(1 / v)}`;
}

/** The AHP column at the current judgements: dimension weights, indicator weights, consistency. */
interface AhpView {
  readonly result: AhpResult;
  readonly indicators: Float64Array;
  readonly judgements: ReadonlyMap<string, number>;
  /** the pair to reconsider when inconsistent */
  readonly flagged: { i: number; j: number; implied: number } | null;
}

/**
 * The advisory alternatives beside the expert weights, per dimension and indicator: entropy
 * weights (熵权法) computed on the normalised matrix, and AHP over the model's dimensions from the
 * analyst's pairwise judgements. One click makes either the weights (the sliders follow, and the
 * notebook saves them). Advisory only: nothing changes until the analyst chooses.
 *
 * AHP judges dimensions, not indicators: pairs of dimensions are what an analyst can argue about,
 * and 8 dimensions stay within the random-index table where 13 indicators would not. Each
 * dimension's AHP weight is split among its indicators by their current expert weights (equally
 * when those are all 0), so AHP decides between dimensions and the sliders keep deciding within
 * one. The judgements start from the expert weights (each ratio rounded to Saaty's scale) and
 * follow them until the analyst changes a judgement; from then on they are the analyst's until
 * reset (per session: they are not saved in the notebook).
 */
export class AdvisoryWeights extends LitElement {
  static override properties = { screen: { attribute: false }, weights: { attribute: false }, locale: {}, own: { state: true } };
  declare screen: Screen | null;
  declare weights: Float64Array | null;
  declare locale: Locale;
  /** the analyst's judgements (null: derived from the expert weights) */
  declare own: Map<string, number> | null;
  private entropy: EntropyResult | null = null;
  private dimensions: Dimensions | null = null;

  constructor() {
    super();
    this.screen = null;
    this.weights = null;
    this.locale = 'zh';
    this.own = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('screen')) return;
    const screen = this.screen;
    this.entropy = screen ? entropyWeights(screen.matrix) : null;
    const previous = this.dimensions?.names.join('\u0000');
    if (screen) {
      // the matrix's column order is the one the weights vector follows
      const byColumn = new Map(screen.spec.indicators.map((i) => [i.column, i]));
      this.dimensions = dimensionsOf(screen.matrix.columns.map((column) => byColumn.get(column) ?? { column, label: column, dimension: '' }));
    } else this.dimensions = null;
    // judgements are by dimension position: they only carry over to the same dimensions
    if (this.dimensions?.names.join('\u0000') !== previous) this.own = null;
  }

  private t(key: MessageKey, params?: MessageParams): string {
    return message(this.locale, key, params);
  }

  /** AHP at the current judgements, or null when there are more dimensions than the RI table covers. */
  private ahp(dimensions: Dimensions, weights: Float64Array): AhpView | null {
    const n = dimensions.names.length;
    if (n > SAATY_RI.length) return null;
    const judgements = this.own ?? judgementsFromWeights(dimensionTotals(dimensions, weights));
    const matrix = ahpMatrix(n, judgements);
    const result = ahpWeights(matrix);
    return {
      result,
      indicators: distributeToIndicators(dimensions, result.weights, weights),
      judgements,
      flagged: result.consistent ? null : mostInconsistentPair(matrix, result.weights),
    };
  }

  /** `use-weights` (detail: { weights in percent by indicator column, the method that produced them }). */
  private use(weights: ArrayLike<number>, method: 'entropy' | 'ahp'): void {
    if (!this.screen) return;
    this.dispatchEvent(new CustomEvent('use-weights', { detail: { weights: percentByColumn(this.screen.matrix.columns, weights), method }, bubbles: true, composed: true }));
  }

  private judge(key: string, value: number, current: ReadonlyMap<string, number>): void {
    this.own = new Map(current).set(key, value);
  }

  override render() {
    const { screen, entropy, weights, dimensions } = this;
    if (!screen || !entropy || !weights || !dimensions) return nothing;
    const undefinedColumns = new Set(entropy.undefinedColumns);
    const columns = screen.matrix.columns;
    const label = new Map(screen.spec.indicators.map((i) => [i.column, i.label]));
    const ahp = this.ahp(dimensions, weights);
    const expertDims = dimensionTotals(dimensions, weights);
    const entropyDims = dimensionTotals(dimensions, entropy.weights);
    const entropyCell = (j: number) => (undefinedColumns.has(columns[j]!) ? html`<td class="num" title=${this.t('screening.entropyUndefined')}>—</td>` : html`<td class="num">${pct(entropy.weights[j]!)}</td>`);
    return html`<section class="card" data-testid="advisory-weights">
      <h3>${this.t('screening.advisory')}</h3>
      <table>
        <thead><tr><th></th><th class="num">${this.t('screening.expert')}</th><th class="num">${this.t('screening.entropy')}</th>
          <th class="num" title=${this.t('screening.ahpColumnTitle')}>${this.t('screening.ahp')}</th></tr></thead>
        ${dimensions.members.map((members, d) => {
          // a dimension of one indicator is one row: the dimension's name (what the judgements
          // below speak of) with the indicator's label beside it
          const single = members.length === 1;
          return html`<tbody>
            ${single
              ? nothing
              : html`<tr class="dim"><td>${dimensions.names[d]}</td><td class="num">${pct(expertDims[d]!)}</td><td class="num">${pct(entropyDims[d]!)}</td>
                  <td class="num" data-ahp-dimension=${d}>${ahp ? pct(ahp.result.weights[d]!) : '—'}</td></tr>`}
            ${members.map(
              (j) => html`<tr class=${single ? 'dim' : 'member'}>
                <td>${single && dimensions.names[d] !== (label.get(columns[j]!) ?? columns[j])
                  ? html`${dimensions.names[d]} <span class="sub">${label.get(columns[j]!) ?? columns[j]}</span>`
                  : (label.get(columns[j]!) ?? columns[j])}</td><td class="num">${pct(weights[j]!)}</td>${entropyCell(j)}
                <td class="num" data-ahp=${columns[j]!}>${ahp ? pct(ahp.indicators[j]!) : '—'}</td></tr>`,
            )}
          </tbody>`;
        })}
      </table>
      ${ahp ? this.renderAhp(dimensions, ahp) : html`<p class="note bad" data-testid="ahp-too-many">${this.t('screening.ahpTooMany', { n: dimensions.names.length })}</p>`}
      <div class="buttons">
        <button data-testid="use-entropy" @click=${() => this.use(entropy.weights, 'entropy')}>${this.t('screening.useEntropy')}</button>
        ${ahp
          ? html`<button data-testid="use-ahp" ?disabled=${!ahp.result.consistent} title=${ahp.result.consistent ? '' : this.t('screening.ahpUseDisabled')}
              @click=${() => this.use(ahp.indicators, 'ahp')}>${this.t('screening.useAhp')}</button>`
          : nothing}
      </div>
    </section>`;
  }

  private renderAhp(dimensions: Dimensions, ahp: AhpView) {
    const r = ahp.result;
    const n = dimensions.names.length;
    const f = ahp.flagged;
    return html`<div class="ahp" data-testid="ahp">
      <p class="stats">${this.t('screening.ahpStats', { lambda: r.lambdaMax.toFixed(3), ci: r.ci.toFixed(3), cr: r.cr.toFixed(3) })}
        <br /><span class="muted">${this.t('screening.ahpRi', { ri: r.ri.toFixed(2), n: String(n), table: r.riTable })}</span></p>
      <p class="verdict ${r.consistent ? 'good' : 'bad'}" data-testid="ahp-verdict" data-consistent=${String(r.consistent)}>
        ${r.consistent
          ? this.t('screening.ahpConsistent')
          : f
            ? this.t('screening.ahpInconsistent', { a: dimensions.names[f.i]!, b: dimensions.names[f.j]!, judged: ratioText(ahp.judgements.get(`${f.i},${f.j}`) ?? 1), implied: ratioText(f.implied) })
            : nothing}
      </p>
      ${n > 1
        ? html`<details data-testid="ahp-judgements">
            <summary>${this.t('screening.ahpJudgements', { pairs: (n * (n - 1)) / 2 })}</summary>
            <p class="note muted">${this.t('screening.ahpHowTo')}</p>
            <tb-ahp-editor .names=${dimensions.names} .judgements=${ahp.judgements} .locale=${this.locale} flagged=${f ? `${f.i},${f.j}` : ''}
              @judgement=${(e: CustomEvent<{ key: string; value: number }>) => this.judge(e.detail.key, e.detail.value, ahp.judgements)}></tb-ahp-editor>
            ${this.own ? html`<button class="link" data-testid="ahp-reset" @click=${() => (this.own = null)}>${this.t('screening.ahpReset')}</button>` : nothing}
          </details>`
        : nothing}
    </div>`;
  }

  static override styles = [
    theme,
    panelStyle,
    css`
      table { border-collapse: collapse; width: 100%; font-size: 12px; margin-bottom: 8px; }
      td, th { padding: 2px 4px; border-bottom: 1px solid #eef1f5; text-align: left; }
      th { color: var(--tb-muted); font-weight: 500; }
      tr.dim td { font-weight: 600; }
      .sub { font-weight: 400; color: var(--tb-muted); font-size: 11px; }
      tr.member td:first-child { padding-left: 14px; color: var(--tb-muted); }
      tr.member td { border-bottom-color: transparent; }
      tbody tr:last-child td { border-bottom-color: #eef1f5; }
      .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
      .ahp { font-size: 12px; margin-bottom: 8px; }
      .ahp p { margin: 0 0 4px; }
      .stats { font-variant-numeric: tabular-nums; }
      .note { font-size: 12px; margin: 4px 0; }
      .verdict { padding: 3px 6px; border-radius: 4px; }
      .verdict.good { background: #e7f4ec; color: var(--tb-green); }
      .verdict.bad, .bad { background: var(--tb-red-soft); color: var(--tb-red); }
      details { margin-top: 6px; }
      summary { cursor: pointer; color: var(--tb-blue); }
      .buttons { display: flex; flex-wrap: wrap; gap: 6px; }
      button { font-size: 12px; padding: 3px 10px; }
      button.link { border: none; background: none; color: var(--tb-blue); padding: 4px 0 0; }
    `,
  ];
}

customElements.define('tb-advisory-weights', AdvisoryWeights);
