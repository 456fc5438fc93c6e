/**
 * The JSON reader's one door to lossless-json. JSON.parse is not used because it turns a long ID
 * written as a number (6222021234567890123) into a different number without a word, and its error
 * messages (and whether they carry a position) differ between browsers; lossless-json keeps every
 * number's text as written (a LosslessNumber) and says where a syntax error is.
 *
 * Key order: lossless-json builds plain objects, so keys that look like array indices ("0",
 * "2024", "202401") come first, in ascending order, as with JSON.parse; every other key keeps
 * its place in the file. A record's columns follow that order (see json-reader.test.ts).
 */
import { isLosslessNumber, parse, stringify, type LosslessNumber } from 'lossless-json';

export type JsonValue = string | boolean | null | LosslessNumber | JsonValue[] | JsonObject;
/** An object as parsed; a repeated key keeps its last value (in its first place), like JSON.parse. */
export interface JsonObject {
  [key: string]: JsonValue;
}

/** A syntax error, with its offset (UTF-16 code units) when the parser gave one. */
export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number | undefined,
  ) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

/** lossless-json ends its syntax messages with "at position N" (0-based). */
const POSITION = / at position (\d+)$/;
const TOO_DEEP = 'Nested too deeply to read';

/** True for the error a recursive parser or writer meets on absurdly deep nesting. */
function isStackOverflow(error: unknown): boolean {
  // Chromium and Safari throw a RangeError; Firefox an InternalError ("too much recursion").
  return error instanceof RangeError || (error instanceof Error && error.name === 'InternalError');
}

/** Parses one JSON text; throws JsonSyntaxError (message without the position) when it is not JSON. */
export function parseJson(text: string): JsonValue {
  try {
    return parse(text, null, { onDuplicateKey: ({ newValue }) => newValue }) as JsonValue;
  } catch (error) {
    if (isStackOverflow(error)) throw new JsonSyntaxError(TOO_DEEP, undefined);
    if (!(error instanceof SyntaxError)) throw error;
    const at = POSITION.exec(error.message);
    if (!at) throw new JsonSyntaxError(error.message, undefined);
    throw new JsonSyntaxError(error.message.slice(0, at.index), Number(at[1]));
  }
}

/** A JSON object (not an array, not a number): what a record must be. */
export function isJsonObject(value: JsonValue): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isLosslessNumber(value);
}

/** Compact JSON text of a value, numbers exactly as written: nested values are staged as this. */
export function jsonText(value: JsonValue): string {
  try {
    // stringify gives undefined only for undefined and functions, which parsing never produces
    return stringify(value)!;
  } catch (error) {
    if (isStackOverflow(error)) throw new JsonSyntaxError(TOO_DEEP, undefined);
    throw error;
  }
}

/** Line and column (both 1-based, column in characters) of an offset in `text`. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
