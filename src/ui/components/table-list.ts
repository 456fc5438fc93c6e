import { LitElement, css, html } from 'lit';
import type { TableInfo } from '../../engine/database';
import type { QualityReport } from '../../extract/report';
import type { Locale } from '../i18n/locale';
import { message, type MessageKey } from '../i18n/messages';
import { theme } from '../theme';

/** The loaded tables: name, what the file was recognised as, rows, columns and a problem badge. */
export class TableList extends LitElement {
  static override properties = {
    tables: { attribute: false },
    reports: { attribute: false },
    demoTables: { attribute: false },
    selected: {},
    locale: {},
  };
  declare tables: readonly TableInfo[];
  declare reports: ReadonlyMap<string, QualityReport>;
  declare demoTables: ReadonlySet<string>;
  declare selected: string | null;
  declare locale: Locale;

  constructor() {
    super();
    this.tables = [];
    this.reports = new Map();
    this.demoTables = new Set();
    this.selected = null;
    this.locale = 'zh';
  }

  private select(name: string): void {
    this.dispatchEvent(new CustomEvent('select-table', { detail: name, bubbles: true, composed: true }));
  }

  private drop(event: Event, name: string): void {
    event.stopPropagation();
    this.dispatchEvent(new CustomEvent('drop-table', { detail: name, bubbles: true, composed: true }));
  }

  private badge(report: QualityReport | undefined) {
    if (!report) return null;
    const problems = report.rowsRejected + report.issues.filter((i) => i.severity === 'warning').length;
    if (report.rowsRejected > 0) return html`<span class="badge error">${message(this.locale, 'tables.issues', { count: problems })}</span>`;
    if (problems > 0) return html`<span class="badge warn">${message(this.locale, 'tables.issues', { count: problems })}</span>`;
    return html`<span class="badge ok">✓</span>`;
  }

  override render() {
    const t = (key: MessageKey, params?: Record<string, string | number>) => message(this.locale, key, params);
    if (this.tables.length === 0) return html`<p class="muted empty">${t('tables.empty')}</p>`;
    return html`<ul>
      ${this.tables.map((table) => {
        const report = this.reports.get(table.name);
        const kind = report?.recognisedAs;
        return html`<li class=${table.name === this.selected ? 'selected' : ''} data-table=${table.name}>
          <button class="item" @click=${() => this.select(table.name)}>
            <span class="name">${table.name}</span>
            <span class="meta">
              ${kind ? html`<span class="badge">${t(`table.${kind}` as MessageKey)}</span>` : null}
              ${this.demoTables.has(table.name) ? html`<span class="badge demo">demo</span>` : null}
              ${this.badge(report)}
            </span>
            <span class="muted small num">${t('tables.rows', { rows: table.rows })} · ${t('tables.columns', { count: table.columns.length })}</span>
          </button>
          <button class="quiet remove" title=${t('tables.drop')} aria-label=${t('tables.drop')} @click=${(e: Event) => this.drop(e, table.name)}>×</button>
          ${table.name === this.selected
            ? html`<ol class="columns">${table.columns.map((c) => html`<li><span>${c.name}</span><span class="muted">${c.type}</span></li>`)}</ol>`
            : null}
        </li>`;
      })}
    </ul>`;
  }

  static override styles = [
    theme,
    css`
      :host { display: block; }
      ul { list-style: none; margin: 0; padding: 0; }
      li { position: relative; border-radius: var(--tb-radius); margin-bottom: 4px; }
      li.selected { background: var(--tb-blue-soft); }
      .item { display: flex; flex-direction: column; align-items: flex-start; gap: 3px; width: 100%; text-align: left; border: none; background: transparent; padding: 8px 28px 8px 10px; }
      .item:hover { background: #eef3f9; }
      .name { font-weight: 600; word-break: break-all; }
      .meta { display: flex; gap: 4px; flex-wrap: wrap; }
      .badge.demo { background: #f1ecfb; color: #6941c6; }
      .small { font-size: 12px; }
      .remove { position: absolute; right: 4px; top: 6px; font-size: 16px; }
      .columns { list-style: none; margin: 0; padding: 2px 10px 8px 18px; font-size: 12px; max-height: 260px; overflow: auto; }
      .columns li { display: flex; justify-content: space-between; gap: 8px; margin: 0; padding: 1px 0; }
      .empty { padding: 8px 10px; }
    `,
  ];
}
customElements.define('tb-table-list', TableList);
