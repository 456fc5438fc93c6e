import { LitElement, css, html } from 'lit';
import type { Locale } from '../i18n/locale';
import { message, type MessageKey } from '../i18n/messages';
import type { LoadJob } from '../state/load-job';
import { theme } from '../theme';

/** Files being read, staged or cleaned: phase, progress bar and a cancel button each. */
export class LoadProgressPanel extends LitElement {
  static override properties = { jobs: { attribute: false }, locale: {} };
  declare jobs: readonly LoadJob[];
  declare locale: Locale;

  constructor() {
    super();
    this.jobs = [];
    this.locale = 'zh';
  }

  private cancel(id: number): void {
    this.dispatchEvent(new CustomEvent('cancel-job', { detail: id, bubbles: true, composed: true }));
  }

  override render() {
    const busy = this.jobs.filter((j) => j.state === 'reading' || j.state === 'staging' || j.state === 'loading');
    if (busy.length === 0) return null;
    return busy.map((job) => {
      const p = job.progress;
      const fraction = p && p.total > 0 && (p.phase === 'reading' || p.phase === 'decoding') ? p.done / p.total : null;
      const phase = p ? message(this.locale, `progress.${p.phase}` as MessageKey) : message(this.locale, 'progress.reading');
      return html`<div class="job" data-job=${job.id}>
        <span class="name">${job.fileName}</span>
        <span class="phase muted">${phase}${fraction !== null ? ` ${Math.round(fraction * 100)}%` : '…'}</span>
        ${fraction !== null ? html`<progress max="1" .value=${fraction}></progress>` : html`<progress></progress>`}
        <button @click=${() => this.cancel(job.id)}>${message(this.locale, 'progress.cancel')}</button>
      </div>`;
    });
  }

  static override styles = [
    theme,
    css`
      :host { position: fixed; left: 50%; transform: translateX(-50%); bottom: 16px; z-index: 15; display: flex; flex-direction: column; gap: 6px; }
      .job { display: grid; grid-template-columns: minmax(120px, 260px) 110px 200px auto; align-items: center; gap: 10px; background: var(--tb-card); border: 1px solid var(--tb-line); border-radius: var(--tb-radius); padding: 8px 12px; box-shadow: 0 4px 16px rgba(18, 38, 63, 0.12); }
      .name { font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
      progress { width: 200px; }
    `,
  ];
}
customElements.define('tb-load-progress', LoadProgressPanel);
