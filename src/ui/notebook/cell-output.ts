import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { tableFromIPC } from 'apache-arrow';
import type { Database } from '../../engine/database';
import type { CellError, Display } from '../../runtime/contracts';
import { cellTableSql } from '../../runtime/sql/sql-cell';
import type { Locale } from '../i18n/locale';
import { arrowRowSource, sqlRowSource, type RowSource } from '../row-source';
import { theme } from '../theme';
import '../components/data-grid';

/**
 * A cell's result: a table (paged from DuckDB, or an Arrow table a TypeScript cell returned), a
 * chart (Observable Plot, drawn from the cell's spec), a value, or the error with its position.
 */
export class CellOutput extends LitElement {
  static override properties = {
    display: { attribute: false },
    error: { attribute: false },
    db: { attribute: false },
    locale: {},
  };
  declare display: Display | null;
  declare error: CellError | null;
  declare db: Database | null;
  declare locale: Locale;
  private source: RowSource | null = null;
  private chart: Element | null = null;
  private chartFor: Display | null = null;

  constructor() {
    super();
    this.display = null;
    this.error = null;
    this.db = null;
    this.locale = 'zh';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('display')) return;
    const d = this.display;
    this.source =
      d?.kind === 'relation' && this.db ? sqlRowSource(this.db, cellTableSql(d.table), d.columns, d.rows) : d?.kind === 'table' ? arrowRowSource(tableFromIPC(d.ipc)) : null;
    if (d?.kind === 'plot' && d !== this.chartFor) void this.drawChart(d);
  }

  private async drawChart(display: Extract<Display, { kind: 'plot' }>): Promise<void> {
    this.chartFor = display;
    try {
      const { renderPlotSpec } = await import('../../runtime/ts/render-plot');
      if (this.chartFor !== display) return;
      this.chart = renderPlotSpec(display.spec, document);
    } catch (error) {
      this.chart = null;
      this.error = { message: error instanceof Error ? error.message : String(error) };
    }
    this.requestUpdate();
  }

  override render() {
    if (this.error) {
      const where = this.error.line !== undefined ? `${this.locale === 'zh' ? '第' : 'line '}${this.error.line}${this.locale === 'zh' ? ' 行' : ''}${this.error.column !== undefined ? `:${this.error.column}` : ''} · ` : '';
      return html`<pre class="error" role="alert" data-testid="cell-error">${where}${this.error.message}</pre>`;
    }
    const d = this.display;
    if (!d || d.kind === 'none') return nothing;
    switch (d.kind) {
      case 'value':
        return html`<pre class="value" data-testid="cell-value"><span class="type">${d.type}</span>${d.text}</pre>`;
      case 'relation':
      case 'table':
        return this.source ? html`<tb-data-grid class=${this.source.rowCount > 12 ? 'tall' : ''} .source=${this.source} .locale=${this.locale}></tb-data-grid>` : nothing;
      case 'plot':
        return html`<div class="chart" data-testid="cell-chart">${this.chart ?? nothing}</div>`;
    }
  }

  static override styles = [
    theme,
    css`
      :host { display: block; }
      .error { margin: 0; padding: 8px 12px; background: var(--tb-red-soft); color: var(--tb-red); border-radius: 6px; white-space: pre-wrap; font-family: var(--tb-mono); font-size: 12px; }
      .value { margin: 0; padding: 6px 10px; font-family: var(--tb-mono); font-size: 13px; white-space: pre-wrap; max-height: 240px; overflow: auto; }
      .type { color: var(--tb-muted); margin-right: 10px; font-size: 11px; }
      tb-data-grid { height: auto; max-height: 380px; }
      tb-data-grid.tall { height: 380px; }
      .chart { overflow-x: auto; padding: 4px 0; }
      /* Charts and grids hold most of a notebook's elements: off screen they skip style, layout and
         paint (a full restyle of the demo notebook: 33 ms → 12 ms), keeping the height they last had. */
      .chart, tb-data-grid { content-visibility: auto; contain-intrinsic-size: auto 380px; }
      .chart svg { max-width: 100%; height: auto; }
    `,
  ];
}
customElements.define('tb-cell-output', CellOutput);
