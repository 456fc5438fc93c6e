import { CompletionContext, completeFromList, type Completion, type CompletionResult, type CompletionSource } from '@codemirror/autocomplete';
import { ensureSyntaxTree } from '@codemirror/language';
import type { EditorState } from '@codemirror/state';
import { createEditorState } from '../../../src/ui/editor/editor-state';
import { EMPTY_SCHEMA, type EditorLanguage, type EditorSchema } from '../../../src/ui/editor/types';

/** A small notebook's names: two extract tables, a SQL cell, a TypeScript cell, two inputs. */
export const SCHEMA: EditorSchema = {
  tables: {
    customers: ['customer_id', 'industry', 'region', '客户名称'],
    facilities: ['customer_id', 'limit', 'used'],
    scored: ['customer_id', 'score'],
  },
  cells: ['scored', 'chart'],
  inputs: ['cutoff', 'weights'],
};

/** An editor state (no view, no DOM) with the cursor where `|` is, fully parsed. */
export function stateAt(source: string, language: EditorLanguage, schema: EditorSchema = EMPTY_SCHEMA): { state: EditorState; pos: number } {
  const pos = source.indexOf('|');
  if (pos < 0) throw new Error('mark the cursor with |');
  const doc = source.slice(0, pos) + source.slice(pos + 1);
  const state = createEditorState(doc, { language, schema, readOnly: false, placeholder: '' }, () => {});
  ensureSyntaxTree(state, doc.length, 5000);
  return { state, pos };
}

/** One option as offered: what the list shows, and what accepting it inserts. */
export interface Offered {
  readonly label: string;
  readonly detail: string | undefined;
  readonly insert: string;
}

function asSource(value: unknown): CompletionSource {
  return Array.isArray(value) ? completeFromList(value as (string | Completion)[]) : (value as CompletionSource);
}

/**
 * Asks every completion source of the language at `pos`, as CodeMirror does, and keeps the
 * options that the typed prefix selects (case-insensitive prefix: CodeMirror's fuzzy match
 * also offers more, which the tests do not rely on).
 */
export async function offeredAt(state: EditorState, pos: number, explicit = false): Promise<Offered[]> {
  const context = new CompletionContext(state, pos, explicit);
  const sources = state.languageDataAt<unknown>('autocomplete', pos).map(asSource);
  const results = await Promise.all(sources.map((source) => source(context)));
  const offered: Offered[] = [];
  for (const result of results.filter((r): r is CompletionResult => r !== null)) {
    const typed = state.sliceDoc(result.from, pos).toLowerCase();
    for (const option of result.options) {
      if (!option.label.toLowerCase().startsWith(typed)) continue;
      const insert = typeof option.apply === 'string' ? option.apply : option.label;
      offered.push({ label: option.label, detail: option.detail, insert });
    }
  }
  return offered;
}

/** The labels offered at the `|` in `source`. */
export async function labelsAt(source: string, language: EditorLanguage, schema: EditorSchema = SCHEMA, explicit = false): Promise<string[]> {
  const { state, pos } = stateAt(source, language, schema);
  return (await offeredAt(state, pos, explicit)).map((o) => o.label);
}
