/**
 * Mutations of a CSV extract, each with the oracle that is sound for it (expectation.ts):
 * byte edits are local to the rows they hit; re-renderings (BOMs, line endings, UTF-16, a mixed
 * encoding, a deleted or repeated column) hold the source exactly; a file declared in the wrong
 * encoding can change anything; an empty or header-only file must be refused.
 */
import iconv from 'iconv-lite';
import type { Random } from '../../support/random';
import { applyEdit, localExpectation, overwriteExpectation, type ByteEdit } from './byte-edit';
import type { Expectation, FuzzCase } from './expectation';
import { between, hex, int, pick, randomBytes } from './pick';
import { csvField, renderCsv, type LineEnding, type RenderedCsv, type SourceTable } from './source-extracts';

const BOM_UTF8 = Uint8Array.of(0xef, 0xbb, 0xbf);
const BOM_UTF16LE = Uint8Array.of(0xff, 0xfe);
const BOM_UTF16BE = Uint8Array.of(0xfe, 0xff);
const enc = (s: string) => new TextEncoder().encode(s);

/** What a CSV mutation starts from: a source table and its UTF-8 or GBK rendering. */
export interface CsvBase {
  readonly source: SourceTable;
  readonly encoding: 'utf-8' | 'gbk';
  readonly rendered: RenderedCsv;
}

type Mutation = (random: Random, base: CsvBase) => FuzzCase;

const fileName = (base: CsvBase) => `${base.source.table}${base.encoding === 'gbk' ? '_gbk' : ''}.csv`;

/** A case from one byte edit, with the local oracle. */
function edited(kind: string, base: CsvBase, edit: ByteEdit): FuzzCase {
  const bytes = applyEdit(base.rendered.bytes, edit);
  return {
    kind,
    detail: `${fileName(base)} at byte ${edit.at}: remove ${edit.remove}, insert ${hex(edit.insert)}`,
    name: fileName(base),
    bytes,
    source: base.source,
    expect: localExpectation(base.source, base.rendered, edit, bytes),
  };
}

/** A re-rendered file that still holds the source exactly (or `expect` when it does not). */
function rendered(kind: string, base: CsvBase, detail: string, bytes: Uint8Array, expect: Expectation = { mode: 'same' }): FuzzCase {
  return { kind, detail: `${fileName(base)}: ${detail}`, name: fileName(base), bytes, source: base.source, expect };
}

/** A position inside the data (after the header's first byte), where an edit can land. */
const anywhere = (random: Random, base: CsvBase) => between(random, base.rendered.headerStart + 1, base.rendered.bytes.length - 1);

/** The start of a random field of a random data row. */
function fieldStart(random: Random, base: CsvBase): number {
  const row = base.rendered.fieldSpans[int(random, base.source.rows.length)]!;
  return pick(random, row)[0];
}

/** A line of several megabytes: 2–6 MB of digits and letters, no delimiter. */
function hugeText(random: Random): string {
  const unit = 'ABCDEFGHIJ0123456789';
  return unit.repeat(Math.ceil((between(random, 2, 6) << 20) / unit.length));
}

function toUtf16(text: string, bigEndian: boolean): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out.set(bigEndian ? BOM_UTF16BE : BOM_UTF16LE);
  const view = new DataView(out.buffer);
  for (let i = 0; i < text.length; i++) view.setUint16(2 + i * 2, text.charCodeAt(i), !bigEndian);
  return out;
}

export const CSV_MUTATIONS: Readonly<Record<string, Mutation>> = {
  truncate: (random, base) => {
    const at = anywhere(random, base);
    return edited('truncate', base, { at, remove: base.rendered.bytes.length - at, insert: new Uint8Array() });
  },
  'flip-byte': (random, base) => {
    const at = anywhere(random, base);
    const old = base.rendered.bytes[at]!;
    return edited('flip-byte', base, { at, remove: 1, insert: Uint8Array.of((old + between(random, 1, 255)) & 0xff) });
  },
  'insert-bytes': (random, base) => edited('insert-bytes', base, { at: anywhere(random, base), remove: 0, insert: randomBytes(random, between(random, 1, 8)) }),
  'delete-bytes': (random, base) => {
    const at = anywhere(random, base);
    return edited('delete-bytes', base, { at, remove: Math.min(between(random, 1, 16), base.rendered.bytes.length - at), insert: new Uint8Array() });
  },
  'stray-quote': (random, base) => edited('stray-quote', base, { at: anywhere(random, base), remove: 0, insert: enc('"') }),
  'unbalanced-quote': (random, base) => edited('unbalanced-quote', base, { at: fieldStart(random, base), remove: 0, insert: enc('"') }),
  'bom-inside': (random, base) => edited('bom-inside', base, { at: anywhere(random, base), remove: 0, insert: pick(random, [BOM_UTF8, BOM_UTF16LE, BOM_UTF16BE]) }),
  'line-break-inside': (random, base) => edited('line-break-inside', base, { at: anywhere(random, base), remove: 0, insert: enc(pick(random, ['\n', '\r', '\r\n', '\n\n'])) }),
  'nul-bytes': (random, base) => edited('nul-bytes', base, { at: anywhere(random, base), remove: 0, insert: new Uint8Array(between(random, 1, 3)) }),
  'huge-field': (random, base) => {
    // a text field of several MB replaces one field (a name pasted thousands of times)
    const row = int(random, base.source.rows.length);
    const [s, e] = pick(random, base.rendered.fieldSpans[row]!);
    return edited('huge-field', base, { at: s, remove: e - s, insert: enc(hugeText(random)) });
  },
  'huge-line': (random, base) => {
    const at = base.rendered.rowStart[int(random, base.source.rows.length)]!;
    return edited('huge-line', base, { at, remove: 0, insert: enc(`${hugeText(random)}\n`) });
  },
  'bom-start': (_random, base) =>
    rendered('bom-start', base, 'UTF-8 BOM before the header', renderCsv(base.source.headers, base.source.rows, { encoding: base.encoding, bom: BOM_UTF8 }).bytes,
      // a UTF-8 BOM on GBK bytes declares the wrong encoding
      base.encoding === 'gbk' ? { mode: 'whole-file' } : { mode: 'same' }),
  'utf16-bom-on-8bit': (random, base) => {
    const bom = pick(random, [BOM_UTF16LE, BOM_UTF16BE]);
    return rendered('utf16-bom-on-8bit', base, `${hex(bom)} before ${base.encoding} bytes`, renderCsv(base.source.headers, base.source.rows, { encoding: base.encoding, bom }).bytes, { mode: 'whole-file' });
  },
  utf16: (random, base) => {
    const bigEndian = random() < 0.5;
    const text = new TextDecoder().decode(renderCsv(base.source.headers, base.source.rows).bytes);
    return rendered('utf16', base, `UTF-16${bigEndian ? 'BE' : 'LE'} with BOM`, toUtf16(text, bigEndian));
  },
  'line-endings': (random, base) => {
    const endings: LineEnding[] = ['\n', '\r\n', '\r'];
    const chosen = Array.from({ length: base.source.rows.length + 1 }, () => pick(random, endings));
    const last = random() < 0.3;
    const bytes = renderCsv(base.source.headers, base.source.rows, { encoding: base.encoding, ending: (i) => chosen[i]! }).bytes;
    const trimmed = last ? bytes.subarray(0, bytes.length - chosen[chosen.length - 1]!.length) : bytes;
    return rendered('line-endings', base, `line endings ${chosen.map((e) => ({ '\n': 'L', '\r\n': 'W', '\r': 'C' })[e]).join('')}${last ? ', no final break' : ''}`, trimmed);
  },
  'mixed-encoding': (random, base) => {
    // some lines in the other encoding: the loader decodes each line in the encoding it is valid in
    const other = base.encoding === 'gbk' ? 'utf-8' : 'gbk';
    const lines = [base.source.headers, ...base.source.rows].map((r) => r.map(csvField).join(','));
    const flipped = new Set(lines.map((_l, i) => i).filter(() => random() < 0.2));
    const parts = lines.map((l, i) => new Uint8Array(iconv.encode(`${l}\n`, flipped.has(i) === (other === 'gbk') ? 'gbk' : 'utf-8')));
    const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    parts.reduce((at, p) => (bytes.set(p, at), at + p.length), 0);
    return rendered('mixed-encoding', base, `lines ${[...flipped].slice(0, 12).join(',')} in ${other}`, bytes);
  },
  'deleted-column': (random, base) => {
    const j = int(random, base.source.columns.length);
    const drop = <T>(r: readonly T[]) => r.filter((_v, k) => k !== j);
    const bytes = renderCsv(drop(base.source.headers), base.source.rows.map(drop), { encoding: base.encoding }).bytes;
    // every remaining value must load as it was; a file missing a key column may be recognised
    // as another table or none (then its own headers are kept and nothing is compared)
    const span = (i: number) => [i + 2, i + 2] as const;
    return rendered('deleted-column', base, `column ${j} (${base.source.headers[j]}) deleted`, bytes,
      { mode: 'local', touched: new Map(), absent: new Set(), span, headerTouched: true });
  },
  'duplicated-column': (random, base) => {
    const j = int(random, base.source.columns.length);
    const at = int(random, base.source.columns.length + 1);
    const dup = <T>(r: readonly T[]) => [...r.slice(0, at), r[j]!, ...r.slice(at)];
    const bytes = renderCsv(dup(base.source.headers), base.source.rows.map(dup), { encoding: base.encoding }).bytes;
    const span = (i: number) => [i + 2, i + 2] as const;
    return rendered('duplicated-column', base, `column ${j} (${base.source.headers[j]}) repeated at ${at}`, bytes,
      { mode: 'local', touched: new Map(), absent: new Set(), span, headerTouched: true });
  },
  'duplicated-header': (random, base) => {
    // one column's header replaced by another's: the two columns cannot be told apart by name
    const j = int(random, base.source.columns.length);
    const m = (j + between(random, 1, base.source.columns.length - 1)) % base.source.columns.length;
    const headers = base.source.headers.map((h, k) => (k === j ? base.source.headers[m]! : h));
    const bytes = renderCsv(headers, base.source.rows, { encoding: base.encoding }).bytes;
    const span = (i: number) => [i + 2, i + 2] as const;
    return rendered('duplicated-header', base, `header ${j} (${base.source.headers[j]}) renamed ${headers[j]}`, bytes,
      { mode: 'local', touched: new Map(), absent: new Set(), span, headerTouched: true, excluded: new Set([base.source.columns[j]!, base.source.columns[m]!]) });
  },
  'many-flips': (random, base) => {
    const bytes = base.rendered.bytes.slice();
    const n = Math.max(2, Math.floor(bytes.length / 200));
    const positions = Array.from({ length: n }, () => anywhere(random, base));
    for (const at of positions) bytes[at] = int(random, 256);
    // each overwrite is local to its field (GBK's decoder never takes a delimiter or a line break
    // as a trail byte), so the oracle is the union of the single overwrites'
    return rendered('many-flips', base, `${n} bytes overwritten at ${positions.slice(0, 8).join(',')}…`, bytes, overwriteExpectation(base.source, base.rendered, positions, bytes));
  },
  empty: (_random, base) => rendered('empty', base, 'no bytes', new Uint8Array(), { mode: 'refused' }),
  'header-only': (random, base) => {
    const header = renderCsv(base.source.headers, [], { encoding: base.encoding }).bytes;
    const tail = pick(random, ['', '\n', '\r\n\r\n', '\n \n']);
    const bytes = new Uint8Array([...header.subarray(0, header.length - 1), ...enc(tail)]);
    return rendered('header-only', base, `header then ${JSON.stringify(tail)}`, bytes, { mode: 'refused' });
  },
  'binary-garbage': (random, base) => {
    const n = between(random, 1, 20000);
    const alphabet = random() < 0.5 ? undefined : Array.from({ length: 128 }, (_v, i) => i + 128);
    return rendered('binary-garbage', base, `${n} random ${alphabet ? 'high ' : ''}bytes`, randomBytes(random, n, alphabet), { mode: 'whole-file' });
  },
};

/** Mutations that build multi-megabyte files: drawn rarely to keep the run short. */
export const SLOW_MUTATIONS: ReadonlySet<string> = new Set(['huge-field', 'huge-line']);
