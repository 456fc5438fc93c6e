import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import type { RiskCell } from '../../scoring/risk-grid';
import type { Screen, ScreenState } from '../../scoring/screen';
import { SEGMENTS } from '../../scoring/segments';
import { rankOrder } from '../../scoring/tiers';
import type { Locale } from '../i18n/locale';
import { message, type MessageKey, type MessageParams } from '../i18n/messages';
import { arrayRowSource, type RowSource } from '../row-source';
import { theme } from '../theme';
import { panelStyle } from './panel-style';
import { listColumns, type ListColumn } from './list-columns';
import { exportNameList, type ExportChoice } from './list-export';
import '../components/data-grid';

/** The list follows the sliders a moment later (sorting is not on the slider's path). */
const SETTLE_MS = 120;

/** The filters of the list; empty string = all. */
interface Filters {
  tiers: ReadonlySet<number>;
  segment: string;
  region: string;
  industry: string;
  manager: string;
}

/**
 * The name list 名单: customers sorted by score (ties by customer id), filtered by tier, segment,
 * region, industry, account manager and the heatmap's picked cell, with each one's segment,
 * strategy, campaign and next maturity; exported as CSV (UTF-8 with BOM, or GBK) or XLSX, one
 * file or one per account manager. A click on a customer opens the profile (`pick-customer`).
 */
export class NameList extends LitElement {
  static override properties = {
    screen: { attribute: false },
    state: { attribute: false },
    picked: { attribute: false },
    locale: {},
    filters: { state: true },
    source: { state: true },
    notice: { state: true },
    busy: { state: true },
    split: { state: true },
  };
  declare screen: Screen | null;
  declare state: ScreenState | null;
  declare picked: RiskCell | null;
  declare locale: Locale;
  declare filters: Filters;
  declare source: RowSource | null;
  declare notice: { ok: boolean; text: string } | null;
  declare busy: boolean;
  /** export one file per account manager */
  declare split: boolean;
  private columns: ListColumn[] = [];
  private index: Uint32Array = new Uint32Array(0);
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor() {
    super();
    this.screen = null;
    this.state = null;
    this.picked = null;
    this.locale = 'zh';
    this.filters = { tiers: new Set([0]), segment: '', region: '', industry: '', manager: '' };
    this.source = null;
    this.notice = null;
    this.busy = false;
    this.split = false;
  }

  private t(key: MessageKey, params?: MessageParams): string {
    return message(this.locale, key, params);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('state') || changed.has('screen')) this.settleLater();
    if (changed.has('filters') || changed.has('picked') || changed.has('locale') || !this.source) this.rebuild();
  }

  private settleLater(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.rebuild();
    }, SETTLE_MS);
  }

  /** The rows that pass the filters, in score order, and the list's columns for them. */
  private rebuild(): void {
    const screen = this.screen;
    const state = this.state;
    if (!screen || !state) return;
    const f = this.filters;
    const text = (c: string) => screen.data.text[c];
    const [region, industry, manager] = [text('region'), text('industry'), text('manager')];
    const segmentIndex = f.segment === '' ? -1 : SEGMENTS.findIndex((s) => s.id === f.segment);
    const tier = state.tiering.tier;
    const keep: number[] = [];
    for (let i = 0; i < screen.data.rows; i++) {
      if (!f.tiers.has(tier[i]!)) continue;
      if (segmentIndex >= 0 && screen.segment[i] !== segmentIndex) continue;
      if (f.region && region?.[i] !== f.region) continue;
      if (f.industry && industry?.[i] !== f.industry) continue;
      if (f.manager && manager?.[i] !== f.manager) continue;
      // a total row or column of the map picks every region ('') or every industry
      if (this.picked && ((this.picked.region && region?.[i] !== this.picked.region) || (this.picked.industry && industry?.[i] !== this.picked.industry))) continue;
      keep.push(i);
    }
    this.index = rankOrder(state.score, screen.idRank, Uint32Array.from(keep));
    this.columns = listColumns(screen, state, this.locale);
    this.source = arrayRowSource(this.columns, this.index);
  }

  private setFilter(patch: Partial<Filters>): void {
    this.filters = { ...this.filters, ...patch };
  }

  private toggleTier(t: number): void {
    const tiers = new Set(this.filters.tiers);
    if (tiers.has(t)) tiers.delete(t);
    else tiers.add(t);
    this.setFilter({ tiers });
  }

  private async export(choice: ExportChoice): Promise<void> {
    if (!this.screen || this.busy) return;
    this.busy = true;
    try {
      const result = await exportNameList(this.columns, this.index, choice, this.locale);
      this.notice = result.ok
        ? { ok: true, text: this.t('screening.export.done', { rows: this.index.length, file: result.fileName }) }
        : { ok: false, text: this.t('screening.export.failed', { message: result.message }) };
    } finally {
      this.busy = false;
    }
  }

  private options(column: string) {
    return distinctSorted(this.screen?.data.text[column] ?? []).map((v) => html`<option .value=${v}>${v}</option>`);
  }

  override render() {
    const screen = this.screen;
    if (!screen || !this.state) return nothing;
    const zh = this.locale === 'zh';
    const tiers: MessageKey[] = ['tier.strategic', 'tier.growth', 'tier.general'];
    const select = (key: 'region' | 'industry' | 'manager', label: MessageKey) =>
      screen.data.text[key]
        ? html`<label>${this.t(label)}<select data-filter=${key} @change=${(e: Event) => this.setFilter({ [key]: (e.target as HTMLSelectElement).value })}>
            <option value="">${this.t('screening.list.all')}</option>${this.options(key)}</select></label>`
        : nothing;
    const split = this.split;
    return html`<section class="card" data-testid="name-list">
      <h3>${this.t('screening.list')} <span class="muted" data-testid="list-count">${this.t('screening.list.count', { count: this.index.length })}</span></h3>
      <div class="filters">
        ${tiers.map((k, t) => html`<label class="chip"><input type="checkbox" data-tier=${t} .checked=${this.filters.tiers.has(t)} @change=${() => this.toggleTier(t)} />${this.t(k)}</label>`)}
        <label>${this.t('screening.segment')}<select data-filter="segment" @change=${(e: Event) => this.setFilter({ segment: (e.target as HTMLSelectElement).value })}>
          <option value="">${this.t('screening.list.all')}</option>${SEGMENTS.map((s) => html`<option .value=${s.id}>${zh ? s.zh : s.en}</option>`)}</select></label>
        ${select('region', 'screening.region')} ${select('industry', 'screening.industry')} ${select('manager', 'screening.manager')}
        ${this.picked
          ? html`<button class="chip on" data-testid="clear-cell" @click=${() => this.dispatchEvent(new CustomEvent('clear-cell', { bubbles: true, composed: true }))}>
              ${this.t('screening.list.clearCell', { cell: `${this.picked.industry || this.t('screening.all')} × ${this.picked.region || this.t('screening.all')}` })} ✕</button>`
          : nothing}
      </div>
      <div class="export">
        <span class="muted">${this.t('screening.export')}:</span>
        <button data-export="csv" ?disabled=${this.busy} @click=${() => this.export({ format: 'csv', encoding: 'utf-8', split })}>${this.t('screening.export.csv')}</button>
        <button data-export="gbk" ?disabled=${this.busy} @click=${() => this.export({ format: 'csv', encoding: 'gbk', split })}>${this.t('screening.export.gbk')}</button>
        <button data-export="xlsx" ?disabled=${this.busy} @click=${() => this.export({ format: 'xlsx', split })}>${this.t('screening.export.xlsx')}</button>
        <label><input type="checkbox" data-testid="export-split" @change=${(e: Event) => (this.split = (e.target as HTMLInputElement).checked)} />${this.t('screening.export.split')}</label>
        ${this.notice ? html`<span class=${this.notice.ok ? 'ok' : 'bad'} data-testid="export-notice">${this.notice.text}</span>` : nothing}
      </div>
      <tb-data-grid .source=${this.source} .locale=${this.locale} hideTypes @row-click=${(e: CustomEvent<{ row: number }>) => {
        const row = this.index[e.detail.row];
        if (row !== undefined) this.dispatchEvent(new CustomEvent('pick-customer', { detail: { row }, bubbles: true, composed: true }));
      }}></tb-data-grid>
    </section>`;
  }

  static override styles = [
    theme,
    panelStyle,
    css`
      .filters, .export { display: flex; flex-wrap: wrap; gap: 6px 12px; align-items: center; font-size: 12px; margin-bottom: 8px; }
      .filters select { margin-left: 4px; max-width: 160px; }
      .chip { border: 1px solid var(--tb-line); border-radius: 12px; padding: 1px 8px; }
      .chip.on { background: var(--tb-blue-soft); }
      .export button { font-size: 12px; padding: 3px 10px; }
      .ok { color: var(--tb-green); }
      .bad { color: var(--tb-red); }
      tb-data-grid { height: 420px; display: block; }
    `,
  ];
}

customElements.define('tb-name-list', NameList);

/**
 * The distinct non-empty values of a column, in Chinese collation order, computed once per column
 * array: the list re-renders on every slider tick, and sorting 100,000 names with localeCompare
 * each time cost more than the re-tiering.
 */
const distinctCache = new WeakMap<readonly string[], string[]>();
const collator = new Intl.Collator('zh');
function distinctSorted(values: readonly string[]): string[] {
  let out = distinctCache.get(values);
  if (!out) {
    out = [...new Set(values)].filter((v) => v !== '').sort(collator.compare);
    distinctCache.set(values, out);
  }
  return out;
}
