import { LitElement, css, html, nothing } from 'lit';
import type { Database } from '../../engine/database';
import { download } from '../../export/download';
import type { Locale } from '../i18n/locale';
import { message, type MessageKey, type MessageParams } from '../i18n/messages';
import type { NotebookSession } from '../notebook/notebook-session';
import type { ScreeningSource } from '../screening/screening-source';
import { theme } from '../theme';
import { gatherModelReport } from './model-report-gather';
import type { Outcome } from './outcome';

/**
 * <tb-model-report-button>: downloads the model report — one self-contained HTML file a reviewer
 * opens offline (see src/report). Enabled once the screening model is ready; the validation
 * section needs an outcome, and says so when there is none.
 */
export class ModelReportButton extends LitElement {
  static override properties = {
    session: { attribute: false },
    source: { attribute: false },
    outcome: { attribute: false },
    db: { attribute: false },
    locale: {},
    busy: { state: true },
    note: { state: true },
  };
  declare session: NotebookSession | null;
  declare source: ScreeningSource | null;
  declare outcome: Outcome | null;
  declare db: Database | null;
  declare locale: Locale;
  declare busy: boolean;
  /** the last result: saved file or error */
  declare note: { readonly ok: boolean; readonly text: string } | null;
  private readonly follow = () => this.requestUpdate();

  constructor() {
    super();
    this.session = null;
    this.source = null;
    this.outcome = null;
    this.db = null;
    this.locale = 'en';
    this.busy = false;
    this.note = null;
  }

  private t(key: MessageKey, params?: MessageParams): string {
    return message(this.locale, key, params);
  }

  override updated(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('source')) {
      (changed.get('source') as EventTarget | null | undefined)?.removeEventListener('change', this.follow);
      this.source?.addEventListener('change', this.follow);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.source?.removeEventListener('change', this.follow);
  }

  private async build(): Promise<void> {
    if (!this.session || !this.source || this.busy) return;
    this.busy = true;
    this.note = null;
    try {
      const { html: text, fileName } = await gatherModelReport({ session: this.session, source: this.source, outcome: this.outcome, db: this.db, locale: this.locale });
      download(fileName, 'text/html;charset=utf-8', new TextEncoder().encode(text));
      this.note = { ok: true, text: this.t('report.done', { file: fileName }) };
    } catch (error) {
      this.note = { ok: false, text: this.t('report.failed', { message: error instanceof Error ? error.message : String(error) }) };
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const ready = this.source?.status.kind === 'ready' && this.session !== null;
    return html`<button data-testid="model-report" title=${this.t('report.title')} ?disabled=${!ready || this.busy} @click=${() => void this.build()}>
        ${this.busy ? this.t('report.building') : this.t('report.button')}</button>
      ${this.note ? html`<span class="note ${this.note.ok ? '' : 'bad'}">${this.note.text}</span>` : nothing}`;
  }

  static override styles = [
    theme,
    css`
      :host { display: inline-flex; align-items: center; gap: 10px; }
      .note { font-size: 12px; color: var(--tb-muted); }
      .note.bad { color: var(--tb-red); }
    `,
  ];
}

customElements.define('tb-model-report-button', ModelReportButton);
