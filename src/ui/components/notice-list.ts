import { LitElement, css, html } from 'lit';
import type { Locale } from '../i18n/locale';
import { message } from '../i18n/messages';
import { issuePlace, issueText } from '../i18n/issue-text';
import type { Notice } from '../state/workspace-store';
import { theme } from '../theme';

/** Messages about loads (done, cancelled, failed with the reason), until dismissed. */
export class NoticeList extends LitElement {
  static override properties = { notices: { attribute: false }, locale: {} };
  declare notices: readonly Notice[];
  declare locale: Locale;

  constructor() {
    super();
    this.notices = [];
    this.locale = 'zh';
  }

  private dismiss(id: number): void {
    this.dispatchEvent(new CustomEvent('dismiss-notice', { detail: id, bubbles: true, composed: true }));
  }

  override render() {
    return this.notices.map(
      (n) => html`<div class="notice ${n.kind}" role=${n.kind === 'error' ? 'alert' : 'status'} data-testid="notice" data-kind=${n.kind} data-code=${n.issue?.code ?? ''}>
        <div>
          <strong>${message(this.locale, n.key, n.params)}</strong>
          ${n.issue ? html`<p>${issueText(this.locale, n.issue.code, n.issue.detail)}</p><p class="muted small">${issuePlace(this.locale, n.issue)}</p>` : null}
        </div>
        <button class="quiet" aria-label=${message(this.locale, 'notice.dismiss')} @click=${() => this.dismiss(n.id)}>×</button>
      </div>`,
    );
  }

  static override styles = [
    theme,
    css`
      :host { position: fixed; right: 16px; bottom: 16px; z-index: 20; display: flex; flex-direction: column; gap: 8px; width: min(440px, calc(100vw - 32px)); pointer-events: none; }
      /* only the notices take clicks: the gaps between them leave the page usable */
      :host > * { pointer-events: auto; }
      .notice { display: flex; gap: 8px; justify-content: space-between; align-items: flex-start; background: var(--tb-card); border: 1px solid var(--tb-line); border-left: 4px solid var(--tb-blue); border-radius: var(--tb-radius); padding: 10px 12px; box-shadow: 0 4px 16px rgba(18, 38, 63, 0.12); }
      .notice.success { border-left-color: var(--tb-green); }
      .notice.error { border-left-color: var(--tb-red); }
      p { margin: 4px 0 0; }
      .small { font-size: 12px; }
    `,
  ];
}
customElements.define('tb-notice-list', NoticeList);
