import type { JsPosition } from './protocol';

/**
 * Reads where an error happened in a cell's code from its stack. V8 prints frames as
 * `at f (URL:LINE:COLUMN)` or `at URL:LINE:COLUMN`; the cell's code has a known URL (a
 * `//# sourceURL` in Node, the worker's own blob URL in the browser) and a known first line.
 */

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The positions of the frames of `error`'s stack that are in the script at `url`, innermost first. */
export function framesIn(error: unknown, url: string): JsPosition[] {
  const stack = typeof error === 'object' && error !== null ? (error as { stack?: unknown }).stack : undefined;
  if (typeof stack !== 'string') return [];
  const pattern = new RegExp(`(?:^|[\\s(])${escapeRegExp(url)}:(\\d+):(\\d+)`, 'gm');
  return [...stack.matchAll(pattern)].map((m) => ({ line: Number(m[1]), column: Number(m[2]) }));
}

/**
 * The innermost frame inside a function whose line 1 is line `start` of the script and which is
 * `lines` long, as a position in that function (1-based).
 */
export function locateInFunction(error: unknown, url: string, start: number, lines: number): JsPosition | undefined {
  const frame = framesIn(error, url).find((f) => f.line >= start && f.line < start + lines);
  return frame && { line: frame.line - start + 1, column: frame.column };
}
