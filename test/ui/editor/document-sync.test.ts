import { EditorState, type ChangeSpec } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { minimalChange, normaliseLineBreaks } from '../../../src/ui/editor/document-sync';

function apply(current: string, change: ChangeSpec | null): string {
  return change ? EditorState.create({ doc: current }).update({ changes: change }).state.doc.toString() : current;
}

describe('minimalChange', () => {
  it('is null when the text is the same: setting the value back does nothing', () => {
    expect(minimalChange('SELECT 1', 'SELECT 1')).toBeNull();
  });

  it('replaces only the part that differs', () => {
    expect(minimalChange('SELECT a FROM t', 'SELECT a, b FROM t')).toEqual({ from: 8, to: 8, insert: ', b' });
    expect(minimalChange('SELECT a FROM t', 'SELECT * FROM t')).toEqual({ from: 7, to: 8, insert: '*' });
    expect(minimalChange('abc', '')).toEqual({ from: 0, to: 3, insert: '' });
    expect(minimalChange('', 'abc')).toEqual({ from: 0, to: 0, insert: 'abc' });
  });

  it('handles repeated characters at the seam', () => {
    for (const [a, b] of [['aaa', 'aaaa'], ['abab', 'ab'], ['x--y', 'x---y'], ['aa', 'a']] as const) {
      expect(apply(a, minimalChange(a, b))).toBe(b);
    }
  });

  it('never cuts a surrogate pair in two', () => {
    const change = minimalChange('a😀b', 'a😃b') as { from: number; to: number; insert: string };
    expect(change).toEqual({ from: 1, to: 3, insert: '😃' });
  });
});

describe('normaliseLineBreaks', () => {
  it('turns Windows and old Mac line breaks into \\n, as CodeMirror stores them', () => {
    expect(normaliseLineBreaks('a\r\nb\rc\n')).toBe('a\nb\nc\n');
  });
});
