import { LitElement, css, html, nothing } from 'lit';
import { INDICATOR_CELLS, withDependencies, type Direction, type LibraryCell } from '../../notebook/cell-library';
import { isNamed, type CellId } from '../../notebook/document';
import type { EditorSchema } from '../editor/types';
import type { Locale } from '../i18n/locale';
import { message, type MessageKey, type MessageParams } from '../i18n/messages';
import { theme } from '../theme';
import type { LibraryInsertResult } from '../../notebook/library-insert';
import type { NotebookSession } from './notebook-session';

const LIBRARY_NAMES = new Set(INDICATOR_CELLS.map((cell) => cell.name));

/**
 * The indicator palette: a modal <dialog> listing every cell of the indicator library (cells/)
 * with what it defines (columns, units, benefit/cost), what it reads (tables not loaded are
 * flagged, since the cell would fail), whether the notebook has it already, and its SQL. Insert
 * hands the choice to the session (one edit: the cells, what they read, as_of, the matrix) and
 * says what happened, including a hand-edited matrix left alone, before the user closes it.
 */
export class CellPalette extends LitElement {
  static override properties = {
    session: { attribute: false },
    schema: { attribute: false },
    locale: {},
    chosen: { state: true },
    result: { state: true },
  };
  declare session: NotebookSession;
  declare schema: EditorSchema;
  declare locale: Locale;
  /** names of the chosen library cells */
  declare chosen: ReadonlySet<string>;
  /** what the last Insert did, shown until the palette is opened again */
  declare result: LibraryInsertResult | null;
  /** where the cells go (the adder that opened the palette) */
  private insertAfter: CellId | null = null;

  constructor() {
    super();
    this.locale = 'zh';
    this.chosen = new Set();
    this.result = null;
  }

  private t(key: MessageKey, params?: MessageParams): string {
    return message(this.locale, key, params);
  }

  /** Opens the palette to insert after `after` (null: at the end), with nothing chosen. */
  async show(after: CellId | null): Promise<void> {
    this.insertAfter = after;
    this.chosen = new Set();
    this.result = null;
    await this.updateComplete;
    // a fresh look each time: SQL previews folded, the list at its top
    this.renderRoot.querySelectorAll('details').forEach((details) => (details.open = false));
    this.renderRoot.querySelector('dialog')?.showModal();
    const list = this.renderRoot.querySelector('.cells');
    if (list) list.scrollTop = 0;
  }

  private close(): void {
    this.renderRoot.querySelector('dialog')?.close();
  }

  /** Names defined by the notebook's cells (a library cell of such a name is not inserted). */
  private taken(): Set<string> {
    return new Set(this.session.document.cells.flatMap((c) => (isNamed(c) ? [c.name] : [])));
  }

  /** Tables DuckDB holds that are not results of the notebook's cells: the loaded extract. */
  private loadedTables(taken: ReadonlySet<string>): Set<string> {
    return new Set(Object.keys(this.schema?.tables ?? {}).filter((name) => !taken.has(name)));
  }

  private toggle(cell: LibraryCell, on: boolean): void {
    const next = new Set(this.chosen);
    if (on) next.add(cell.name);
    else next.delete(cell.name);
    this.chosen = next;
  }

  private insert(): void {
    this.result = this.session.insertLibraryCells(INDICATOR_CELLS.filter((cell) => this.chosen.has(cell.name)), this.insertAfter);
    this.chosen = new Set();
  }

  override render() {
    const taken = this.taken();
    const loaded = this.loadedTables(taken);
    const chosen = INDICATOR_CELLS.filter((cell) => this.chosen.has(cell.name));
    const toInsert = withDependencies(chosen).filter((cell) => !taken.has(cell.name));
    return html`<dialog aria-labelledby="palette-title" @close=${() => (this.result = null)}>
      <header>
        <h2 id="palette-title">${this.t('palette.title')}</h2>
        <p class="muted">${this.t('palette.intro')}</p>
      </header>
      ${this.result ? this.summary(this.result) : nothing}
      <ul class="cells">
        ${INDICATOR_CELLS.map((cell) => this.item(cell, taken, loaded, toInsert))}
      </ul>
      <footer>
        ${this.result
          ? html`<button class="primary" data-action="close" @click=${() => this.close()}>${this.t('palette.close')}</button>`
          : html`<button data-action="cancel" @click=${() => this.close()}>${this.t('palette.cancel')}</button>
              <button class="primary" data-action="insert" ?disabled=${chosen.length === 0} @click=${() => this.insert()}>${toInsert.length > 0 ? this.t('palette.insert', { count: toInsert.length }) : this.t('palette.insertNone')}</button>`}
      </footer>
    </dialog>`;
  }

  private item(cell: LibraryCell, taken: ReadonlySet<string>, loaded: ReadonlySet<string>, toInsert: readonly LibraryCell[]) {
    const present = taken.has(cell.name);
    const tables = cell.needs.filter((need) => !LIBRARY_NAMES.has(need));
    const missing = tables.filter((table) => !loaded.has(table));
    const checked = this.chosen.has(cell.name);
    // the library cells this one reads that the choice adds although they were not ticked
    const extra = checked ? cell.needs.filter((need) => LIBRARY_NAMES.has(need) && !this.chosen.has(need) && toInsert.some((c) => c.name === need)) : [];
    const classes = ['cell', present ? 'present' : '', missing.length > 0 && !present ? 'missing' : ''].join(' ');
    return html`<li class=${classes} data-cell=${cell.name}>
      <label class="head">
        <input type="checkbox" .checked=${checked || present} ?disabled=${present || this.result !== null} @change=${(e: Event) => this.toggle(cell, (e.target as HTMLInputElement).checked)} />
        <span class="title">${this.locale === 'zh' ? cell.title.zh : cell.title.en}</span>
        <span class="muted">${this.locale === 'zh' ? cell.title.en : cell.title.zh}</span>
        <code class="name">${cell.name}</code>
        ${present ? html`<span class="badge ok">${this.t('palette.present')}</span>` : nothing}
      </label>
      <p class="reads muted">${this.t('palette.reads', { tables: cell.needs.join(', ') })}</p>
      ${missing.length > 0 && !present ? html`<p class="note warn">${this.t('palette.notLoaded', { tables: missing.join(', ') })}</p>` : nothing}
      ${extra.length > 0 ? html`<p class="note">${this.t('palette.alsoInserts', { cells: extra.join(', ') })}</p>` : nothing}
      <table class="columns">
        <thead>
          <tr><th>${this.t('palette.column')}</th><th>${this.t('palette.unit')}</th><th>${this.t('palette.direction')}</th><th>${this.t('palette.description')}</th></tr>
        </thead>
        <tbody>
          ${cell.columns.map(
            (column) => html`<tr>
              <td><code>${column.name}</code></td>
              <td class="unit">${column.unit}</td>
              <td>${this.direction(column.direction)}</td>
              <td class="description">${column.description}</td>
            </tr>`,
          )}
        </tbody>
      </table>
      <details>
        <summary>${this.t('palette.sql')}</summary>
        <pre>${cell.sql}</pre>
      </details>
    </li>`;
  }

  private direction(direction: Direction) {
    return html`<span class="badge dir-${direction}" title=${this.t(`palette.dirTitle.${direction}`)}>${this.t(`palette.dir.${direction}`)}</span>`;
  }

  private summary(result: LibraryInsertResult) {
    const names = (cells: readonly LibraryCell[]) => cells.map((cell) => cell.name).join(', ');
    const joined = INDICATOR_CELLS.filter((cell) => this.session.document.cells.some((c) => c.kind === 'sql' && c.name === cell.name)).length;
    return html`<div class="summary" role="status">
      <p>${result.inserted.length > 0 ? this.t('palette.inserted', { count: result.inserted.length, cells: names(result.inserted) }) : this.t('palette.insertedNone')}</p>
      ${result.skipped.length > 0 ? html`<p>${this.t('palette.skipped', { cells: names(result.skipped) })}</p>` : nothing}
      ${result.asOfAdded ? html`<p>${this.t('palette.asOf')}</p>` : nothing}
      <p class=${result.matrix === 'edited' ? 'warn' : ''} data-matrix=${result.matrix}>${this.t(`palette.matrix.${result.matrix}`, { count: joined })}</p>
    </div>`;
  }

  static override styles = [
    theme,
    css`
      dialog { width: min(920px, calc(100vw - 48px)); max-height: calc(100vh - 48px); border: none; border-radius: 12px; padding: 0; box-shadow: 0 20px 60px rgba(18, 38, 63, 0.35); }
      dialog[open] { display: flex; flex-direction: column; }
      dialog::backdrop { background: rgba(18, 38, 63, 0.45); }
      header { padding: 16px 20px 4px; }
      h2 { margin: 0; font-size: 18px; }
      header p { margin: 6px 0 0; font-size: 13px; }
      .summary { margin: 8px 20px 0; padding: 8px 12px; border-radius: var(--tb-radius); background: var(--tb-blue-soft); font-size: 13px; }
      .summary p { margin: 2px 0; }
      .summary .warn { color: var(--tb-amber); font-weight: 600; }
      .cells { list-style: none; margin: 0; padding: 8px 20px; overflow: auto; flex: 1; display: flex; flex-direction: column; gap: 8px; }
      .cell { border: 1px solid var(--tb-line); border-radius: var(--tb-radius); padding: 8px 12px; }
      .cell.present { background: var(--tb-bg); }
      .cell.missing .head, .cell.missing .columns { opacity: 0.55; }
      .head { display: flex; align-items: baseline; gap: 8px; flex-wrap: wrap; cursor: pointer; }
      .head input { align-self: center; margin: 0; }
      .title { font-weight: 600; }
      .name { font-family: var(--tb-mono); font-size: 12px; color: var(--tb-muted); margin-left: auto; }
      .reads { margin: 2px 0 0 22px; font-size: 12px; }
      .note { margin: 4px 0 0 22px; font-size: 12px; color: var(--tb-blue); }
      .note.warn { color: var(--tb-amber); }
      .columns { margin: 6px 0 0 22px; border-collapse: collapse; font-size: 12px; width: calc(100% - 22px); table-layout: fixed; }
      .columns th { text-align: left; font-weight: 500; color: var(--tb-muted); border-bottom: 1px solid var(--tb-line); padding: 2px 6px; }
      .columns th:nth-child(1) { width: 24%; }
      .columns th:nth-child(2) { width: 11%; }
      .columns th:nth-child(3) { width: 12%; }
      .columns td { padding: 2px 6px; vertical-align: top; }
      .columns code { font-family: var(--tb-mono); }
      .columns .description { color: var(--tb-muted); overflow-wrap: anywhere; }
      .badge.dir-benefit { background: #e7f4ec; color: var(--tb-green); }
      .badge.dir-cost { background: var(--tb-red-soft); color: var(--tb-red); }
      .badge.dir-none { background: var(--tb-bg); color: var(--tb-muted); }
      details { margin: 6px 0 0 22px; font-size: 12px; }
      summary { cursor: pointer; color: var(--tb-blue); }
      pre { margin: 4px 0 0; padding: 8px; background: var(--tb-bg); border-radius: 6px; font-family: var(--tb-mono); font-size: 11px; max-height: 280px; overflow: auto; white-space: pre; }
      footer { display: flex; justify-content: flex-end; gap: 8px; padding: 10px 20px 16px; border-top: 1px solid var(--tb-line); }
    `,
  ];
}
customElements.define('tb-cell-palette', CellPalette);

declare global {
  interface HTMLElementTagNameMap {
    'tb-cell-palette': CellPalette;
  }
}
