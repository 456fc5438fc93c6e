import type { ChangeSpec } from '@codemirror/state';

/** CodeMirror keeps lines split on \n; compare outside text in the same form or it never matches. */
export function normaliseLineBreaks(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/**
 * The smallest single change turning `current` into `next` (common prefix and suffix kept), or
 * null when they are equal. Replacing only the middle keeps the cursor and scroll where they
 * were when the notebook sets a value that differs slightly (a rename, a formatter).
 */
export function minimalChange(current: string, next: string): ChangeSpec | null {
  if (current === next) return null;
  const limit = Math.min(current.length, next.length);
  let start = 0;
  while (start < limit && current.charCodeAt(start) === next.charCodeAt(start)) start++;
  let end = 0;
  while (end < limit - start && current.charCodeAt(current.length - 1 - end) === next.charCodeAt(next.length - 1 - end)) end++;
  // Never split a surrogate pair: step back over a low surrogate at either cut.
  if (start > 0 && (isLowSurrogate(current.charCodeAt(start)) || isLowSurrogate(next.charCodeAt(start)))) start--;
  if (end > 0 && (isLowSurrogate(current.charCodeAt(current.length - end)) || isLowSurrogate(next.charCodeAt(next.length - end)))) end--;
  return { from: start, to: current.length - end, insert: next.slice(start, next.length - end) };
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
