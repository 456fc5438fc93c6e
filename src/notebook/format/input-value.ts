import { Document, isMap, isScalar, parseDocument, type Scalar } from 'yaml';
import type { InputCell, SettableValue } from '../document';
import { isRecord, WRITE_OPTIONS } from './yaml-text';

/**
 * Moving a slider rewrites only the number in the cell's YAML: the value's characters are
 * replaced in place, so comments, quoting, key order and spacing stay as the author wrote them
 * and the file's diff is one line. When that cannot be done in place (the key is missing, the
 * weights gained or lost a name), the YAML Document API edits the tree instead, which keeps
 * comments but may re-space the text.
 */

/** The cell with its `value:` (or, for weights, its `weights:`) set to `value`. */
export function withInputValue(cell: InputCell, value: SettableValue): InputCell {
  const doc = parseDocument(cell.source);
  if (doc.errors.length > 0 || !isMap(doc.contents)) {
    throw new Error(`input \`${cell.name}\` has no valid YAML to set a value in; fix its source first`);
  }
  const isWeights = doc.get('type') === 'weights';
  if (isWeights !== isRecord(value)) {
    throw new TypeError(`input \`${cell.name}\` ${isWeights ? 'takes weights (names with numbers)' : 'takes a number or a text'}`);
  }
  const spliced = isRecord(value) ? splicedWeights(cell.source, doc, value) : splicedScalars(cell.source, [[doc.get('value', true), value]]);
  const source = spliced !== null && sameValue(spliced, isWeights, value) ? spliced : edited(doc, isWeights, value);
  return { ...cell, source };
}

type Edit = readonly [node: unknown, value: number | string];

/** The source with each scalar node's text replaced, or null when a node is not a plain scalar. */
function splicedScalars(source: string, edits: readonly Edit[]): string | null {
  const located: [number, number, string][] = [];
  for (const [node, value] of edits) {
    if (!isScalar(node) || !node.range || node.value === null || typeof node.value === 'object') return null;
    located.push([node.range[0], node.range[1], scalarText(value, node.type)]);
  }
  located.sort((a, b) => b[0] - a[0]);
  let out = source;
  for (const [start, end, text] of located) out = out.slice(0, start) + text + out.slice(end);
  return out;
}

function splicedWeights(source: string, doc: Document.Parsed, value: Readonly<Record<string, number>>): string | null {
  const weights = doc.get('weights', true);
  if (!isMap(weights)) return null;
  const names = weights.items.map((p) => (isScalar(p.key) ? String(p.key.value) : null));
  const wanted = Object.keys(value);
  if (names.length !== wanted.length || !wanted.every((n) => names.includes(n))) return null;
  return splicedScalars(source, weights.items.map((p, i): Edit => [p.value, value[names[i]!]!]));
}

/** A scalar written in the node's own quoting style where that style can hold it. */
function scalarText(value: number | string, type: Scalar['type']): string {
  if (typeof value === 'number') return String(value);
  if (type === 'QUOTE_SINGLE' && !/[\n\r]/.test(value)) return `'${value.replace(/'/g, "''")}'`;
  if (type === 'QUOTE_DOUBLE' || /[\n\r]/.test(value)) return JSON.stringify(value);
  return new Document(value).toString(WRITE_OPTIONS).trimEnd();
}

/** The tree edit, when the text cannot be patched in place. */
function edited(doc: Document.Parsed, isWeights: boolean, value: SettableValue): string {
  if (!isWeights || !isRecord(value)) {
    doc.set('value', value);
    return doc.toString(WRITE_OPTIONS);
  }
  const weights = doc.get('weights', true);
  if (isMap(weights)) {
    for (const pair of [...weights.items]) {
      const name = isScalar(pair.key) ? String(pair.key.value) : '';
      if (!Object.hasOwn(value, name)) weights.delete(pair.key);
    }
    for (const [name, w] of Object.entries(value)) weights.set(name, w);
  } else {
    doc.set('weights', doc.createNode(value));
  }
  return doc.toString(WRITE_OPTIONS);
}

/** The patched text reads back as the value asked for (the guard that makes patching safe). */
function sameValue(source: string, isWeights: boolean, value: SettableValue): boolean {
  const doc = parseDocument(source);
  if (doc.errors.length > 0) return false;
  const read: unknown = doc.toJS();
  if (!isRecord(read)) return false;
  const got = isWeights ? read.weights : read.value;
  if (!isRecord(value)) return Object.is(got, value);
  if (!isRecord(got)) return false;
  const names = Object.keys(value);
  return Object.keys(got).length === names.length && names.every((n) => Object.is(got[n], value[n]));
}
