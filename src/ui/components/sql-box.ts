import { LitElement, css, html } from 'lit';
import type { Database } from '../../engine/database';
import { isCancellation } from '../../engine/database';
import type { Locale } from '../i18n/locale';
import { duckdbErrorText } from '../../engine/error-text';
import { message } from '../i18n/messages';
import { arrowRowSource, type RowSource } from '../row-source';
import { theme } from '../theme';
import { mayWrite } from '../sql-kind';
import './data-grid';

type RunState =
  | { kind: 'idle' }
  | { kind: 'running'; started: number }
  | { kind: 'done'; rows: number; ms: number }
  | { kind: 'error'; message: string }
  | { kind: 'cancelled' };

/** A SQL box over the loaded tables: run (Ctrl+Enter), cancel, and the result or DuckDB's error. */
export class SqlBox extends LitElement {
  static override properties = {
    db: { attribute: false },
    locale: {},
    sql: {},
    state: { state: true },
    result: { state: true },
    now: { state: true },
  };
  declare db: Database | null;
  declare locale: Locale;
  declare sql: string;
  declare state: RunState;
  declare result: RowSource | null;
  declare now: number;
  private controller: AbortController | null = null;
  private timer = 0;

  constructor() {
    super();
    this.db = null;
    this.locale = 'zh';
    this.sql = '';
    this.state = { kind: 'idle' };
    this.result = null;
    this.now = 0;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  private async run(): Promise<void> {
    if (!this.db || this.state.kind === 'running') return;
    const sql = this.sql.trim();
    if (!sql) return;
    this.controller = new AbortController();
    const started = performance.now();
    this.state = { kind: 'running', started };
    this.now = started;
    this.timer = window.setInterval(() => (this.now = performance.now()), 200);
    try {
      const table = await this.db.query(sql, [], { signal: this.controller.signal });
      this.result = arrowRowSource(table);
      this.state = { kind: 'done', rows: table.numRows, ms: Math.round(performance.now() - started) };
      this.dispatchEvent(new CustomEvent('query-ran', { detail: { sql, mayWrite: mayWrite(sql) }, bubbles: true, composed: true }));
    } catch (error) {
      this.state = isCancellation(error) ? { kind: 'cancelled' } : { kind: 'error', message: duckdbErrorText(error) };
    } finally {
      clearInterval(this.timer);
      this.controller = null;
    }
  }

  private cancel(): void {
    this.controller?.abort();
  }

  private onKey(event: KeyboardEvent): void {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void this.run();
    }
  }

  private status() {
    const s = this.state;
    const t = (k: Parameters<typeof message>[1], p?: Record<string, string | number>) => message(this.locale, k, p);
    switch (s.kind) {
      case 'idle': return html`<span class="muted">${t('sql.hint')}</span>`;
      case 'running': return html`<span class="muted">${t('sql.running', { seconds: ((this.now - s.started) / 1000).toFixed(1) })}</span>`;
      case 'done': return html`<span class="muted">${t('sql.done', { rows: s.rows, ms: s.ms })}</span>`;
      case 'cancelled': return html`<span class="muted">${t('sql.cancelled')}</span>`;
      case 'error': return html`<span class="error">${t('sql.error')}</span>`;
    }
  }

  override render() {
    const running = this.state.kind === 'running';
    return html`
      <textarea
        spellcheck="false"
        aria-label="SQL"
        placeholder=${message(this.locale, 'sql.placeholder')}
        .value=${this.sql}
        @input=${(e: Event) => (this.sql = (e.target as HTMLTextAreaElement).value)}
        @keydown=${this.onKey}
      ></textarea>
      <div class="bar">
        <button class="primary" ?disabled=${running || !this.db} @click=${() => void this.run()}>${message(this.locale, 'sql.run')}</button>
        <button ?disabled=${!running} @click=${this.cancel}>${message(this.locale, 'sql.cancel')}</button>
        <span class="status">${this.status()}</span>
      </div>
      ${this.state.kind === 'error' ? html`<pre class="error-box" role="alert">${this.state.message}</pre>` : null}
      ${this.result && this.state.kind !== 'error' ? html`<tb-data-grid .source=${this.result} .locale=${this.locale}></tb-data-grid>` : null}
    `;
  }

  static override styles = [
    theme,
    css`
      :host { display: flex; flex-direction: column; gap: 8px; min-height: 0; height: 100%; }
      textarea { font-family: var(--tb-mono); font-size: 13px; min-height: 120px; resize: vertical; padding: 10px; border: 1px solid var(--tb-line); border-radius: var(--tb-radius); background: #fcfdfe; color: var(--tb-ink); }
      .bar { display: flex; gap: 8px; align-items: center; }
      .error { color: var(--tb-red); font-weight: 600; }
      .error-box { margin: 0; padding: 10px 12px; background: var(--tb-red-soft); color: var(--tb-red); border-radius: var(--tb-radius); white-space: pre-wrap; font-family: var(--tb-mono); font-size: 12px; }
      tb-data-grid { flex: 1; min-height: 200px; }
    `,
  ];
}
customElements.define('tb-sql-box', SqlBox);
