import { LineCounter, parse, parseDocument, stringify, type Document } from 'yaml';

/**
 * YAML as the format uses it everywhere: YAML 1.2 core schema (so `2024-06-30` stays a string
 * and `no` is not false), duplicate keys reported, and no line folding when writing, so a long
 * title or header never changes shape between saves, and no anchors for objects the document
 * happens to share (a second save, of the objects read back, would have none).
 */

export const WRITE_OPTIONS = { lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false } as const;

/**
 * YAML text for a plain value, ending in a newline. yaml writes a text like ' \n' as a block
 * scalar that reads back as '\n'; so the text is read back, and if anything changed, written
 * again with quoted strings only (less pretty, always exact).
 */
export function yamlText(value: unknown): string {
  const text = stringify(value, WRITE_OPTIONS);
  let back: unknown;
  try {
    back = parse(text);
  } catch {
    back = undefined;
  }
  return sameValue(back, value) ? text : stringify(value, { ...WRITE_OPTIONS, blockQuote: false });
}

/** Deep equality of plain YAML values (NaN equals NaN, key order ignored). */
function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (!isRecord(a) || !isRecord(b) || Array.isArray(a) || Array.isArray(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && sameValue(a[k], b[k]));
}

export interface ParsedYaml {
  readonly doc: Document.Parsed;
  /** 1-based line within the text of a character offset */
  readonly lineOf: (offset: number) => number;
  /** parse errors with their 1-based line within the text */
  readonly errors: readonly { readonly line: number; readonly message: string }[];
}

/** Parses YAML text, never throwing; errors carry lines relative to the text. */
export function parseYaml(text: string): ParsedYaml {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  const lineOf = (offset: number) => counter.linePos(offset).line;
  const errors = doc.errors.map((e) => ({ line: lineOf(e.pos[0]), message: e.message.split('\n')[0]! }));
  return { doc, lineOf, errors };
}

/** The document's value as plain JS, or undefined when YAML cannot build it (too many aliases). */
export function plainValue(doc: Document.Parsed): unknown {
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
