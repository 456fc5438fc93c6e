import { LitElement, css, html } from 'lit';
import { SAATY_SCALE } from '../../scoring/ahp-dimensions';
import type { Locale } from '../i18n/locale';
import { message, type MessageKey } from '../i18n/messages';
import { theme } from '../theme';

/** The verbal degree of a Saaty value ≥ 1 (1, 3, 5, 7, 9), as a message key. */
const degreeKey = (v: number) => `screening.ahpDegree${Math.round(v)}` as MessageKey;

/** 1/5 → "1/5", 5 → "5": the form analysts read on the Saaty scale. */
export const saatyText = (v: number) => (v >= 1 ? String(Math.round(v)) : `1/${Math.round(1 / v)}`);

/**
 * The pairwise judgements between dimensions, one line per pair: "A [select] B". Chosen over an
 * upper-triangle matrix of selects because 8 dimensions give a 7-column triangle that does not
 * fit a 300px column, while a list of pairs reads as sentences. The select runs from "← extreme"
 * (A much more important, 9) through "equal" to "extreme →" (B much more important, 1/9); its
 * tooltip says the judgement in words. Stateless: a change is dispatched (not bubbling) as `judgement`
 * ({key: "i,j", value}) and the host passes the new judgements back.
 */
export class AhpEditor extends LitElement {
  static override properties = { names: { attribute: false }, judgements: { attribute: false }, flagged: {}, locale: {} };
  declare names: readonly string[];
  declare judgements: ReadonlyMap<string, number>;
  /** the key of the pair to reconsider (shown highlighted), or '' */
  declare flagged: string;
  declare locale: Locale;

  constructor() {
    super();
    this.names = [];
    this.judgements = new Map();
    this.flagged = '';
    this.locale = 'zh';
  }

  private optionText(v: number): string {
    const degree = message(this.locale, degreeKey(v >= 1 ? v : 1 / v));
    if (v === 1) return `= ${degree}`;
    return v > 1 ? `← ${degree} ${saatyText(v)}` : `${degree} ${saatyText(1 / v)} →`;
  }

  private sentence(a: string, b: string, v: number): string {
    if (v === 1) return message(this.locale, 'screening.ahpEqualPair', { a, b });
    const [more, less, value] = v > 1 ? [a, b, v] : [b, a, 1 / v];
    return message(this.locale, 'screening.ahpOver', { more, less, degree: message(this.locale, degreeKey(value)), value: saatyText(value) });
  }

  private change(key: string, select: HTMLSelectElement): void {
    const value = SAATY_SCALE[Number(select.value)]!;
    this.dispatchEvent(new CustomEvent('judgement', { detail: { key, value } }));
  }

  override render() {
    const pairs: [number, number][] = [];
    for (let i = 0; i < this.names.length; i++) for (let j = i + 1; j < this.names.length; j++) pairs.push([i, j]);
    return html`<div class="pairs">${pairs.map(([i, j]) => {
      const key = `${i},${j}`;
      const v = this.judgements.get(key) ?? 1;
      const a = this.names[i]!;
      const b = this.names[j]!;
      const more = v > 1 ? 'a' : v < 1 ? 'b' : '';
      return html`<div class="pair ${key === this.flagged ? 'flagged' : ''}" data-pair=${key} title=${this.sentence(a, b, v)}>
        <span class="a ${more === 'a' ? 'more' : ''}">${a}</span>
        <select aria-label=${`${a} / ${b}`} @change=${(e: Event) => this.change(key, e.target as HTMLSelectElement)}>
          ${SAATY_SCALE.map((s, k) => html`<option value=${k} .selected=${Math.abs(s - v) < 1e-9}>${this.optionText(s)}</option>`)}
        </select>
        <span class="b ${more === 'b' ? 'more' : ''}">${b}</span>
      </div>`;
    })}</div>`;
  }

  static override styles = [
    theme,
    css`
      :host { display: block; font-size: 12px; }
      .pairs { display: grid; gap: 2px; }
      .pair { display: grid; grid-template-columns: minmax(0, 1fr) auto minmax(0, 1fr); gap: 4px; align-items: center; padding: 1px 2px; border-radius: 4px; }
      .pair.flagged { background: var(--tb-amber-soft); outline: 1px solid var(--tb-amber); }
      .a { text-align: right; }
      .a, .b { overflow-wrap: anywhere; color: var(--tb-muted); }
      .more { color: var(--tb-ink); font-weight: 600; }
      select { font: inherit; font-size: 12px; padding: 1px 2px; }
    `,
  ];
}

customElements.define('tb-ahp-editor', AhpEditor);
