import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import type { Database, TableInfo } from '../../engine/database';
import type { Locale } from '../i18n/locale';
import { message, type MessageKey, type MessageParams } from '../i18n/messages';
import { panelStyle } from '../screening/panel-style';
import { theme } from '../theme';
import { evalStyle } from './eval-style';
import type { Outcome } from './outcome';
import { outcomeColumns, outcomeTables, outcomeValues, type OutcomeChoice } from './outcome-load';

/**
 * Which table, column and value are the outcome, and what that means in counts: "the event is
 * signed = 1: N of M customers with an outcome; customers without one are left out". Emits
 * `choose` (detail: OutcomeChoice); the view loads the outcome.
 */
export class OutcomePicker extends LitElement {
  static override properties = {
    db: { attribute: false },
    tables: { attribute: false },
    choice: { attribute: false },
    outcome: { attribute: false },
    rows: { type: Number },
    locale: {},
    values: { state: true },
  };
  declare db: Database | null;
  declare tables: readonly TableInfo[];
  declare choice: OutcomeChoice | null;
  declare outcome: Outcome | null;
  /** customers in the screening */
  declare rows: number;
  declare locale: Locale;
  declare values: string[];
  private valuesKey = '';

  constructor() {
    super();
    this.db = null;
    this.tables = [];
    this.choice = null;
    this.outcome = null;
    this.rows = 0;
    this.locale = 'zh';
    this.values = [];
  }

  private t(key: MessageKey, params?: MessageParams): string {
    return message(this.locale, key, params);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('choice') && !changed.has('db')) return;
    const c = this.choice;
    const key = c ? `${c.table}\u0000${c.column}` : '';
    if (key === this.valuesKey || !c || !this.db) return;
    this.valuesKey = key;
    void outcomeValues(this.db, c.table, c.column).then(
      (values) => {
        if (key === this.valuesKey) this.values = values;
      },
      () => {
        if (key === this.valuesKey) this.values = [];
      },
    );
  }

  private choose(choice: OutcomeChoice): void {
    this.dispatchEvent(new CustomEvent('choose', { detail: choice, bubbles: true, composed: true }));
  }

  override render() {
    const c = this.choice;
    const tables = outcomeTables(this.tables);
    const table = tables.find((t) => t.name === c?.table);
    const columns = table ? outcomeColumns(table) : [];
    const values = c && !this.values.includes(c.eventValue) ? [c.eventValue, ...this.values] : this.values;
    const o = this.outcome;
    return html`<section class="card" data-testid="eval-outcome">
      <h3>${this.t('eval.outcome')}</h3>
      ${tables.length === 0
        ? html`<p class="muted">${this.t('eval.noOutcomeTable')}</p>`
        : html`<div class="fields">
            <label>${this.t('eval.outcomeTable')}
              <select data-testid="outcome-table" @change=${(e: Event) => {
                const name = (e.target as HTMLSelectElement).value;
                const t = tables.find((x) => x.name === name)!;
                const cols = outcomeColumns(t);
                this.choose({ table: name, column: cols.includes('signed') ? 'signed' : cols[0]!, eventValue: '1' });
              }}>${tables.map((t) => html`<option value=${t.name} ?selected=${t.name === c?.table}>${t.name}</option>`)}</select></label>
            <label>${this.t('eval.outcomeColumn')}
              <select data-testid="outcome-column" @change=${(e: Event) => c && this.choose({ ...c, column: (e.target as HTMLSelectElement).value })}>
                ${columns.map((col) => html`<option value=${col} ?selected=${col === c?.column}>${col}</option>`)}</select></label>
            <label>${this.t('eval.eventValue')}
              <select data-testid="outcome-value" @change=${(e: Event) => c && this.choose({ ...c, eventValue: (e.target as HTMLSelectElement).value })}>
                ${values.map((v) => html`<option value=${v} ?selected=${v === c?.eventValue}>${v}</option>`)}</select></label>
          </div>`}
      ${c && o
        ? html`<p class="summary" data-testid="outcome-summary" data-count=${o.count} data-events=${o.events}>
            ${this.t('eval.outcomeSummary', { column: c.column, value: c.eventValue, events: o.events, count: o.count, rows: this.rows, rate: o.count ? `${((100 * o.events) / o.count).toFixed(1)}%` : '—' })}
            <br /><span class="muted small">${this.t('eval.outcomeRules')}</span></p>`
        : nothing}
      ${o && (o.events === 0 || o.events === o.count) ? html`<p class="bad small">${this.t('eval.oneClass')}</p>` : nothing}
    </section>`;
  }

  static override styles = [
    theme,
    panelStyle,
    evalStyle,
    css`
      .fields { display: flex; flex-wrap: wrap; gap: 12px; margin-bottom: 6px; }
      label { display: grid; gap: 2px; font-size: 12px; color: var(--tb-muted); }
      select { font: inherit; font-size: 13px; padding: 3px 6px; border: 1px solid var(--tb-line); border-radius: 6px; min-width: 120px; color: var(--tb-ink); }
      .summary { margin: 4px 0 0; }
    `,
  ];
}

customElements.define('tb-outcome-picker', OutcomePicker);
