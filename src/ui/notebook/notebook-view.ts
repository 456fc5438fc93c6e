import { LitElement, css, html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { Database } from '../../engine/database';
import type { CellId, CellKind, InputSpec } from '../../notebook/document';
import { StoreController } from '../controllers/store-controller';
import type { EditorSchema } from '../editor/types';
import type { Locale } from '../i18n/locale';
import { message, type MessageKey, type MessageParams } from '../i18n/messages';
import { theme } from '../theme';
import type { NotebookLibrary } from './notebook-library';
import type { NotebookSession } from './notebook-session';
import type { CellView } from './cell-view';
import type { CellPalette } from './cell-palette';
import './cell-view';
import './cell-palette';
import './notebook-toolbar';
import './review-banner';
import './replay-report';

const KINDS: readonly CellKind[] = ['sql', 'ts', 'input', 'markdown'];

/**
 * The notebook: its toolbar, the review banner when it came from elsewhere, its cells in page
 * order (each keyed by id, so an editor keeps its undo history when cells move), and the
 * replay report. Cell events become session calls.
 */
export class NotebookView extends LitElement {
  static override properties = {
    session: { attribute: false },
    db: { attribute: false },
    schema: { attribute: false },
    library: { attribute: false },
    locale: {},
  };
  declare session: NotebookSession;
  declare db: Database | null;
  declare schema: EditorSchema;
  declare library: NotebookLibrary | null;
  declare locale: Locale;
  protected readonly watching = new StoreController(this, () => this.session);

  constructor() {
    super();
    this.db = null;
    this.library = null;
    this.locale = 'zh';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('cell-edit', ((e: CustomEvent<{ id: CellId; source: string }>) => this.session.editCell(e.detail.id, e.detail.source)) as EventListener);
    this.addEventListener('cell-rename', ((e: CustomEvent<{ id: CellId; name: string }>) => this.session.renameCell(e.detail.id, e.detail.name)) as EventListener);
    this.addEventListener('cell-run', ((e: CustomEvent<{ id: CellId; advance?: boolean }>) => this.run(e.detail.id, e.detail.advance ?? false)) as EventListener);
    this.addEventListener('cell-cancel', ((e: CustomEvent<{ id: CellId }>) => void this.session.runtime.cancel(e.detail.id)) as EventListener);
    this.addEventListener('cell-move', ((e: CustomEvent<{ id: CellId; delta: number }>) => this.session.moveCell(e.detail.id, e.detail.delta)) as EventListener);
    this.addEventListener('cell-delete', ((e: CustomEvent<{ id: CellId }>) => this.session.deleteCell(e.detail.id)) as EventListener);
    this.addEventListener('cell-collapse', ((e: CustomEvent<{ id: CellId }>) => this.session.toggleCollapsed(e.detail.id)) as EventListener);
    this.addEventListener('cell-add', ((e: CustomEvent<{ after: CellId; kind: CellKind }>) => this.add(e.detail.kind, e.detail.after)) as EventListener);
    this.addEventListener('save', () => void this.session.save());
  }

  private t(key: MessageKey, params?: MessageParams): string {
    return message(this.locale, key, params);
  }

  /** Shift+Enter: run the cell (its text is already in the runtime) and go to the next one. */
  private run(id: CellId, advance: boolean): void {
    void this.session.runCell(id);
    if (!advance) return;
    const cells = this.session.document.cells;
    const next = cells[cells.findIndex((c) => c.id === id) + 1];
    if (next) (this.renderRoot.querySelector(`tb-cell[data-id="${next.id}"]`) as CellView | null)?.focusEditor();
  }

  private add(kind: CellKind, after: CellId | null): void {
    const id = this.session.addCell(kind, after);
    void this.updateComplete.then(() => (this.renderRoot.querySelector(`tb-cell[data-id="${id}"]`) as CellView | null)?.focusEditor());
  }

  private adder(after: CellId | null) {
    if (this.session.review) return nothing;
    return html`<div class="adder">
      ${KINDS.map((k) => html`<button class="quiet" data-add=${k} @click=${() => this.add(k, after)}>+ ${k === 'markdown' ? 'Markdown' : k === 'input' ? this.t('nb.input') : k.toUpperCase()}</button>`)}
      <button class="quiet" data-add="indicator" @click=${() => void (this.renderRoot.querySelector('tb-cell-palette') as CellPalette | null)?.show(after)}>+ ${this.t('palette.add')}</button>
    </div>`;
  }

  private specOf(id: CellId): InputSpec | null {
    return this.session.inputSpec(id) ?? this.session.runtime.compiled(id)?.input?.spec ?? null;
  }

  override render() {
    const s = this.session;
    const cells = s.document.cells;
    return html`
      <tb-notebook-toolbar .session=${s} .library=${this.library} .locale=${this.locale}></tb-notebook-toolbar>
      ${s.review ? html`<tb-review-banner .session=${s} .locale=${this.locale}></tb-review-banner>` : nothing}
      ${s.replay ? html`<tb-replay-report .session=${s} .locale=${this.locale}></tb-replay-report>` : nothing}
      <div class="cells" @input-value=${(e: CustomEvent<{ value: unknown }>) => this.onInput(e)}>
        ${cells.length === 0 ? html`<p class="muted empty">${this.t('nb.empty')}</p>` : nothing}
        ${repeat(
          cells,
          (c) => c.id,
          (c) => html`<tb-cell
              data-id=${c.id}
              .cell=${c}
              .state=${s.runtime.state(c.id) ?? null}
              .spec=${c.kind === 'input' ? this.specOf(c.id) : null}
              .schema=${this.schema}
              .db=${this.db}
              .locale=${this.locale}
              .readOnly=${s.review}
              .draft=${s.isDraft(c.id)}
            ></tb-cell>
            ${this.adder(c.id)}`,
        )}
        ${cells.length === 0 ? this.adder(null) : nothing}
      </div>
      <tb-cell-palette .session=${s} .schema=${this.schema} .locale=${this.locale}></tb-cell-palette>
    `;
  }

  private onInput(e: CustomEvent<{ value: unknown }>): void {
    const cell = (e.composedPath().find((n) => (n as HTMLElement).tagName === 'TB-CELL') as CellView | undefined)?.cell;
    if (cell?.kind === 'input') this.session.setInput(cell.name, e.detail.value as never);
  }

  static override styles = [
    theme,
    css`
      :host { display: block; overflow: auto; padding: 0 4px 80px; }
      .cells { display: flex; flex-direction: column; gap: 2px; max-width: 1180px; }
      .adder { display: flex; gap: 4px; justify-content: center; opacity: 0; height: 22px; transition: opacity 0.15s; }
      .adder:hover, .adder:focus-within, .cells > .adder:only-child, .empty + .adder { opacity: 1; }
      .adder button { font-size: 12px; padding: 0 8px; }
      .empty { padding: 24px; text-align: center; }
    `,
  ];
}
customElements.define('tb-notebook', NotebookView);
