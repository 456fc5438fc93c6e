/**
 * The file as the scanner sees it, before any block is read as a cell: front matter fields and a
 * list of blocks covering every line of the body. Migrations rewrite this structure (an old info
 * string syntax, a renamed section) so the reader only ever knows the current format.
 */

/** A top-level fenced block (any info string, including ones that stay prose). */
export interface RawFence {
  readonly type: 'fence';
  /** 1-based line of the opening fence */
  readonly line: number;
  /** the info string, trimmed */
  readonly info: string;
  /** the lines between the fences, each followed by a newline ('' when there are none) */
  readonly content: string;
  /** false when the fence runs to the end of the file */
  readonly closed: boolean;
  /** the block's lines as written, kept for when it stays prose */
  readonly lines: readonly string[];
}

/** A top-level HTML comment alone on its line: a cell marker, an escape, or prose. */
export interface RawComment {
  readonly type: 'comment';
  readonly line: number;
  /** the text between `<!--` and `-->`, trimmed */
  readonly inner: string;
  readonly lines: readonly string[];
}

/** Any other lines: prose, blank lines, other Markdown blocks. */
export interface RawText {
  readonly type: 'text';
  readonly line: number;
  readonly lines: readonly string[];
}

export type RawBlock = RawFence | RawComment | RawText;

/** What migrations transform: a file's declared version, front matter and blocks. */
export interface RawNotebook {
  readonly version: number;
  /** front matter fields other than the version, as plain values */
  readonly frontMatter: Readonly<Record<string, unknown>>;
  readonly blocks: readonly RawBlock[];
}
