import type { EditorState, Extension } from '@codemirror/state';
import { Prec } from '@codemirror/state';
import { keymap, type Command } from '@codemirror/view';
import type { EmitEditorEvent } from './types';

/** One plain cursor (no selection, no multi-cursor): only then do arrows leave the cell. */
function plainCursorLine(state: EditorState): number | null {
  const { ranges, main } = state.selection;
  return ranges.length === 1 && main.empty ? state.doc.lineAt(main.head).number : null;
}

/** ArrowUp here goes to the previous cell: a plain cursor on the first line. */
export function isOnFirstLine(state: EditorState): boolean {
  return plainCursorLine(state) === 1;
}

/** ArrowDown here goes to the next cell: a plain cursor on the last line (nothing wraps). */
export function isOnLastLine(state: EditorState): boolean {
  return plainCursorLine(state) === state.doc.lines;
}

/**
 * The notebook's keys. Above CodeMirror's defaults so Shift/Ctrl+Enter never insert a line, but
 * below completion (highest), whose arrows and Enter work the open list. Esc is lowest: it
 * closes completion or search, then collapses a selection, and only then leaves the cell.
 */
export function notebookKeymap(emit: EmitEditorEvent): Extension {
  const fire = (fn: () => void): Command => () => (fn(), true);
  return [
    Prec.high(
      keymap.of([
        { key: 'Shift-Enter', run: fire(() => emit('run', { advance: true })) },
        { key: 'Mod-Enter', run: fire(() => emit('run', { advance: false })) },
        // CodeMirror calls preventDefault for a handled key: no browser save dialog.
        { key: 'Mod-s', run: fire(() => emit('save', null)) },
        { key: 'ArrowUp', run: (view) => isOnFirstLine(view.state) && (emit('focus-previous', null), true) },
        { key: 'ArrowDown', run: (view) => isOnLastLine(view.state) && (emit('focus-next', null), true) },
      ]),
    ),
    Prec.low(keymap.of([{ key: 'Escape', run: fire(() => emit('escape', null)) }])),
  ];
}
