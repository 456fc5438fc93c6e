import { EditorSelection, type EditorState, type StateEffect, type TransactionSpec } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { LitElement, css } from 'lit';
import { theme } from '../theme';
import { minimalChange, normaliseLineBreaks } from './document-sync';
import {
  createEditorState,
  externalEdit,
  reconfigureLanguage,
  reconfigurePlaceholder,
  reconfigureReadOnly,
  showErrors,
  type EditorOptions,
} from './editor-state';
import { sameErrors, sameSchema } from './same';
import { EMPTY_SCHEMA, isEditorLanguage, type EditorError, type EditorLanguage, type EditorSchema, type EmitEditorEvent } from './types';

/** What the editor was last configured with: a property is applied only when it differs. */
interface Applied extends EditorOptions {
  readonly errors: readonly EditorError[];
}

/**
 * A CodeMirror 6 editor for one notebook cell. The notebook owns the text: it sets `value` and
 * hears `change`; the editor replaces its text only when `value` differs from it, so typing
 * never echoes back. Keys become events (`run`, `save`, `escape`, `focus-next`,
 * `focus-previous`) for the notebook to act on; see EditorEventDetails.
 */
export class CodeEditor extends LitElement {
  static override properties = {
    value: {},
    language: {},
    schema: { attribute: false },
    readOnly: { type: Boolean, attribute: 'readonly' },
    errors: { attribute: false },
    placeholder: {},
  };
  declare value: string;
  declare language: EditorLanguage;
  declare schema: EditorSchema;
  declare readOnly: boolean;
  declare errors: readonly EditorError[];
  declare placeholder: string;

  private view: EditorView | null = null;
  /** The state while the element is out of the document (a cell being moved): undo history survives. */
  private parked: EditorState | null = null;
  private applied: Applied | null = null;
  /** Focus asked for before the view existed (a cell focused as soon as it is rendered). */
  private pendingFocus: 'start' | 'end' | 'here' | null = null;

  constructor() {
    super();
    this.value = '';
    this.language = 'sql';
    this.schema = EMPTY_SCHEMA;
    this.readOnly = false;
    this.errors = [];
    this.placeholder = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Back in the document after a move: the parked state already holds every property.
    if (!this.view && this.parked) this.mount(this.parked);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Destroy, or the view's window and document listeners keep a removed cell alive.
    if (!this.view) return;
    this.parked = this.view.state;
    this.view.destroy();
    this.view = null;
  }

  override updated(): void {
    if (this.view || this.parked) {
      this.sync();
      return;
    }
    // Created at the first update, not on connection: only then are properties set before the
    // element was defined (a lazily loaded editor) in place, so the text starts the document
    // instead of arriving as an undoable edit.
    const options = this.options();
    const state = createEditorState(normaliseLineBreaks(this.value ?? ''), options, this.emit);
    this.applied = { ...options, errors: this.errors ?? [] };
    this.mount(state.update(showErrors(state, this.applied.errors)).state);
  }

  private mount(state: EditorState): void {
    const root = this.renderRoot as ShadowRoot;
    this.parked = null;
    // `root` makes CodeMirror mount its styles into this shadow root (as an adopted style
    // sheet, which the CSP's style-src does not govern) and read the selection from it.
    this.view = new EditorView({ state, parent: root, root });
    if (this.pendingFocus) this.focusAt(this.pendingFocus);
  }

  /** Focuses the text (the notebook calls this when a cell becomes active). */
  override focus(): void {
    this.focusAt('here');
  }

  /** Focuses with the cursor at the start or end (entering from the cell above or below), or where it was. */
  focusAt(where: 'start' | 'end' | 'here'): void {
    if (!this.view) {
      this.pendingFocus = where;
      return;
    }
    this.pendingFocus = null;
    if (where !== 'here') {
      const pos = where === 'start' ? 0 : this.view.state.doc.length;
      this.view.dispatch({ selection: EditorSelection.cursor(pos), scrollIntoView: true });
    }
    this.view.focus();
  }

  private readonly emit: EmitEditorEvent = (type, detail) => {
    // Keep `value` equal to the text before anyone hears of the edit; the update this
    // schedules finds them equal and leaves the document alone.
    if (type === 'change' && typeof detail === 'string') this.value = detail;
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  };

  private options(): EditorOptions {
    return {
      language: isEditorLanguage(this.language) ? this.language : 'sql',
      schema: this.schema ?? EMPTY_SCHEMA,
      readOnly: Boolean(this.readOnly),
      placeholder: this.placeholder ?? '',
    };
  }

  private currentState(): EditorState | null {
    return this.view?.state ?? this.parked;
  }

  private transact(spec: TransactionSpec): void {
    if (this.view) this.view.dispatch(spec);
    else if (this.parked) this.parked = this.parked.update(spec).state;
  }

  /**
   * Brings the editor in line with the properties: only what differs. A new `value` is an edit
   * by the notebook (a rename, a formatter): it fires no `change`, and Ctrl+Z undoes it.
   */
  private sync(): void {
    const state = this.currentState();
    const applied = this.applied;
    if (!state || !applied) return;
    const next = this.options();
    const effects: StateEffect<unknown>[] = [];
    if (next.language !== applied.language || !sameSchema(next.schema, applied.schema)) effects.push(reconfigureLanguage(next.language, next.schema));
    if (next.readOnly !== applied.readOnly) effects.push(reconfigureReadOnly(next.readOnly));
    if (next.placeholder !== applied.placeholder) effects.push(reconfigurePlaceholder(next.placeholder));
    const changes = minimalChange(state.doc.toString(), normaliseLineBreaks(this.value ?? ''));
    if (changes || effects.length) {
      this.transact(changes ? { changes, effects, annotations: externalEdit.of(true) } : { effects });
    }
    const errors = this.errors ?? [];
    if (!sameErrors(errors, applied.errors)) this.transact(showErrors(this.currentState()!, errors));
    this.applied = { ...next, errors };
  }

  static override styles = [theme, css`:host { display: block; }`];
}

customElements.define('tb-code-editor', CodeEditor);

declare global {
  interface HTMLElementTagNameMap {
    'tb-code-editor': CodeEditor;
  }
}
