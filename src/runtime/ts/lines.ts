/**
 * Lines as JavaScript counts them (\r\n, \r, \n, U+2028, U+2029 all end a line), so the
 * positions computed here agree with V8's stack traces and acorn's locations.
 */
const LINE_BREAK = /\r\n?|\n|\u2028|\u2029/;

/** Splits text into lines as JavaScript counts them. */
export function splitLines(text: string): string[] {
  return text.split(LINE_BREAK);
}
