/**
 * A small JSON parser for extracts. JSON.parse is not used because it turns a long ID written as a
 * number (6222021234567890123) into a different number without a word, and its error messages
 * (and whether they carry a position) differ between browsers. Here numbers keep their exact
 * text, objects keep their key order (integer-like keys included), and a syntax error says where.
 */

/** A JSON number as written in the file. */
export class JsonNumber {
  constructor(readonly text: string) {}
}

export type JsonValue = string | boolean | null | JsonNumber | JsonValue[] | JsonObject;
/** An object in key order as written; a repeated key keeps its last value, like JSON.parse. */
export type JsonObject = Map<string, JsonValue>;

/** A syntax error at `offset` (in UTF-16 code units of the text). */
export class JsonSyntaxError extends Error {
  constructor(
    readonly offset: number,
    readonly expected: string,
  ) {
    super(`JSON syntax error at offset ${offset}: expected ${expected}`);
    this.name = 'JsonSyntaxError';
  }
}

/** Nesting deeper than this is refused rather than risking the call stack. */
const MAX_DEPTH = 256;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** Reads JSON values from `text` starting at `pos`; the caller drives it value by value. */
export class JsonScanner {
  pos: number;

  constructor(
    readonly text: string,
    start = 0,
  ) {
    this.pos = start;
  }

  /** Skips JSON whitespace and returns the next character code, or -1 at the end. */
  peek(): number {
    const text = this.text;
    let pos = this.pos;
    for (; pos < text.length; pos++) {
      const c = text.charCodeAt(pos);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
    }
    this.pos = pos;
    return pos < text.length ? text.charCodeAt(pos) : -1;
  }

  /** Consumes `char` (after whitespace) or fails saying it was expected. */
  expect(char: string): void {
    if (this.peek() !== char.charCodeAt(0)) throw new JsonSyntaxError(this.pos, `'${char}'`);
    this.pos += 1;
  }

  /** True (and consumes it) if the next character is `char`. */
  accept(char: string): boolean {
    if (this.peek() !== char.charCodeAt(0)) return false;
    this.pos += 1;
    return true;
  }

  /** Reads one value. */
  value(depth = 0): JsonValue {
    const c = this.peek();
    if (c === 0x22) return this.string();
    if (c === 0x7b) return this.object(depth + 1);
    if (c === 0x5b) return this.array(depth + 1);
    if (c === 0x74) return this.literal('true', true);
    if (c === 0x66) return this.literal('false', false);
    if (c === 0x6e) return this.literal('null', null);
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (!m) throw new JsonSyntaxError(this.pos, 'a value');
    this.pos += m[0].length;
    return new JsonNumber(m[0]);
  }

  /** Reads an array's elements one at a time after its '[' was consumed: true while more follow. */
  nextElement(first: boolean): boolean {
    if (first) return !this.accept(']');
    if (this.accept(']')) return false;
    this.expect(',');
    return true;
  }

  private literal<T extends boolean | null>(word: string, value: T): T {
    if (!this.text.startsWith(word, this.pos)) throw new JsonSyntaxError(this.pos, 'a value');
    this.pos += word.length;
    return value;
  }

  private array(depth: number): JsonValue[] {
    if (depth > MAX_DEPTH) throw new JsonSyntaxError(this.pos, 'less deeply nested data');
    this.pos += 1;
    const out: JsonValue[] = [];
    for (let first = true; this.nextElement(first); first = false) out.push(this.value(depth));
    return out;
  }

  private object(depth: number): JsonObject {
    if (depth > MAX_DEPTH) throw new JsonSyntaxError(this.pos, 'less deeply nested data');
    this.pos += 1;
    const out: JsonObject = new Map();
    if (this.accept('}')) return out;
    do {
      if (this.peek() !== 0x22) throw new JsonSyntaxError(this.pos, 'a key in double quotes');
      const key = this.string();
      this.expect(':');
      out.delete(key);
      out.set(key, this.value(depth));
    } while (this.accept(','));
    this.expect('}');
    return out;
  }

  private string(): string {
    const text = this.text;
    let pos = this.pos + 1;
    let out = '';
    let start = pos;
    for (;;) {
      if (pos >= text.length) throw new JsonSyntaxError(pos, 'a closing \'"\'');
      const c = text.charCodeAt(pos);
      if (c === 0x22) break;
      if (c < 0x20) throw new JsonSyntaxError(pos, 'no control character inside a string');
      if (c !== 0x5c) {
        pos += 1;
        continue;
      }
      out += text.slice(start, pos);
      const e = text[pos + 1] ?? '';
      if (e === 'u') {
        const hex = text.slice(pos + 2, pos + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new JsonSyntaxError(pos, 'four hex digits after \\u');
        out += String.fromCharCode(parseInt(hex, 16));
        pos += 6;
      } else {
        const decoded = ESCAPES[e];
        if (decoded === undefined) throw new JsonSyntaxError(pos, 'a valid escape');
        out += decoded;
        pos += 2;
      }
      start = pos;
    }
    this.pos = pos + 1;
    return out + text.slice(start, pos);
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

/** Compact JSON text of a value, numbers exactly as written: nested values are staged as this. */
export function jsonText(value: JsonValue): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof JsonNumber) return value.text;
  if (Array.isArray(value)) return `[${value.map(jsonText).join(',')}]`;
  const members: string[] = [];
  for (const [k, v] of value) members.push(`${JSON.stringify(k)}:${jsonText(v)}`);
  return `{${members.join(',')}}`;
}
