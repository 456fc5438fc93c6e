/**
 * What the code editor is told and what it tells: languages, the names it completes, errors it
 * marks and the events it fires. Plain data, so the notebook can build them without CodeMirror.
 */

/** The languages a notebook cell is written in (input cells are YAML definitions). */
export type EditorLanguage = 'sql' | 'ts' | 'markdown' | 'yaml';

const LANGUAGES: readonly string[] = ['sql', 'ts', 'markdown', 'yaml'] satisfies EditorLanguage[];

/** Guards text from an attribute (`language="sql"`) before it reaches the editor. */
export function isEditorLanguage(value: unknown): value is EditorLanguage {
  return typeof value === 'string' && LANGUAGES.includes(value);
}

/** The names a cell can refer to, for completion. */
export interface EditorSchema {
  /** tables DuckDB holds (loaded extracts and SQL cells' results) → their column names */
  readonly tables: Readonly<Record<string, readonly string[]>>;
  /** names of the notebook's other cells (TypeScript sees their values by name) */
  readonly cells: readonly string[];
  /** names of input cells (`$name` in SQL, `name` in TypeScript) */
  readonly inputs: readonly string[];
}

/** Nothing to complete: the schema before the notebook knows any names. */
export const EMPTY_SCHEMA: EditorSchema = Object.freeze({ tables: Object.freeze({}), cells: Object.freeze([]), inputs: Object.freeze([]) });

/**
 * A problem to mark in the text, as a run reports it: 1-based line and column. Compatible with
 * the runtime's CellError once it has a line.
 */
export interface EditorError {
  readonly line: number;
  readonly column?: number;
  readonly message: string;
}

/** How a run was asked for: Shift+Enter runs and lets the notebook move on; Ctrl/Cmd+Enter stays. */
export interface RunRequest {
  readonly advance: boolean;
}

/** Each event the editor fires (bubbling, composed CustomEvents) → its `detail`. */
export interface EditorEventDetails {
  /** every edit by the user (not when `value` is set from outside): the whole new text */
  change: string;
  run: RunRequest;
  /** Ctrl/Cmd+S: the browser's save dialog is suppressed */
  save: null;
  /** Esc with nothing left for the editor to close or collapse */
  escape: null;
  /** ArrowDown on the last line */
  'focus-next': null;
  /** ArrowUp on the first line */
  'focus-previous': null;
}

export type EditorEventName = keyof EditorEventDetails;

/** How the editor's parts ask the element to fire an event. */
export type EmitEditorEvent = <K extends EditorEventName>(type: K, detail: EditorEventDetails[K]) => void;
