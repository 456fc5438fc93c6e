import { EditorSelection, EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { isOnFirstLine, isOnLastLine } from '../../../src/ui/editor/keymap';

function at(doc: string, selection: EditorSelection): EditorState {
  return EditorState.create({ doc, selection, extensions: EditorState.allowMultipleSelections.of(true) });
}

describe('leaving a cell with the arrow keys', () => {
  const doc = 'SELECT *\nFROM t\nWHERE x';

  it('goes up from anywhere on the first line and down from anywhere on the last', () => {
    expect(isOnFirstLine(at(doc, EditorSelection.single(3)))).toBe(true);
    expect(isOnLastLine(at(doc, EditorSelection.single(doc.length - 2)))).toBe(true);
    expect(isOnFirstLine(at(doc, EditorSelection.single(10)))).toBe(false);
    expect(isOnLastLine(at(doc, EditorSelection.single(10)))).toBe(false);
  });

  it('goes both ways from a one-line cell', () => {
    const state = at('SELECT 1', EditorSelection.single(4));
    expect(isOnFirstLine(state) && isOnLastLine(state)).toBe(true);
  });

  it('stays while text is selected or there are several cursors', () => {
    expect(isOnFirstLine(at(doc, EditorSelection.single(0, 4)))).toBe(false);
    expect(isOnLastLine(at(doc, EditorSelection.create([EditorSelection.cursor(doc.length), EditorSelection.cursor(0)])))).toBe(false);
  });
});
