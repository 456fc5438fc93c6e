import { autocompletion, closeBrackets, closeBracketsKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { bracketMatching, indentOnInput, indentUnit } from '@codemirror/language';
import { lintGutter, lintKeymap, setDiagnostics } from '@codemirror/lint';
import { highlightSelectionMatches, search, searchKeymap } from '@codemirror/search';
import { Annotation, Compartment, EditorState, type Extension, type StateEffect, type TransactionSpec } from '@codemirror/state';
import {
  drawSelection,
  dropCursor,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
  placeholder,
} from '@codemirror/view';
import { errorDiagnostics } from './diagnostics';
import { notebookKeymap } from './keymap';
import { languageExtension } from './languages';
import { editorTheme } from './theme';
import type { EditorError, EditorLanguage, EditorSchema, EmitEditorEvent } from './types';

/** What the element's properties configure (besides the text). */
export interface EditorOptions {
  readonly language: EditorLanguage;
  readonly schema: EditorSchema;
  readonly readOnly: boolean;
  readonly placeholder: string;
}

/** Marks a transaction as the notebook's, not the user's: it fires no `change` (no echo). */
export const externalEdit = Annotation.define<true>();

// Compartments are keys, not state: one set serves every editor on the page.
const languageSlot = new Compartment();
const readOnlySlot = new Compartment();
const placeholderSlot = new Compartment();

function readOnlyExtension(readOnly: boolean): Extension {
  return readOnly ? [EditorState.readOnly.of(true), EditorView.editorAttributes.of({ class: 'tb-readonly' }), EditorView.contentAttributes.of({ 'aria-readonly': 'true' })] : [];
}

function placeholderExtension(text: string): Extension {
  return text ? placeholder(text) : [];
}

/** A notebook editor's fixed parts: basic editing, search, lint gutter, keys, theme. */
function baseExtensions(emit: EmitEditorEvent): Extension {
  return [
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightSpecialChars(),
    history(),
    drawSelection(),
    dropCursor(),
    indentOnInput(),
    bracketMatching(),
    closeBrackets(),
    autocompletion(),
    highlightActiveLine(),
    highlightSelectionMatches(),
    search({ top: true }),
    lintGutter(),
    EditorState.tabSize.of(2),
    indentUnit.of('  '),
    notebookKeymap(emit),
    keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap, ...lintKeymap, indentWithTab]),
    EditorView.updateListener.of((update) => {
      if (update.transactions.some((tr) => tr.docChanged && !tr.annotation(externalEdit))) emit('change', update.state.doc.toString());
    }),
    editorTheme,
  ];
}

/** A fresh editor state; everything the properties change sits in a compartment. */
export function createEditorState(doc: string, options: EditorOptions, emit: EmitEditorEvent): EditorState {
  return EditorState.create({
    doc,
    extensions: [
      baseExtensions(emit),
      languageSlot.of(languageExtension(options.language, options.schema)),
      readOnlySlot.of(readOnlyExtension(options.readOnly)),
      placeholderSlot.of(placeholderExtension(options.placeholder)),
    ],
  });
}

/** Swaps the parser and completion sources (a new language, or new names to complete). */
export function reconfigureLanguage(language: EditorLanguage, schema: EditorSchema): StateEffect<unknown> {
  return languageSlot.reconfigure(languageExtension(language, schema));
}

export function reconfigureReadOnly(readOnly: boolean): StateEffect<unknown> {
  return readOnlySlot.reconfigure(readOnlyExtension(readOnly));
}

export function reconfigurePlaceholder(text: string): StateEffect<unknown> {
  return placeholderSlot.reconfigure(placeholderExtension(text));
}

/**
 * Marks a run's errors. Pushed as lint diagnostics rather than held in a compartment: lint maps
 * them through later edits, so an underline stays on its token while the user fixes the line.
 */
export function showErrors(state: EditorState, errors: readonly EditorError[]): TransactionSpec {
  return setDiagnostics(state, errorDiagnostics(state.doc, errors));
}
