import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { Database } from '../../engine/database';
import type { Cell, InputSpec } from '../../notebook/document';
import type { CellState } from '../../runtime/runtime';
import type { EditorSchema } from '../editor/types';
import type { Locale } from '../i18n/locale';
import { message, type MessageKey, type MessageParams } from '../i18n/messages';
import { theme } from '../theme';
import { renderMarkdown } from './markdown';
import '../editor/code-editor';
import './cell-output';
import './input-control';

const LANGUAGE = { sql: 'sql', ts: 'ts', markdown: 'markdown', input: 'yaml' } as const;
const KIND_LABEL: Record<Cell['kind'], string> = { sql: 'SQL', ts: 'TS', markdown: 'MD', input: 'INPUT' };

/** Fires a notebook action for this cell (handled by the notebook view). */
function action(el: HTMLElement, type: string, detail: Record<string, unknown>): void {
  el.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}

/**
 * One notebook cell: a header (kind, name, state with time and rows, run, cancel, move, fold,
 * delete), its editor, and its output. Markdown shows rendered until clicked; an input shows its
 * control, its YAML definition behind "edit".
 */
export class CellView extends LitElement {
  static override properties = {
    cell: { attribute: false },
    state: { attribute: false },
    spec: { attribute: false },
    schema: { attribute: false },
    db: { attribute: false },
    locale: {},
    readOnly: { type: Boolean },
    draft: { type: Boolean },
    editing: { state: true },
    now: { state: true },
  };
  declare cell: Cell;
  declare state: CellState | null;
  declare spec: InputSpec | null;
  declare schema: EditorSchema;
  declare db: Database | null;
  declare locale: Locale;
  declare readOnly: boolean;
  /** the text was edited since it last ran */
  declare draft: boolean;
  declare editing: boolean;
  declare now: number;
  private timer = 0;

  constructor() {
    super();
    this.state = null;
    this.spec = null;
    this.db = null;
    this.locale = 'zh';
    this.readOnly = false;
    this.draft = false;
    this.editing = false;
    this.now = 0;
  }

  private t(key: MessageKey, params?: MessageParams): string {
    return message(this.locale, key, params);
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('state')) return;
    clearInterval(this.timer);
    if (this.state?.status === 'running') this.timer = window.setInterval(() => (this.now = performance.now()), 100);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
  }

  /** Focuses the cell's editor (keyboard navigation between cells). */
  focusEditor(): void {
    if (this.cell.kind === 'markdown' || this.cell.kind === 'input') this.editing = true;
    void this.updateComplete.then(() => (this.renderRoot.querySelector('tb-code-editor') as HTMLElement | null)?.focus());
  }

  private status() {
    const s = this.state;
    if (this.draft) return html`<span class="chip stale" data-testid="draft">${this.t('cell.draft')}</span>`;
    if (!s || this.cell.kind === 'markdown' || (this.cell.kind === 'input' && s.status !== 'error')) return nothing;
    const rows = s.display?.kind === 'relation' || s.display?.kind === 'table' ? s.display.rows : null;
    switch (s.status) {
      case 'stale':
        return html`<span class="chip stale">${this.t('cell.stale')}</span>`;
      case 'queued':
        return html`<span class="chip">${this.t('cell.queued')}</span>`;
      case 'running':
        return html`<span class="chip running">${this.t('cell.running', { seconds: (Math.max(0, this.now - (s.startedAt ?? this.now)) / 1000).toFixed(1) })}</span>
          <button class="quiet" data-action="cancel" @click=${() => action(this, 'cell-cancel', { id: this.cell.id })}>${this.t('cell.cancel')}</button>`;
      case 'done':
        return html`<span class="chip done">${rows !== null ? this.t('cell.rows', { rows }) + ' · ' : ''}${Math.round(s.ms ?? 0)} ms</span>`;
      case 'error':
        return html`<span class="chip error">${this.t('cell.error')}</span>`;
    }
  }

  private header() {
    const cell = this.cell;
    return html`<header>
      <span class="kind ${cell.kind}">${KIND_LABEL[cell.kind]}</span>
      ${cell.kind !== 'markdown'
        ? html`<input class="name" aria-label=${this.t('cell.name')} .value=${cell.name} ?readonly=${this.readOnly} spellcheck="false"
            @change=${(e: Event) => action(this, 'cell-rename', { id: cell.id, name: (e.target as HTMLInputElement).value.trim() })} />`
        : nothing}
      ${this.status()}
      <span class="spacer"></span>
      ${this.readOnly
        ? nothing
        : html`
            ${cell.kind === 'sql' || cell.kind === 'ts' ? html`<button class="quiet" title=${this.t('cell.run')} data-action="run" @click=${() => action(this, 'cell-run', { id: cell.id })}>▶</button>` : nothing}
            <button class="quiet" title=${this.t('cell.up')} data-action="up" @click=${() => action(this, 'cell-move', { id: cell.id, delta: -1 })}>↑</button>
            <button class="quiet" title=${this.t('cell.down')} data-action="down" @click=${() => action(this, 'cell-move', { id: cell.id, delta: 1 })}>↓</button>
            <button class="quiet" title=${this.t('cell.fold')} data-action="fold" @click=${() => action(this, 'cell-collapse', { id: cell.id })}>${cell.collapsed ? '▸' : '▾'}</button>
            <button class="quiet" title=${this.t('cell.delete')} data-action="delete" @click=${() => action(this, 'cell-delete', { id: cell.id })}>✕</button>
          `}
    </header>`;
  }

  private editor() {
    return html`<tb-code-editor
      .value=${this.cell.source}
      .language=${LANGUAGE[this.cell.kind]}
      .schema=${this.schema}
      .readOnly=${this.readOnly}
      .errors=${this.state?.status === 'error' && this.state.error?.line !== undefined ? [{ line: this.state.error.line, ...(this.state.error.column !== undefined ? { column: this.state.error.column } : {}), message: this.state.error.message }] : []}
      @change=${(e: CustomEvent<string>) => action(this, 'cell-edit', { id: this.cell.id, source: e.detail })}
      @run=${(e: CustomEvent<{ advance: boolean }>) => action(this, 'cell-run', { id: this.cell.id, advance: e.detail.advance })}
      @escape=${() => (this.editing = false)}
    ></tb-code-editor>`;
  }

  /** A folded cell shows one line for its text; its result stays in view. */
  private folded() {
    const lines = this.cell.source.split('\n').length;
    return html`<button class="folded" data-action="unfold" @click=${() => action(this, 'cell-collapse', { id: this.cell.id })}>${this.t('cell.folded', { lines })}</button>`;
  }

  private body() {
    const cell = this.cell;
    if (cell.collapsed && (cell.kind === 'markdown' || cell.kind === 'input')) return cell.kind === 'input' ? html`<tb-input-control .spec=${this.spec} .name=${cell.name}></tb-input-control>` : this.folded();
    if (cell.kind === 'markdown') {
      return this.editing || cell.source.trim() === ''
        ? html`${this.editor()}<button class="quiet done-editing" @click=${() => (this.editing = false)}>${this.t('cell.doneEditing')}</button>`
        : html`<div class="markdown" @dblclick=${() => !this.readOnly && (this.editing = true)}>${unsafeHTML(renderMarkdown(cell.source))}</div>`;
    }
    if (cell.kind === 'input') {
      return html`<tb-input-control .spec=${this.spec} .name=${cell.name}></tb-input-control>
        ${this.editing ? this.editor() : nothing}
        ${this.readOnly ? nothing : html`<button class="quiet edit-def" @click=${() => (this.editing = !this.editing)}>${this.t(this.editing ? 'cell.doneEditing' : 'cell.editDefinition')}</button>`}
        ${this.state?.status === 'error' ? html`<tb-cell-output .error=${this.state.error ?? null} .locale=${this.locale}></tb-cell-output>` : nothing}`;
    }
    return html`${cell.collapsed ? this.folded() : this.editor()}
      <tb-cell-output .display=${this.state?.display ?? null} .error=${this.state?.status === 'error' ? this.state.error ?? null : null} .db=${this.db} .locale=${this.locale}></tb-cell-output>`;
  }

  /**
   * Cell shortcuts, wherever the focus is in the cell: Alt+↑/↓ move it, Alt+Enter runs it and
   * adds a cell below, Ctrl/Cmd+Shift+Backspace deletes it, Ctrl/Cmd+. folds it.
   */
  private onKey(e: KeyboardEvent): void {
    if (this.readOnly) return;
    const mod = e.ctrlKey || e.metaKey;
    const id = this.cell.id;
    let handled = true;
    if (e.altKey && !mod && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) action(this, 'cell-move', { id, delta: e.key === 'ArrowUp' ? -1 : 1 });
    else if (e.altKey && !mod && e.key === 'Enter') {
      if (this.cell.kind === 'sql' || this.cell.kind === 'ts') action(this, 'cell-run', { id });
      action(this, 'cell-add', { after: id, kind: this.cell.kind === 'markdown' ? 'markdown' : this.cell.kind });
    } else if (mod && e.shiftKey && e.key === 'Backspace') action(this, 'cell-delete', { id });
    else if (mod && e.key === '.') action(this, 'cell-collapse', { id });
    else handled = false;
    if (handled) {
      e.preventDefault();
      e.stopPropagation();
    }
  }

  override render() {
    return html`<article class="cell ${this.cell.kind} ${this.state?.status ?? ''}" data-cell=${this.cell.id} @keydown=${this.onKey}>${this.header()}${this.body()}</article>`;
  }

  static override styles = [
    theme,
    css`
      :host { display: block; }
      .cell { background: var(--tb-card); border: 1px solid var(--tb-line); border-left: 3px solid var(--tb-line); border-radius: var(--tb-radius); padding: 6px 10px 10px; }
      .cell.markdown { border-color: transparent; background: transparent; padding-left: 13px; }
      .cell.running { border-left-color: var(--tb-blue); }
      .cell.error { border-left-color: var(--tb-red); }
      .cell.stale { border-left-color: var(--tb-amber); }
      header { display: flex; align-items: center; gap: 8px; min-height: 28px; }
      .kind { font-size: 11px; font-weight: 700; letter-spacing: 0.5px; padding: 1px 6px; border-radius: 4px; background: #eef2f7; color: var(--tb-muted); }
      .kind.sql { background: #e8f1fb; color: var(--tb-blue); }
      .kind.ts { background: #f1ecfb; color: #6941c6; }
      .kind.input { background: #fff4e5; color: var(--tb-amber); }
      .cell.markdown header { opacity: 0; transition: opacity 0.15s; }
      .cell.markdown:hover header, .cell.markdown:focus-within header { opacity: 1; }
      .name { font-family: var(--tb-mono); font-weight: 600; border: 1px solid transparent; background: transparent; padding: 2px 4px; field-sizing: content; min-width: 8ch; }
      .name:hover, .name:focus { border-color: var(--tb-line); background: #fff; }
      .spacer { flex: 1; }
      .chip { font-size: 12px; color: var(--tb-muted); }
      .chip.running { color: var(--tb-blue); font-variant-numeric: tabular-nums; }
      .chip.error { color: var(--tb-red); font-weight: 600; }
      .chip.stale { color: var(--tb-amber); }
      tb-code-editor { display: block; margin: 4px 0 6px; }
      .markdown { line-height: 1.6; }
      .markdown :first-child { margin-top: 0; }
      .markdown :last-child { margin-bottom: 0; }
      .markdown h1 { font-size: 22px; margin: 4px 0 8px; }
      .markdown h2 { font-size: 18px; margin: 14px 0 6px; }
      .markdown code { font-family: var(--tb-mono); background: #f0f3f7; padding: 0 4px; border-radius: 3px; }
      .markdown table { border-collapse: collapse; }
      .markdown td, .markdown th { border: 1px solid var(--tb-line); padding: 3px 8px; }
      .markdown .external-link { color: var(--tb-blue); }
      .edit-def, .done-editing { font-size: 12px; }
      .folded { display: block; width: 100%; text-align: left; border: 1px dashed var(--tb-line); background: #fafbfc; color: var(--tb-muted); font-family: var(--tb-mono); font-size: 12px; margin: 4px 0 6px; padding: 3px 10px; }
    `,
  ];
}
customElements.define('tb-cell', CellView);
