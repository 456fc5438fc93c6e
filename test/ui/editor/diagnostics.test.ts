import { forEachDiagnostic } from '@codemirror/lint';
import { EditorState, Text } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { errorDiagnostics } from '../../../src/ui/editor/diagnostics';
import { showErrors } from '../../../src/ui/editor/editor-state';
import { stateAt } from './support';

const SQL = Text.of(['SELECT customer_id,', '       scroe', 'FROM scored', '']);

function marked(doc: Text, from: number, to: number): string {
  return doc.sliceString(from, to);
}

describe('errorDiagnostics', () => {
  it('marks the word at the error column', () => {
    const [d] = errorDiagnostics(SQL, [{ line: 2, column: 8, message: 'Referenced column "scroe" not found' }]);
    expect(d).toMatchObject({ severity: 'error', message: 'Referenced column "scroe" not found' });
    expect(marked(SQL, d!.from, d!.to)).toBe('scroe');
  });

  it('marks a qualified name whole', () => {
    const doc = Text.of(['SELECT l.clas FROM loans l']);
    const [d] = errorDiagnostics(doc, [{ line: 1, column: 8, message: 'x' }]);
    expect(marked(doc, d!.from, d!.to)).toBe('l.clas');
  });

  it('marks the whole line, without its indentation, when there is no column', () => {
    const [d] = errorDiagnostics(SQL, [{ line: 2, message: 'x' }]);
    expect(marked(SQL, d!.from, d!.to)).toBe('scroe');
    const [first] = errorDiagnostics(SQL, [{ line: 1, message: 'x' }]);
    expect(marked(SQL, first!.from, first!.to)).toBe('SELECT customer_id,');
  });

  it('marks one character at a column on punctuation, and nothing past the end of a line', () => {
    const [comma] = errorDiagnostics(SQL, [{ line: 1, column: 19, message: 'x' }]);
    expect(marked(SQL, comma!.from, comma!.to)).toBe(',');
    const [end] = errorDiagnostics(SQL, [{ line: 3, column: 99, message: 'x' }]);
    expect(end!.from).toBe(end!.to);
    expect(end!.from).toBe(SQL.line(3).to);
  });

  it('clamps lines outside the text (the text changed since the run)', () => {
    const [below, above] = errorDiagnostics(SQL, [
      { line: 42, message: 'x' },
      { line: 0, column: 1, message: 'y' },
    ]);
    expect(below!.from).toBe(SQL.length);
    expect(marked(SQL, above!.from, above!.to)).toBe('SELECT');
  });
});

describe('showErrors', () => {
  it('puts diagnostics on the state and moves them with later edits', () => {
    const { state } = stateAt('|SELECT 1,\n  scroe', 'sql');
    const marked1 = state.update(showErrors(state, [{ line: 2, column: 3, message: 'no column scroe' }])).state;
    const edited = marked1.update({ changes: { from: 0, insert: '-- check\n' } }).state;
    const found: string[] = [];
    forEachDiagnostic(edited, (d, from, to) => found.push(`${d.message}: ${edited.sliceDoc(from, to)}`));
    expect(found).toEqual(['no column scroe: scroe']);
  });

  it('clears them with an empty list', () => {
    const state = EditorState.create({ doc: 'x' });
    const marked1 = state.update(showErrors(state, [{ line: 1, message: 'x' }])).state;
    const cleared = marked1.update(showErrors(marked1, [])).state;
    let count = 0;
    forEachDiagnostic(cleared, () => count++);
    expect(count).toBe(0);
  });
});
