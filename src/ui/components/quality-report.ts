import { LitElement, css, html } from 'lit';
import type { LoadIssue } from '../../extract/issues';
import type { QualityReport } from '../../extract/report';
import type { Locale } from '../i18n/locale';
import { message, type MessageKey, type MessageParams } from '../i18n/messages';
import { formatBytes, issueText } from '../i18n/issue-text';
import { theme } from '../theme';

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/**
 * The data-quality report of one loaded file: its fingerprint and how it was read, the row
 * counts, the mapping applied, and every problem with its row, column, value and reason.
 */
export class QualityReportView extends LitElement {
  static override properties = { report: { attribute: false }, locale: {}, filter: { state: true } };
  declare report: QualityReport | null;
  declare locale: Locale;
  declare filter: string;

  constructor() {
    super();
    this.report = null;
    this.locale = 'zh';
    this.filter = '';
  }

  private t(key: MessageKey, params?: MessageParams): string {
    return message(this.locale, key, params);
  }

  private options(report: QualityReport): string {
    return Object.entries(report.options)
      .map(([k, v]) => `${k}: ${v === '\t' ? 'TAB' : String(v)}`)
      .join(' · ');
  }

  private card(label: MessageKey, value: number, tone = '') {
    return html`<div class="card ${tone}" data-testid=${label}><span class="muted">${this.t(label)}</span><strong class="num">${value.toLocaleString()}</strong></div>`;
  }

  private issueRows(issues: readonly LoadIssue[]) {
    return issues.map(
      (i) => html`<tr class=${i.severity} data-code=${i.code} data-row=${i.row ?? ''} data-column=${i.column ?? ''}>
        <td class="num">${i.row ?? ''}</td>
        <td>${i.column ?? ''}</td>
        <td class="value">${i.value ?? ''}</td>
        <td><span class="badge ${i.severity === 'error' ? 'error' : i.severity === 'warning' ? 'warn' : ''}">${i.code}</span> ${issueText(this.locale, i.code, i.detail)}</td>
      </tr>`,
    );
  }

  override render() {
    const r = this.report;
    if (!r) return html`<p class="muted">${this.t('quality.none')}</p>`;
    const issues = [...r.issues].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (a.row ?? 0) - (b.row ?? 0));
    const codes = [...new Set(issues.map((i) => i.code))];
    const shown = this.filter ? issues.filter((i) => i.code === this.filter) : issues;
    const listed = new Map<string, number>();
    for (const i of issues) listed.set(i.code, (listed.get(i.code) ?? 0) + 1);
    // counts of listed kinds beyond what is listed (notes such as 'percent' are only counted)
    const unlisted = r.counts.reduce((s, c) => (listed.has(c.code) ? s + Math.max(0, c.count - listed.get(c.code)!) : s), 0);
    return html`
      <section class="summary" data-table=${r.table}>
        ${this.card('quality.read', r.rowsRead)}
        ${this.card('quality.loaded', r.rowsLoaded, 'ok')}
        ${this.card('quality.rejected', r.rowsRejected, r.rowsRejected ? 'bad' : '')}
        ${this.card('quality.skipped', r.rowsSkipped)}
      </section>
      <dl>
        <dt>${this.t('quality.file')}</dt><dd>${r.source.name}</dd>
        <dt>${this.t('quality.format')}</dt><dd>${r.source.format.toUpperCase()} · ${formatBytes(r.source.size)}</dd>
        <dt>${this.t('quality.options')}</dt><dd>${this.options(r)}</dd>
        <dt>${this.t('quality.sha256')}</dt><dd class="mono">${r.source.sha256}</dd>
        <dt>${this.t('quality.recognised')}</dt><dd>${r.recognisedAs ? `${this.t(`table.${r.recognisedAs}` as MessageKey)} (${r.recognisedAs})` : this.t('quality.plain')}</dd>
        <dt>${this.t('quality.elapsed')}</dt><dd class="num">${(r.elapsedMs / 1000).toFixed(2)} s</dd>
      </dl>
      <p class="muted">${this.t(`quality.policy.${r.policy}` as MessageKey)}</p>

      <h3>${this.t('quality.issues')}</h3>
      ${issues.length === 0
        ? html`<p class="muted">${this.t('quality.noIssues')}</p>`
        : html`
            <select aria-label=${this.t('quality.problem')} @change=${(e: Event) => (this.filter = (e.target as HTMLSelectElement).value)}>
              <option value="">${this.t('quality.problem')} (${issues.length})</option>
              ${codes.map((c) => html`<option value=${c}>${c} (${issues.filter((i) => i.code === c).length})</option>`)}
            </select>
            <table class="issues">
              <thead><tr><th>${this.t('quality.row')}</th><th>${this.t('quality.column')}</th><th>${this.t('quality.value')}</th><th>${this.t('quality.problem')}</th></tr></thead>
              <tbody>${this.issueRows(shown)}</tbody>
            </table>
            ${unlisted > 0 ? html`<p class="muted">${this.t('quality.more', { shown: issues.length, total: issues.length + unlisted })}</p>` : null}
          `}

      ${r.counts.length
        ? html`<h3>${this.t('quality.counts')}</h3>
            <table class="counts">
              <tbody>${r.counts.map((c) => html`<tr><td>${c.column ?? ''}</td><td><span class="badge">${c.code}</span> ${issueText(this.locale, c.code)}</td><td class="num">${c.count.toLocaleString()}</td></tr>`)}</tbody>
            </table>`
        : null}

      <h3>${this.t('quality.mapping')}</h3>
      <table class="mapping">
        <thead><tr><th>${this.t('mapping.source')}</th><th>${this.t('mapping.target')}</th><th>${this.t('mapping.kind')}</th><th>${this.t('mapping.unit')}</th></tr></thead>
        <tbody>${r.mapping.columns.map((c) => html`<tr>
          <td>${c.header}</td>
          <td>${c.canonical ? html`<strong>${c.target}</strong>` : c.target}</td>
          <td>${this.t(`kind.${c.kind}` as MessageKey)}</td>
          <td class="num">${c.kind === 'amount' && c.unit !== 1 ? `×${c.unit.toLocaleString()}` : ''}</td>
        </tr>`)}</tbody>
      </table>
    `;
  }

  static override styles = [
    theme,
    css`
      :host { display: block; overflow: auto; padding: 4px 2px 24px; }
      .summary { display: grid; grid-template-columns: repeat(4, minmax(120px, 1fr)); gap: 10px; margin-bottom: 14px; }
      .card { background: var(--tb-card); border: 1px solid var(--tb-line); border-radius: var(--tb-radius); padding: 10px 14px; display: flex; flex-direction: column; gap: 4px; }
      .card strong { font-size: 22px; }
      .card.ok strong { color: var(--tb-green); }
      .card.bad strong { color: var(--tb-red); }
      dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0 0 8px; background: var(--tb-card); border: 1px solid var(--tb-line); border-radius: var(--tb-radius); padding: 10px 14px; }
      dt { color: var(--tb-muted); }
      dd { margin: 0; word-break: break-all; }
      .mono { font-family: var(--tb-mono); font-size: 12px; }
      h3 { font-size: 15px; margin: 18px 0 8px; }
      table { border-collapse: collapse; width: 100%; background: var(--tb-card); border: 1px solid var(--tb-line); border-radius: var(--tb-radius); }
      th, td { text-align: left; padding: 5px 10px; border-bottom: 1px solid #eef1f5; vertical-align: top; }
      th { background: #f0f3f7; font-weight: 600; }
      td.value { font-family: var(--tb-mono); font-size: 12px; max-width: 280px; overflow-wrap: anywhere; }
      tr.error td:first-child { border-left: 3px solid var(--tb-red); }
      tr.warning td:first-child { border-left: 3px solid var(--tb-amber); }
      select { margin-bottom: 8px; }
    `,
  ];
}
customElements.define('tb-quality-report', QualityReportView);
