/**
 * The valid extracts the fuzzer starts from: a small seeded demo bank (src/demo), each of the six
 * tables as rows of field texts under their Chinese headers, and the renderers that turn such a
 * table into file bytes while recording where every row starts (so a mutation at a byte offset
 * knows which row and column it hit).
 */
import iconv from 'iconv-lite';
import { DEFAULT_AS_OF } from '../../../src/demo/context';
import { DemoContext } from '../../../src/demo/context';
import { generateBatch } from '../../../src/demo/generator';
import { rowCount, type ColumnarTable } from '../../../src/demo/columns';
import { isoDate } from '../../../src/demo/dates';
import { EXTRACT_TABLES, type ColumnKind, type TableName } from '../../../src/extract/schema';

/** One extract table as text: what a correct loader must read back. */
export interface SourceTable {
  readonly table: TableName;
  /** canonical column names, in file order */
  readonly columns: readonly string[];
  readonly kinds: readonly ColumnKind[];
  /** the Chinese headers written in the file */
  readonly headers: readonly string[];
  /** each data row as the field texts written ('' for a missing value) */
  readonly rows: readonly (readonly string[])[];
}

/** The text a generator value is written as: shortest round-trip numbers, ISO dates. */
function fieldText(table: ColumnarTable, column: number, row: number): string {
  const c = table.columns[column]!;
  if (c.type === 'string') return (c as unknown as { get(i: number): string | null }).get(row) ?? '';
  const col = c as unknown as { get(i: number): number; isNull(i: number): boolean };
  if (col.isNull(row)) return '';
  const v = col.get(row);
  return c.type === 'date' ? isoDate(v) : String(v);
}

/** The six tables of a `customers`-customer demo bank from `seed` (at least one row each). */
export function sourceTables(seed: number, customers: number): SourceTable[] {
  const batch = generateBatch(new DemoContext({ customers, seed, asOf: DEFAULT_AS_OF, truth: false }), 1, customers);
  return EXTRACT_TABLES.map((spec) => {
    const data = batch.tables.get(spec.name)!;
    if (data.names.join() !== spec.columns.map((c) => c.name).join()) throw new Error(`${spec.name}: generator columns differ from the schema`);
    const rows = Array.from({ length: rowCount(data) }, (_r, i) => spec.columns.map((_c, j) => fieldText(data, j, i)));
    return { table: spec.name, columns: spec.columns.map((c) => c.name), kinds: spec.columns.map((c) => c.kind), headers: spec.columns.map((c) => c.zh), rows };
  });
}

/** A rendered text file and where each of its parts lies, in bytes. */
export interface RenderedCsv {
  readonly bytes: Uint8Array;
  /** byte offset where the header starts (after a BOM) */
  readonly headerStart: number;
  /** byte offset where each data row starts; `rowStart[rows]` is the end of the last row */
  readonly rowStart: readonly number[];
  /** per row, per field: [start, end) byte offsets of the field's bytes (quotes included) */
  readonly fieldSpans: readonly (readonly (readonly [number, number])[])[];
  readonly encoding: 'utf-8' | 'gbk';
}

export type LineEnding = '\n' | '\r\n' | '\r';

/** RFC 4180 quoting, only where needed (the demo's names have no commas, but be safe). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * Renders a header and rows as CSV bytes in UTF-8 or GBK. `ending(i)` gives the line ending after
 * line i (0 = header), so a file can mix LF, CRLF and CR; `bom` is prepended as is.
 */
export function renderCsv(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  options: { encoding?: 'utf-8' | 'gbk'; ending?: (line: number) => LineEnding; bom?: Uint8Array } = {},
): RenderedCsv {
  const encoding = options.encoding ?? 'utf-8';
  const encode = (s: string): Uint8Array => (encoding === 'gbk' ? new Uint8Array(iconv.encode(s, 'gbk')) : new TextEncoder().encode(s));
  const ending = options.ending ?? (() => '\n');
  const parts: Uint8Array[] = [];
  let at = 0;
  const push = (b: Uint8Array) => {
    parts.push(b);
    at += b.length;
  };
  if (options.bom) push(options.bom);
  const headerStart = at;
  push(encode(headers.map(csvField).join(',') + ending(0)));
  const rowStart: number[] = [];
  const fieldSpans: (readonly [number, number])[][] = [];
  rows.forEach((row, i) => {
    rowStart.push(at);
    const spans: (readonly [number, number])[] = [];
    row.forEach((value, j) => {
      const b = encode(csvField(value));
      spans.push([at, at + b.length]);
      push(b);
      if (j < row.length - 1) push(encode(','));
    });
    push(encode(ending(i + 1)));
    fieldSpans.push(spans);
  });
  rowStart.push(at);
  const bytes = new Uint8Array(at);
  let k = 0;
  for (const p of parts) {
    bytes.set(p, k);
    k += p.length;
  }
  return { bytes, headerStart, rowStart, fieldSpans, encoding };
}
