import { LitElement, css, html } from 'lit';
import type { Locale } from '../i18n/locale';
import { message } from '../i18n/messages';
import { StoreController } from '../controllers/store-controller';
import { theme } from '../theme';
import type { NotebookSession } from './notebook-session';

/**
 * Review mode: a notebook from elsewhere, shown with its data manifest and parameter sets, with
 * nothing run until the reviewer presses Run.
 */
export class ReviewBanner extends LitElement {
  static override properties = { session: { attribute: false }, locale: {} };
  declare session: NotebookSession;
  declare locale: Locale;

  // the session is the same object across edits: follow its changes, not the property
  protected readonly watching = new StoreController(this, () => this.session);

  override render() {
    const doc = this.session.document;
    const t = (k: Parameters<typeof message>[1], p?: Record<string, string | number>) => message(this.locale, k, p);
    return html`<section class="banner" data-testid="review-banner">
      <p>${t('nb.review', { file: this.session.fileName ?? doc.title })}</p>
      <button class="primary" data-testid="review-run" @click=${() => void this.session.runAll()}>${t('nb.reviewRun')}</button>
      ${doc.data.length
        ? html`<details open><summary>${t('nb.manifest')} (${doc.data.length})</summary>
            <table><tbody>${doc.data.map((d) => html`<tr><td>${d.table}</td><td>${d.file}</td><td class="num">${d.rows.toLocaleString()}</td><td class="mono">${d.sha256.slice(0, 16)}…</td></tr>`)}</tbody></table>
          </details>`
        : null}
      ${Object.keys(doc.parameterSets).length
        ? html`<details><summary>${t('nb.parameters')}</summary><pre>${JSON.stringify(doc.parameterSets, null, 2)}</pre></details>`
        : null}
      ${doc.environment ? html`<p class="muted small">app ${doc.environment.app} · DuckDB ${doc.environment.duckdb}</p>` : null}
    </section>`;
  }

  static override styles = [
    theme,
    css`
      .banner { background: var(--tb-amber-soft); border: 1px solid #f5d7a8; border-radius: var(--tb-radius); padding: 10px 14px; margin: 8px 0; }
      p { margin: 0 0 8px; }
      table { border-collapse: collapse; font-size: 12px; margin-top: 4px; }
      td { padding: 2px 10px 2px 0; }
      .mono { font-family: var(--tb-mono); }
      pre { font-size: 12px; margin: 4px 0; }
      .small { font-size: 12px; margin: 6px 0 0; }
      details { margin-top: 6px; }
    `,
  ];
}
customElements.define('tb-review-banner', ReviewBanner);
