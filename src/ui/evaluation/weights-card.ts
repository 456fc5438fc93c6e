import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import type { SettableValue } from '../../notebook/document';
import { ahpMatrix, ahpWeights, SAATY_RI } from '../../scoring/ahp';
import { dimensionsOf, dimensionTotals, distributeToIndicators, judgementsFromWeights } from '../../scoring/ahp-dimensions';
import { entropyWeights } from '../../scoring/entropy';
import { holdoutSplit } from '../../scoring/split';
import type { Screen } from '../../scoring/screen';
import { suggestWeights, weightMetrics, DEFAULT_SUGGEST, type SuggestedWeights } from '../../scoring/suggest';
import { weightVector } from '../../scoring/weights';
import type { Locale } from '../i18n/locale';
import { message, type MessageKey, type MessageParams } from '../i18n/messages';
import type { NotebookSession } from '../notebook/notebook-session';
import { panelStyle } from '../screening/panel-style';
import { theme } from '../theme';
import { knownOf } from './eval-compute';
import { evalStyle, fixed, pct } from './eval-style';
import type { Outcome } from './outcome';

/** The parameter set the suggestion is saved as. */
export const SUGGESTED_SET = 'suggested';

/** One weighting method: its weights (fractions aligned with the matrix's columns) and holdout metrics. */
interface Method {
  readonly key: 'expert' | 'entropy' | 'ahp' | 'suggested';
  readonly weights: Float64Array;
  readonly auc: number;
  readonly ks: number;
}

/**
 * AHP weights from the judgements derived from the expert weights (the advisory panel's starting
 * point: each dimension ratio rounded to Saaty's scale), or null when the dimensions exceed the
 * random-index table. The analyst's own judgements live in the Screening tab's panel, per session.
 */
function derivedAhp(screen: Screen, expert: Float64Array): Float64Array | null {
  const byColumn = new Map(screen.spec.indicators.map((i) => [i.column, i]));
  const dimensions = dimensionsOf(screen.matrix.columns.map((column) => byColumn.get(column) ?? { column, label: column, dimension: '' }));
  const n = dimensions.names.length;
  if (n > SAATY_RI.length) return null;
  const result = ahpWeights(ahpMatrix(n, judgementsFromWeights(dimensionTotals(dimensions, expert))));
  return distributeToIndicators(dimensions, result.weights, expert);
}

/**
 * The weight suggestion beside the other methods: expert (the weights in use), entropy, AHP and the
 * logistic suggestion (src/scoring/suggest.ts), each with its AUC and KS on the same holdout
 * customers; one click saves the suggestion as the `suggested` parameter set (the champion's
 * inputs with the suggested weights) and applies it. The fit runs once per matrix and outcome.
 */
export class WeightSuggestion extends LitElement {
  static override properties = {
    session: { attribute: false },
    screen: { attribute: false },
    weights: { attribute: false },
    outcome: { attribute: false },
    locale: {},
    applied: { state: true },
  };
  declare session: NotebookSession | null;
  declare screen: Screen | null;
  /** the expert weights in use, fractions aligned with the matrix's columns */
  declare weights: Float64Array | null;
  declare outcome: Outcome | null;
  declare locale: Locale;
  declare applied: boolean;
  private suggestion: SuggestedWeights | string | null = null;
  private entropy: Float64Array | null = null;
  private holdout: Uint32Array | null = null;

  constructor() {
    super();
    this.session = null;
    this.screen = null;
    this.weights = null;
    this.outcome = null;
    this.locale = 'zh';
    this.applied = false;
  }

  private t(key: MessageKey, params?: MessageParams): string {
    return message(this.locale, key, params);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('screen') && !changed.has('outcome')) return;
    const { screen, outcome } = this;
    this.applied = false;
    if (!screen || !outcome) {
      this.suggestion = this.entropy = this.holdout = null;
      return;
    }
    if (changed.has('screen')) this.entropy = entropyWeights(screen.matrix).weights;
    // the same customers every method is measured on: the suggestion's holdout (split by id)
    this.holdout = knownOf(holdoutSplit(screen.data.ids, DEFAULT_SUGGEST.holdoutShare, DEFAULT_SUGGEST.seed).holdout, outcome);
    try {
      this.suggestion = suggestWeights(screen.matrix, screen.data.ids, outcome.event, outcome.known, DEFAULT_SUGGEST);
    } catch (error) {
      this.suggestion = error instanceof Error ? error.message : String(error);
    }
  }

  private methods(): Method[] {
    const { screen, outcome, weights, holdout } = this;
    if (!screen || !outcome || !weights || !holdout) return [];
    const measure = (key: Method['key'], w: Float64Array): Method => ({ key, weights: w, ...weightMetrics(screen.matrix, w, outcome.event, holdout) });
    const list = [measure('expert', weights)];
    if (this.entropy) list.push(measure('entropy', this.entropy));
    const ahp = derivedAhp(screen, weights);
    if (ahp) list.push(measure('ahp', ahp));
    if (typeof this.suggestion === 'object' && this.suggestion) list.push(measure('suggested', weightVector(screen.matrix.columns, this.suggestion.percent)));
    return list;
  }

  /** The champion's inputs (or, without one, the model's inputs as they stand) with the suggested weights. */
  private apply(s: SuggestedWeights): void {
    const session = this.session;
    const screen = this.screen;
    if (!session || !screen) return;
    const spec = screen.spec;
    let base: Record<string, SettableValue> | undefined = session.document.parameterSets['champion'] as Record<string, SettableValue> | undefined;
    if (!base) {
      const inputs = session.runtime.inputValues();
      base = {};
      for (const name of [spec.tiers.strategic, spec.tiers.growth, spec.overrides.maxOverdueDays]) {
        const v = typeof name === 'string' ? inputs.get(name) : undefined;
        if (typeof name === 'string' && (typeof v === 'number' || typeof v === 'string')) base[name] = v;
      }
    }
    session.saveParameterSet(SUGGESTED_SET, { ...base, [spec.weights]: { ...s.percent } });
    session.applyParameterSet(SUGGESTED_SET);
    this.applied = true;
  }

  override render() {
    const screen = this.screen;
    if (!screen || !this.outcome) return nothing;
    const methods = this.methods();
    const s = typeof this.suggestion === 'object' ? this.suggestion : null;
    const label = new Map(screen.spec.indicators.map((i) => [i.column, i.label]));
    const best = Math.max(...methods.map((m) => m.auc).filter(Number.isFinite));
    return html`<section class="card" data-testid="eval-weights">
      <h3>${this.t('eval.weights')}</h3>
      <p class="convention">${this.t('eval.weightsNote', { seed: DEFAULT_SUGGEST.seed, share: pct(DEFAULT_SUGGEST.holdoutShare), lambda: DEFAULT_SUGGEST.lambda, holdout: this.holdout?.length ?? 0 })}</p>
      ${typeof this.suggestion === 'string' ? html`<p class="bad small" data-testid="suggest-error">${this.t('eval.suggestFailed', { message: this.suggestion })}</p>` : nothing}
      <table class="grid">
        <thead><tr><th>${this.t('eval.indicator')}</th>${methods.map((m) => html`<th class="num">${this.t(`eval.method.${m.key}`)}</th>`)}</tr></thead>
        <tbody>
          ${screen.matrix.columns.map((column, j) => html`<tr data-column=${column}><td>${label.get(column) ?? column}
            ${s?.negative.includes(column) ? html`<span class="band major" title=${this.t('eval.negativeHint')}>β &lt; 0</span>` : nothing}</td>
            ${methods.map((m) => html`<td class="num">${pct(m.weights[j]!)}</td>`)}</tr>`)}
        </tbody>
        <tbody class="metrics">
          <tr data-testid="method-auc"><td>${this.t('eval.holdoutAuc')}</td>${methods.map((m) => html`<td class="num ${m.auc === best ? 'best' : ''}" data-method=${m.key} data-value=${String(m.auc)}>${fixed(m.auc)}</td>`)}</tr>
          <tr><td>${this.t('eval.holdoutKs')}</td>${methods.map((m) => html`<td class="num" data-method=${m.key}>${fixed(m.ks)}</td>`)}</tr>
          ${s ? html`<tr><td>${this.t('eval.trainAuc')}</td>${methods.map((m) => html`<td class="num">${m.key === 'suggested' ? fixed(s.train.auc) : ''}</td>`)}</tr>` : nothing}
        </tbody>
      </table>
      ${s
        ? html`<p class="small">${this.t('eval.suggestSummary', { train: s.train.count, trainEvents: s.train.events, holdout: s.holdout.count, holdoutEvents: s.holdout.events })}
            ${s.negative.length ? this.t('eval.negative', { list: s.negative.map((c) => label.get(c) ?? c).join('、') }) : this.t('eval.noNegative')}</p>
          <p><button class="primary" data-testid="apply-suggested" ?disabled=${!this.session} @click=${() => this.apply(s)}>${this.t('eval.applySuggested')}</button>
            ${this.applied ? html`<span class="muted small" data-testid="applied">${this.t('eval.applied', { name: SUGGESTED_SET })}</span>` : nothing}</p>`
        : nothing}
    </section>`;
  }

  static override styles = [
    theme,
    panelStyle,
    evalStyle,
    css`
      :host > .card > table.grid { width: auto; min-width: 60%; }
      tbody.metrics td { font-weight: 600; border-top: 1px solid var(--tb-line); }
      td.best { color: var(--tb-green); }
      .band { margin-left: 6px; }
      button.primary { font-size: 12px; padding: 4px 12px; }
      p { margin: 8px 0 0; }
    `,
  ];
}

customElements.define('tb-weight-suggestion', WeightSuggestion);
