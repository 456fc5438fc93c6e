import type { Diagnostic } from '@codemirror/lint';
import type { Text } from '@codemirror/state';
import type { EditorError } from './types';

/** A name, qualified or not (`l.clas`, `rows.length`): what DuckDB and TypeScript errors point at. */
const WORD = /^[\w$\u00a1-\uffff]+(?:\.[\w$\u00a1-\uffff]+)*/;

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Number.isFinite(value) ? Math.trunc(value) : min));
}

/**
 * Where a run's error goes in the text: from its column to the end of the word there (DuckDB
 * points at the offending token's start), or the whole line without a column. Lines and
 * columns outside the text are clamped: the text may have changed since the run.
 */
export function errorDiagnostics(doc: Text, errors: readonly EditorError[]): Diagnostic[] {
  return errors.map((error): Diagnostic => {
    const line = doc.line(clamp(error.line, 1, doc.lines));
    let from: number;
    let to: number;
    if (error.column === undefined) {
      from = line.from + (/^\s*/.exec(line.text)?.[0].length ?? 0);
      to = Math.max(from, line.from + line.text.trimEnd().length);
    } else {
      const offset = clamp(error.column - 1, 0, line.length);
      from = line.from + offset;
      const word = WORD.exec(line.text.slice(offset));
      to = word ? from + word[0].length : Math.min(from + 1, line.to);
    }
    return { from, to, severity: 'error', message: error.message };
  });
}
