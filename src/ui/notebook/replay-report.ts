import { LitElement, css, html } from 'lit';
import type { Locale } from '../i18n/locale';
import { message, type MessageKey } from '../i18n/messages';
import { StoreController } from '../controllers/store-controller';
import { theme } from '../theme';
import type { NotebookSession } from './notebook-session';

const CELL_LABEL: Record<string, MessageKey> = { pass: 'nb.cellPass', changed: 'nb.cellChanged', failed: 'nb.cellFailed', new: 'nb.cellNew' };
const DATA_LABEL: Record<string, MessageKey> = { same: 'nb.dataSame', differs: 'nb.dataDiffers', missing: 'nb.dataMissing' };

/** The replay report: each data file against the manifest, each cell against its saved digest. */
export class ReplayReportView extends LitElement {
  static override properties = { session: { attribute: false }, locale: {} };
  declare session: NotebookSession;
  declare locale: Locale;

  // the session is the same object across edits: follow its changes, not the property
  protected readonly watching = new StoreController(this, () => this.session);

  override render() {
    const t = (k: MessageKey, p?: Record<string, string | number>) => message(this.locale, k, p);
    const report = this.session.replay;
    if (report === null) return null;
    if (report === 'running') return html`<section class="report running">${t('nb.replayRunning')}</section>`;
    const failing = report.cells.filter((c) => c.status !== 'pass');
    const ok = failing.length === 0 && report.data.every((d) => d.status === 'same');
    return html`<section class="report ${ok ? 'ok' : 'bad'}" data-testid="replay-report">
      <header>
        <strong>${t('nb.replayTitle')}</strong>
        <span data-testid="replay-summary">${failing.length === 0 ? t('nb.replayPass', { count: report.cells.length }) : t('nb.replayFail', { failed: failing.length, count: report.cells.length })}</span>
        <span class="muted small">${(report.ms / 1000).toFixed(1)} s</span>
        <button class="quiet" @click=${() => { this.session.replay = null; this.session.dispatchEvent(new Event('change')); }}>${t('nb.close')}</button>
      </header>
      <table>
        <tbody>
          ${report.data.map((d) => html`<tr class=${d.status} data-table=${d.table}><td>${d.table}</td><td><span class="badge ${d.status === 'same' ? 'ok' : 'error'}">${t(DATA_LABEL[d.status]!)}</span></td><td>${d.differences.join('; ')}</td></tr>`)}
          ${report.cells.map((c) => html`<tr class=${c.status} data-cell-name=${c.name} data-status=${c.status}><td class="mono">${c.name}</td><td><span class="badge ${c.status === 'pass' ? 'ok' : c.status === 'new' ? '' : 'error'}">${t(CELL_LABEL[c.status]!)}</span></td><td>${c.differences.join('; ')}</td></tr>`)}
        </tbody>
      </table>
    </section>`;
  }

  static override styles = [
    theme,
    css`
      .report { border-radius: var(--tb-radius); padding: 10px 14px; margin: 8px 0; border: 1px solid var(--tb-line); background: var(--tb-card); }
      .report.ok { border-color: #b7dfc6; background: #f3faf6; }
      .report.bad { border-color: #f3b8b2; background: #fff7f6; }
      header { display: flex; gap: 12px; align-items: baseline; margin-bottom: 6px; }
      header button { margin-left: auto; }
      table { border-collapse: collapse; width: 100%; font-size: 13px; }
      td { padding: 3px 10px 3px 0; vertical-align: top; border-top: 1px solid #eef1f5; }
      .mono { font-family: var(--tb-mono); }
      .small { font-size: 12px; }
    `,
  ];
}
customElements.define('tb-replay-report', ReplayReportView);
