/**
 * What the reader found wrong or filled in while reading a notebook file. The reader never throws:
 * everything it could not honour becomes a problem pointing at a line, so the app can show it
 * next to the text and the user decides.
 */

/**
 * `error`: the file says something the reader could not honour as written (bad YAML, an
 * unknown kind, a duplicate id, an invented name): the user should look, and saving may change it.
 * `note`: a hand edit the reader completed without losing anything (a missing id, prose without
 * a marker, CRLF line endings).
 */
export type ProblemSeverity = 'error' | 'note';

export interface FormatProblem {
  /** 1-based line in the file (for `inputSpecOf`: in the cell's source) */
  readonly line: number;
  readonly message: string;
  readonly severity: ProblemSeverity;
}

export function formatError(line: number, message: string): FormatProblem {
  return { line, message, severity: 'error' };
}

export function formatNote(line: number, message: string): FormatProblem {
  return { line, message, severity: 'note' };
}

/** The same problem moved by `offset` lines (a cell's problem placed in the file). */
export function shiftProblem(problem: FormatProblem, offset: number): FormatProblem {
  return { ...problem, line: problem.line + offset };
}
