import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import type { Locale } from '../i18n/locale';
import { message } from '../i18n/messages';
import { formatCell, isNumericType, takesUnit, type DisplayUnit } from '../format';
import type { RowPage, RowSource } from '../row-source';
import { theme } from '../theme';

const ROW_HEIGHT = 28;
const PAGE = 200;
const OVERSCAN = 10;
const MAX_CACHED_PAGES = 40;
/** Browsers cap an element's height (~33M px in Chromium): past this, scrolling is scaled. */
const MAX_SCROLL_PX = 15_000_000;

/** Approximate rendered width of text: CJK characters are about twice as wide as Latin ones. */
function textWidth(text: string): number {
  let units = 0;
  for (const ch of text) units += ch.charCodeAt(0) > 0x2e80 ? 2 : 1;
  return units * 7.5;
}

/** A column's width from its header and the widest value of the first page, within bounds. */
function columnWidth(name: string, type: string, values: readonly string[]): number {
  const widest = Math.max(textWidth(name) + 8, ...values.map(textWidth));
  const min = isNumericType(type) ? 90 : type === 'DATE' ? 100 : 80;
  return Math.round(Math.max(min, Math.min(320, widest + 24)));
}

/**
 * A virtualised grid: only the rows in view are in the DOM, fetched a page at a time from a
 * RowSource and read straight from Arrow vectors, so a million-row table scrolls smoothly.
 */
export class DataGrid extends LitElement {
  static override properties = {
    hideTypes: { type: Boolean },
    source: { attribute: false },
    locale: {},
    first: { state: true },
    last: { state: true },
    scrollTop: { state: true },
    unit: { state: true },
  };
  declare source: RowSource | null;
  /** headers without DuckDB type names (a list for people, not a table for analysts) */
  declare hideTypes: boolean;
  declare locale: Locale;
  declare first: number;
  declare last: number;
  declare scrollTop: number;
  /** amounts shown as they are, in 万 or in 亿 */
  declare unit: DisplayUnit;
  private viewport = 600;
  private pages = new Map<number, RowPage>();
  private widths: number[] | null = null;
  private pending = new Set<number>();
  private frame = 0;

  constructor() {
    super();
    this.source = null;
    this.hideTypes = false;
    this.locale = 'zh';
    this.first = 0;
    this.last = 40;
    this.scrollTop = 0;
    this.unit = 1;
  }

  /** How many pixels of rows one pixel of scrollbar stands for (1 unless the table is huge). */
  private ratio(): number {
    const total = (this.source?.rowCount ?? 0) * ROW_HEIGHT;
    if (total <= MAX_SCROLL_PX) return 1;
    return (total - this.viewport) / (MAX_SCROLL_PX - this.viewport);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('source')) {
      this.pages = new Map();
      this.widths = null;
      this.pending.clear();
      this.first = 0;
      this.last = 40;
      this.scrollTop = 0;
      const body = this.renderRoot.querySelector?.('.body');
      if (body) body.scrollTop = 0;
    }
  }

  protected override updated(): void {
    this.ensurePages();
  }

  private onScroll(event: Event): void {
    const el = event.currentTarget as HTMLElement;
    cancelAnimationFrame(this.frame);
    this.frame = requestAnimationFrame(() => {
      this.viewport = el.clientHeight;
      const top = el.scrollTop * this.ratio();
      this.scrollTop = el.scrollTop;
      this.first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
      this.last = Math.ceil((top + el.clientHeight) / ROW_HEIGHT) + OVERSCAN;
    });
  }

  private ensurePages(): void {
    const source = this.source;
    if (!source) return;
    const last = Math.min(this.last, source.rowCount - 1);
    for (let page = Math.floor(this.first / PAGE); page * PAGE <= last; page++) {
      if (this.pages.has(page) || this.pending.has(page)) continue;
      this.pending.add(page);
      source.rows(page * PAGE, PAGE).then(
        (table) => {
          if (this.source !== source) return;
          this.pending.delete(page);
          this.pages.set(page, table);
          if (this.pages.size > MAX_CACHED_PAGES) this.pages.delete(this.pages.keys().next().value!);
          this.requestUpdate();
        },
        () => this.pending.delete(page),
      );
    }
  }

  /** Widths measured once on the first page, so columns do not jump while scrolling. */
  private columnWidths(source: RowSource): number[] {
    if (this.widths) return this.widths;
    const first = this.pages.get(0);
    const sample = (i: number) => {
      if (!first) return [];
      const vector = first.getChildAt(i);
      return Array.from({ length: Math.min(first.numRows, 100) }, (_v, r) => formatCell(vector?.get(r), source.columns[i]!.type, this.locale));
    };
    const widths = source.columns.map((c, i) => columnWidth(c.name, c.type, sample(i)));
    if (first || source.rowCount === 0) this.widths = widths;
    return widths;
  }

  private cell(row: number, column: number): unknown {
    const table = this.pages.get(Math.floor(row / PAGE));
    return table?.getChildAt(column)?.get(row % PAGE);
  }

  /** A row was clicked: `row-click` (detail: { row }, the row's position in the source). */
  private rowClick(row: number): void {
    this.dispatchEvent(new CustomEvent('row-click', { detail: { row }, bubbles: true, composed: true }));
  }

  override render() {
    const source = this.source;
    if (!source) return nothing;
    const widths = this.columnWidths(source);
    const template = `64px ${widths.map((w) => `${w}px`).join(' ')}`;
    const total = widths.reduce((a, b) => a + b, 64);
    const last = Math.min(this.last, source.rowCount - 1);
    const rows = [];
    const shift = this.scrollTop - this.scrollTop * this.ratio();
    for (let r = this.first; r <= last; r++) {
      const loaded = this.pages.has(Math.floor(r / PAGE));
      rows.push(html`<div class="row" data-row=${r} style=${styleMap({ top: `${r * ROW_HEIGHT + shift}px`, gridTemplateColumns: template, width: `${total}px` })} @click=${() => this.rowClick(r)}>
        <span class="rn num">${r + 1}</span>
        ${source.columns.map((c, i) => {
          const value = loaded ? this.cell(r, i) : undefined;
          const missing = loaded && (value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value)));
          const text = loaded ? formatCell(value, c.type, this.locale, this.unit) : '';
          return html`<span class=${isNumericType(c.type) ? 'num right' : ''} title=${loaded ? formatCell(value, c.type, this.locale) : ''}>${missing ? html`<i class="null">—</i>` : loaded ? text : html`<i class="null">…</i>`}</span>`;
        })}
      </div>`);
    }
    return html`
      <div class="body" @scroll=${this.onScroll}>
        <div class="head" style=${styleMap({ gridTemplateColumns: template, width: `${total}px` })}>
          <span class="rn">#</span>
          ${source.columns.map((c) => html`<span class=${isNumericType(c.type) ? 'right' : ''} title="${c.name} · ${c.type}">${c.name}${this.hideTypes ? nothing : html`<small>${c.type}</small>`}</span>`)}
        </div>
        <div class="spacer" style=${styleMap({ height: `${Math.min(source.rowCount * ROW_HEIGHT, MAX_SCROLL_PX)}px`, width: `${total}px` })}>${rows}</div>
      </div>
      <div class="foot muted">
        <span>${message(this.locale, 'grid.rows', { rows: source.rowCount })}</span>
        ${source.columns.some((c) => takesUnit(c.type))
          ? html`<label class="unit">${message(this.locale, 'grid.unit')}
              <select data-testid="grid-unit" @change=${(e: Event) => (this.unit = Number((e.target as HTMLSelectElement).value) as DisplayUnit)}>
                <option value="1">${message(this.locale, 'units.plain')}</option>
                <option value="10000">${message(this.locale, 'units.wan')}</option>
                <option value="100000000">${message(this.locale, 'units.yi')}</option>
              </select></label>`
          : null}
      </div>
    `;
  }

  static override styles = [
    theme,
    css`
      :host { display: flex; flex-direction: column; min-height: 0; background: var(--tb-card); border: 1px solid var(--tb-line); border-radius: var(--tb-radius); overflow: hidden; }
      .body { flex: 1; overflow: auto; position: relative; min-height: 120px; }
      .head { position: sticky; top: 0; z-index: 1; display: grid; background: #f0f3f7; border-bottom: 1px solid var(--tb-line); font-weight: 600; }
      .head span { padding: 6px 8px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; display: flex; flex-direction: column; }
      .head span.right { align-items: flex-end; }
      .head small { font-weight: 400; color: var(--tb-muted); font-size: 11px; }
      .spacer { position: relative; }
      .row { position: absolute; left: 0; display: grid; height: ${ROW_HEIGHT}px; border-bottom: 1px solid #eef1f5; }
      .row:hover { background: #f7fafd; }
      .row span { padding: 0 8px; line-height: ${ROW_HEIGHT}px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      .right { text-align: right; }
      .rn { color: var(--tb-muted); text-align: right; background: #fafbfc; font-size: 12px; }
      .null { color: #b8c1cc; font-style: normal; }
      .foot { padding: 3px 10px; font-size: 12px; border-top: 1px solid var(--tb-line); background: #fafbfc; display: flex; justify-content: space-between; align-items: center; }
      .foot select { font-size: 12px; padding: 0 4px; }
    `,
  ];
}
customElements.define('tb-data-grid', DataGrid);
