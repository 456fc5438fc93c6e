import { LitElement, css, html, nothing } from 'lit';
import type { VersionSummary } from '../../notebook/storage';
import type { Locale } from '../i18n/locale';
import { message, type MessageKey, type MessageParams } from '../i18n/messages';
import { StoreController } from '../controllers/store-controller';
import { theme } from '../theme';
import type { NotebookLibrary } from './notebook-library';
import type { NotebookSession } from './notebook-session';
import { storageReasonKey } from './storage-health';

/** Asks the host to open a notebook (the host owns the library and the session). */
export type OpenRequest = { readonly bundled: string } | { readonly stored: string } | { readonly file: File } | { readonly blank: true };

/**
 * The notebook's bar: title, save state, run all, save / download / open, the notebooks menu,
 * the history with restore, parameter sets, and replay & verify.
 */
export class NotebookToolbar extends LitElement {
  static override properties = {
    session: { attribute: false },
    library: { attribute: false },
    locale: {},
    panel: { state: true },
    versions: { state: true },
  };
  declare session: NotebookSession;
  declare library: NotebookLibrary | null;
  declare locale: Locale;
  declare panel: 'notebooks' | 'history' | null;
  declare versions: VersionSummary[];

  constructor() {
    super();
    this.library = null;
    this.locale = 'zh';
    this.panel = null;
    this.versions = [];
  }

  private t(key: MessageKey, params?: MessageParams): string {
    return message(this.locale, key, params);
  }

  private open(request: OpenRequest): void {
    this.panel = null;
    this.dispatchEvent(new CustomEvent('open-notebook', { detail: request, bubbles: true, composed: true }));
  }

  private async download(): Promise<void> {
    const text = await this.session.fileText();
    const url = URL.createObjectURL(new Blob([text], { type: 'text/markdown;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${(this.session.document.title || 'notebook').replace(/[\\/:*?"<>|]+/g, '_')}.md`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  private async toggleHistory(): Promise<void> {
    if (this.panel === 'history') {
      this.panel = null;
      return;
    }
    this.versions = await this.session.versions();
    this.panel = 'history';
  }

  private saveState() {
    const s = this.session.saveStatus;
    const problem = this.session.storage.problem;
    if (problem) {
      return html`<span class="error small" role="alert" data-testid="storage-problem" data-kind=${problem}>${this.t('storage.closed', { reason: this.t(storageReasonKey(problem)) })}</span>`;
    }
    if (!s) return this.session.id ? nothing : html`<span class="muted small">${this.t('nb.unsaved')}</span>`;
    switch (s.state) {
      case 'pending':
      case 'saving':
        return html`<span class="muted small">${this.t('nb.saving')}</span>`;
      case 'saved':
        return html`<span class="muted small" data-testid="save-state">${s.at ? this.t('nb.saved', { time: new Date(s.at).toLocaleTimeString(this.locale === 'zh' ? 'zh-CN' : 'en-US') }) : ''}</span>`;
      case 'error':
        // The kind in the user's language; the browser's own words (English) in the tooltip.
        return html`<span class="error small" role="alert" data-testid="save-error" data-kind=${s.error.kind} title=${s.error.message}>${this.t('nb.saveFailed', { message: this.t(storageReasonKey(s.error.kind)) })}</span>`;
    }
  }

  /** A warning when the browser may evict the notebooks: persistence not granted (or not offered). */
  private persistenceState() {
    const status = this.session.storage.persistence;
    if (status !== 'denied' && status !== 'unsupported') return nothing;
    return html`<span class="warn small" data-testid="storage-persistence" data-status=${status}>${this.t('nb.storageNotPersistent')}</span>`;
  }

  private panelView() {
    if (this.panel === 'notebooks') {
      const lib = this.library;
      return html`<div class="panel" data-testid="notebooks-panel">
        ${lib?.bundled.map((name) => html`<button class="item" data-bundled=${name} @click=${() => this.open({ bundled: name })}>${name}</button>`)}
        ${lib?.stored.map((n) => html`<button class="item" data-stored=${n.id} @click=${() => this.open({ stored: n.id })}>${n.title} <span class="muted small">${new Date(n.updatedAt).toLocaleString()}</span></button>`)}
        <button class="item" @click=${() => this.open({ blank: true })}>＋ ${this.t('nb.new')}</button>
      </div>`;
    }
    if (this.panel === 'history') {
      return html`<div class="panel" data-testid="history-panel">
        ${this.versions.length <= 1 ? html`<p class="muted">${this.t('nb.historyEmpty')}</p>` : nothing}
        ${this.versions.map(
          (v, i) => html`<div class="version" data-version=${v.versionId}>
            <span>${new Date(v.savedAt).toLocaleString(this.locale === 'zh' ? 'zh-CN' : 'en-US')}</span>
            <span class="muted small">${v.reason} · ${v.size.toLocaleString()} B</span>
            ${i === 0 ? nothing : html`<button class="quiet" data-restore=${v.versionId} @click=${() => { this.panel = null; void this.session.restore(v.versionId); }}>${this.t('nb.restore')}</button>`}
          </div>`,
        )}
      </div>`;
    }
    return nothing;
  }

  // the session is the same object across edits: follow its changes, not the property
  protected readonly watching = new StoreController(this, () => this.session);

  override render() {
    const s = this.session;
    const sets = Object.keys(s.document.parameterSets);
    return html`<div class="bar" data-persistence=${s.storage.persistence ?? 'unknown'}>
        <input class="title" aria-label="title" .value=${s.document.title} @change=${(e: Event) => s.setTitle((e.target as HTMLInputElement).value)} />
        ${this.saveState()}
        ${this.persistenceState()}
        <span class="spacer"></span>
        ${sets.length
          ? html`<label class="small">${this.t('nb.parameters')}
              <select data-testid="parameter-sets" @change=${(e: Event) => s.applyParameterSet((e.target as HTMLSelectElement).value)}>
                <option value="">—</option>${sets.map((n) => html`<option>${n}</option>`)}
              </select></label>`
          : nothing}
        <button data-testid="run-all" @click=${() => void s.runAll()}>${this.t('nb.runAll')}</button>
        <button data-testid="replay" @click=${() => void s.replayAndVerify()}>${this.t('nb.replay')}</button>
        <button data-testid="save" title="Ctrl+S" @click=${() => void s.save()}>${this.t('nb.save')}</button>
        <button data-testid="download" @click=${() => void this.download()}>${this.t('nb.download')}</button>
        <label class="button">${this.t('nb.open')}<input type="file" accept=".md,.markdown,.txt" data-testid="notebook-file"
          @change=${(e: Event) => {
            const input = e.target as HTMLInputElement;
            const file = input.files?.[0];
            input.value = '';
            if (file) this.open({ file });
          }} /></label>
        <button data-testid="notebooks" @click=${() => (this.panel = this.panel === 'notebooks' ? null : 'notebooks')}>${this.t('nb.notebooks')} ▾</button>
        <button data-testid="history" @click=${() => void this.toggleHistory()}>${this.t('nb.history')}</button>
      </div>
      ${this.panelView()}`;
  }

  static override styles = [
    theme,
    css`
      :host { display: block; position: sticky; top: 0; z-index: 5; background: var(--tb-bg); padding: 4px 0 8px; }
      .bar { display: flex; gap: 5px; align-items: center; flex-wrap: wrap; }
      .bar button, label.button { font-size: 13px; padding: 4px 10px; }
      .title { font-size: 16px; font-weight: 600; border-color: transparent; background: transparent; field-sizing: content; min-width: 10ch; max-width: 28ch; }
      .title:hover, .title:focus { border-color: var(--tb-line); background: #fff; }
      .spacer { flex: 1; }
      .small { font-size: 12px; }
      .error { color: var(--tb-red); }
      .warn { color: var(--tb-amber); max-width: 46ch; }
      label.button { border: 1px solid var(--tb-line); background: var(--tb-card); border-radius: 6px; padding: 6px 12px; cursor: pointer; }
      label.button input { display: none; }
      .panel { position: absolute; right: 0; top: 46px; z-index: 6; background: var(--tb-card); border: 1px solid var(--tb-line); border-radius: var(--tb-radius); box-shadow: 0 8px 24px rgba(18, 38, 63, 0.15); padding: 6px; min-width: 320px; max-height: 420px; overflow: auto; display: flex; flex-direction: column; gap: 2px; }
      .item { text-align: left; border: none; display: flex; justify-content: space-between; gap: 12px; }
      .version { display: grid; grid-template-columns: 1fr auto auto; gap: 10px; align-items: center; padding: 3px 6px; }
    `,
  ];
}
customElements.define('tb-notebook-toolbar', NotebookToolbar);
