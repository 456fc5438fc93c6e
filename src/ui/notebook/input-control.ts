import { LitElement, css, html, nothing, svg } from 'lit';
import type { InputSpec, InputValue } from '../../notebook/document';
import { rebalance } from '../../scoring/rebalance';
import { theme } from '../theme';

/** A padlock, closed or open (an SVG: emoji fonts are not everywhere). */
function lockIcon(closed: boolean) {
  return svg`<svg viewBox="0 0 16 16" width="13" height="13" aria-hidden="true"><path fill="currentColor" d=${closed ? 'M4 7V5a4 4 0 1 1 8 0v2h1v8H3V7zm2 0h4V5a2 2 0 1 0-4 0z' : 'M4 7V5a4 4 0 0 1 7.9-.9l-1.9.6A2 2 0 0 0 6 5v2h7v8H3V7z'} /></svg>`;
}

/** Whether two sets of weights have the same keys and values. */
function sameNumbers(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/**
 * The control of an input cell: a slider, a number, a select, a date, or a group of weights
 * that always sum to 100%. Fires `input-value` (detail: { value }, as the definition writes it:
 * weights in percent) on every movement, so what reads it follows while the slider is dragged;
 * the runtime makes sure only the latest counts.
 */
export class InputControl extends LitElement {
  static override properties = {
    spec: { attribute: false },
    name: {},
    labels: { attribute: false },
    bare: { type: Boolean },
    locked: { state: true },
    weights: { state: true },
    current: { state: true },
  };
  declare spec: InputSpec | null;
  declare name: string;
  /** how to show each weight's key (an indicator's label); the key itself when absent */
  declare labels: Readonly<Record<string, string>> | null;
  /** without the label: where the host already titles the control */
  declare bare: boolean;
  declare locked: ReadonlySet<string>;
  /** the weights as the user moves them (percent), until the spec catches up */
  declare weights: Record<string, number> | null;
  declare current: number | string | null;

  constructor() {
    super();
    this.spec = null;
    this.name = '';
    this.labels = null;
    this.bare = false;
    this.locked = new Set();
    this.weights = null;
    this.current = null;
  }

  /**
   * A new definition resets what the control shows only where it says something else (a parameter
   * set applied, the definition edited): the definition that merely caught up with a movement
   * leaves the control, and the weights the user locked, as they are.
   */
  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('spec') && this.spec) {
      const before = changed.get('spec') as InputSpec | null | undefined;
      if (this.spec.type === 'weights') {
        if (!this.weights || !sameNumbers(this.weights, this.spec.weights)) this.weights = { ...this.spec.weights };
        const lockedBefore = before?.type === 'weights' ? before.locked ?? [] : null;
        if (!lockedBefore || lockedBefore.join('\u0000') !== (this.spec.locked ?? []).join('\u0000')) this.locked = new Set(this.spec.locked ?? []);
      } else if (this.spec.type !== 'model') {
        this.current = this.spec.value;
      }
    }
  }

  private emit(value: InputValue): void {
    this.dispatchEvent(new CustomEvent('input-value', { detail: { value }, bubbles: true, composed: true }));
  }

  private number(value: string): void {
    const n = Number(value);
    if (!Number.isFinite(n)) return;
    this.current = n;
    this.emit(n);
  }

  private moveWeight(key: string, value: number): void {
    this.weights = rebalance(this.weights!, key, value, this.locked);
    // in percent, as the input's definition holds them; cells get fractions from the session
    this.emit({ ...this.weights });
  }

  private toggleLock(key: string): void {
    const next = new Set(this.locked);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    this.locked = next;
  }

  private renderWeights() {
    const w = this.weights ?? {};
    const total = Math.round(Object.values(w).reduce((a, b) => a + b, 0) * 10) / 10;
    return html`<div class="weights" role="group" aria-label=${this.spec?.label ?? this.name}>
      ${Object.entries(w).map(
        ([key, value]) => html`<label class="weight">
          <span class="key ${this.labels?.[key] ? 'labelled' : ''}" title=${key}>${this.labels?.[key] ?? key}</span>
          <input type="range" min="0" max="100" step="0.5" .value=${String(value)} ?disabled=${this.locked.has(key)} data-weight=${key}
            @input=${(e: Event) => this.moveWeight(key, Number((e.target as HTMLInputElement).value))} />
          <span class="num value">${value.toFixed(1)}%</span>
          <button class="quiet lock ${this.locked.has(key) ? 'on' : ''}" title="lock" aria-label="lock ${key}" aria-pressed=${this.locked.has(key)} data-lock=${key} @click=${() => this.toggleLock(key)}>${lockIcon(this.locked.has(key))}</button>
        </label>`,
      )}
      <div class="total num ${total === 100 ? '' : 'bad'}">Σ ${total.toFixed(1)}%</div>
    </div>`;
  }

  override render() {
    const spec = this.spec;
    if (!spec) return nothing;
    const label = this.bare ? nothing : html`<span class="label">${spec.label ?? this.name}</span>`;
    switch (spec.type) {
      case 'slider':
        return html`<label class="row">${label}
          <input type="range" min=${spec.min} max=${spec.max} step=${spec.step ?? 1} .value=${String(this.current)} @input=${(e: Event) => this.number((e.target as HTMLInputElement).value)} />
          <output class="num">${this.current}</output></label>`;
      case 'number':
        return html`<label class="row">${label}
          <input type="number" min=${spec.min ?? ''} max=${spec.max ?? ''} step=${spec.step ?? 'any'} .value=${String(this.current)} @change=${(e: Event) => this.number((e.target as HTMLInputElement).value)} /></label>`;
      case 'select':
        return html`<label class="row">${label}
          <select @change=${(e: Event) => {
            const i = (e.target as HTMLSelectElement).selectedIndex;
            this.current = spec.options[i]!;
            this.emit(spec.options[i]!);
          }}>
            ${spec.options.map((o) => html`<option ?selected=${o === this.current}>${o}</option>`)}
          </select></label>`;
      case 'date':
        return html`<label class="row">${label}
          <input type="date" .value=${String(this.current)} @change=${(e: Event) => {
            const v = (e.target as HTMLInputElement).value;
            if (!v) return;
            this.current = v;
            this.emit(v);
          }} /></label>`;
      case 'weights':
        return html`${label}${this.renderWeights()}`;
      case 'model':
        return html`${label}<table class="model">
          <thead><tr><th>column</th><th>label</th><th>dimension</th><th>direction</th><th>transform</th><th>winsor</th><th>scaling</th><th>missing</th></tr></thead>
          <tbody>${spec.model.indicators.map((i) => html`<tr><td class="mono">${i.column}</td><td>${i.label}</td><td>${i.dimension}</td><td>${i.direction}</td><td>${i.transform}</td><td>${i.winsor ? i.winsor.join('–') : '—'}</td><td>${i.scaling}</td><td>${i.missing}</td></tr>`)}</tbody>
        </table>`;
    }
  }

  static override styles = [
    theme,
    css`
      :host { display: block; padding: 6px 4px; }
      .row { display: grid; grid-template-columns: minmax(90px, 160px) minmax(80px, 420px) auto; align-items: center; gap: 12px; }
      .label { font-weight: 600; }
      input[type='range'] { flex: 1; min-width: 0; max-width: 420px; accent-color: var(--tb-blue); }
      output { min-width: 48px; text-align: right; }
      .weights { display: grid; gap: 2px; margin-top: 6px; max-width: 640px; }
      .weight { display: grid; grid-template-columns: minmax(72px, 140px) minmax(60px, 1fr) 52px 26px; align-items: center; gap: 8px; }
      .weight input[type='range'] { width: 100%; }
      .key { font-family: var(--tb-mono); font-size: 13px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      .key.labelled { font-family: inherit; }
      .value { text-align: right; }
      .lock { opacity: 0.45; }
      .lock.on { opacity: 1; color: var(--tb-amber); }
      .total { text-align: right; color: var(--tb-muted); font-size: 12px; padding-right: 34px; }
      .total.bad { color: var(--tb-red); }
      .model { border-collapse: collapse; font-size: 12px; margin-top: 6px; }
      .model th, .model td { text-align: left; padding: 2px 10px 2px 0; border-bottom: 1px solid #eef1f5; }
      .model th { color: var(--tb-muted); font-weight: 500; }
      .mono { font-family: var(--tb-mono); }
    `,
  ];
}
customElements.define('tb-input-control', InputControl);
