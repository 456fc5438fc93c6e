/**
 * Mutations of XLSX and Parquet extracts, each with its sound oracle (expectation.ts).
 *
 * XLSX is a ZIP whose every entry carries a CRC-32: any change to an entry's data can be detected,
 * so byte-level damage is `whole-file` (a row that loads different from every source row needs an
 * issue naming it). Cell-level changes made with ExcelJS are `local` to the sheet rows they touch.
 * Parquet pages carry no checksum unless the writer adds one (parquet-wasm does not), so a flipped
 * byte inside the data is `unchecked`; a cut file lost its footer and must be refused.
 */
import ExcelJS from 'exceljs';
import { DateDay, Float64, Int32, Table, Utf8, vectorFromArray, type Vector } from 'apache-arrow';
import type { Random } from '../../support/random';
import { writeParquetTable } from '../../fixtures/build-fixtures';
import { fixZipDates } from '../../fixtures/zip-dates';
import { applyEdit } from './byte-edit';
import type { Expectation, FuzzCase } from './expectation';
import { between, hex, int, pick, randomBytes } from './pick';
import type { SourceTable } from './source-extracts';

/** One source table as a workbook and as a Parquet file. */
export interface BinaryBase {
  readonly source: SourceTable;
  readonly xlsx: Uint8Array;
  readonly parquet: Uint8Array;
}
export type BinaryBases = readonly BinaryBase[];

const NUMERIC = new Set(['amount', 'number', 'rate', 'integer', 'flag']);

/** A source value as a typed cell: numbers as numbers, dates as dates (UTC midnight), text as text. */
function cellValue(source: SourceTable, j: number, text: string): string | number | Date | null {
  if (text === '') return null;
  const kind = source.kinds[j]!;
  if (NUMERIC.has(kind)) return Number(text);
  if (kind === 'date') return new Date(`${text}T00:00:00Z`);
  return text;
}

/** Writes rows as a one-sheet workbook, header in row 1; `edit` may change the sheet first. */
async function writeWorkbook(source: SourceTable, headers: readonly string[], rows: readonly (readonly (string | number | Date | null)[])[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = workbook.modified = new Date(Date.UTC(2025, 11, 31));
  const sheet = workbook.addWorksheet(source.table);
  sheet.addRow([...headers]);
  for (const row of rows) sheet.addRow([...row]);
  return fixZipDates(new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer));
}

const typedRows = (source: SourceTable) => source.rows.map((r) => r.map((text, j) => cellValue(source, j, text)));

/** The source as Arrow columns under its Chinese headers: numbers, dates (days) and text typed. */
function arrowTable(source: SourceTable): Table {
  const columns: Record<string, Vector> = {};
  source.headers.forEach((header, j) => {
    const kind = source.kinds[j]!;
    const texts = source.rows.map((r) => r[j]!);
    if (kind === 'integer' || kind === 'flag') columns[header] = vectorFromArray(texts.map((t) => (t === '' ? null : Number(t))), new Int32());
    else if (NUMERIC.has(kind)) columns[header] = vectorFromArray(texts.map((t) => (t === '' ? null : Number(t))), new Float64());
    else if (kind === 'date') columns[header] = vectorFromArray(texts.map((t) => (t === '' ? null : new Date(`${t}T00:00:00Z`))), new DateDay());
    else columns[header] = vectorFromArray(texts.map((t) => (t === '' ? null : t)), new Utf8());
  });
  return new Table(columns);
}

export async function binaryBases(sources: readonly SourceTable[]): Promise<BinaryBases> {
  return Promise.all(
    sources.map(async (source) => ({ source, xlsx: await writeWorkbook(source, source.headers, typedRows(source)), parquet: await writeParquetTable(arrowTable(source)) })),
  );
}

type Mutation = (random: Random, bases: BinaryBases) => FuzzCase | Promise<FuzzCase>;

const sheetSpan = (i: number) => [i + 2, i + 2] as const;

function binaryCase(kind: string, base: BinaryBase, format: 'xlsx' | 'parquet', detail: string, bytes: Uint8Array, expect: Expectation): FuzzCase {
  const name = `${base.source.table}.${format}`;
  return { kind, detail: `${name}: ${detail}`, name, bytes, source: base.source, expect };
}

/** A random byte edit of a whole file (not its first 4 bytes, whose magic decides the reader). */
function damage(random: Random, bytes: Uint8Array): { bytes: Uint8Array; detail: string } {
  const at = between(random, 4, bytes.length - 1);
  switch (int(random, 3)) {
    case 0: {
      const n = between(random, 1, 4);
      const out = bytes.slice();
      for (let k = 0; k < n; k++) out[Math.min(out.length - 1, at + k * between(random, 1, 64))] = int(random, 256);
      return { bytes: out, detail: `${n} bytes overwritten from ${at}` };
    }
    case 1: {
      const remove = Math.min(between(random, 1, 64), bytes.length - at);
      return { bytes: applyEdit(bytes, { at, remove, insert: new Uint8Array() }), detail: `${remove} bytes deleted at ${at}` };
    }
    default: {
      const insert = randomBytes(random, between(random, 1, 64));
      return { bytes: applyEdit(bytes, { at, remove: 0, insert }), detail: `inserted ${hex(insert)} at ${at}` };
    }
  }
}

export const BINARY_MUTATIONS: Readonly<Record<string, Mutation>> = {
  'xlsx-zip-damage': (random, bases) => {
    const base = pick(random, bases);
    const d = damage(random, base.xlsx);
    return binaryCase('xlsx-zip-damage', base, 'xlsx', d.detail, d.bytes, { mode: 'whole-file' });
  },
  'xlsx-truncate': (random, bases) => {
    const base = pick(random, bases);
    const at = between(random, 4, base.xlsx.length - 1);
    return binaryCase('xlsx-truncate', base, 'xlsx', `cut at byte ${at} of ${base.xlsx.length}`, base.xlsx.subarray(0, at), { mode: 'whole-file' });
  },
  'xlsx-cell-garbage': async (random, bases) => {
    const base = pick(random, bases);
    const rows = typedRows(base.source);
    const touched = new Map<number, Set<string>>();
    const n = between(random, 1, 3);
    for (let k = 0; k < n; k++) {
      const i = int(random, rows.length);
      const j = int(random, base.source.columns.length);
      rows[i]![j] = pick(random, ['#N/A', 'abc', '', '1,2,3', '"', '\u0000', '12.3.4', '2024-13-45', `  ${String(rows[i]![j] ?? '')}  `, 'E+17', '合计', '\ufeff']);
      touched.set(i, new Set([...(touched.get(i) ?? []), base.source.columns[j]!]));
    }
    const bytes = await writeWorkbook(base.source, base.source.headers, rows);
    return binaryCase('xlsx-cell-garbage', base, 'xlsx', `cells changed in rows ${[...touched.keys()].join(',')}`, bytes,
      { mode: 'local', touched, absent: new Set(), span: sheetSpan, headerTouched: false });
  },
  'xlsx-deleted-column': async (random, bases) => {
    const base = pick(random, bases);
    const j = int(random, base.source.columns.length);
    const drop = <T>(r: readonly T[]) => r.filter((_v, k) => k !== j);
    const bytes = await writeWorkbook(base.source, drop(base.source.headers), typedRows(base.source).map(drop));
    return binaryCase('xlsx-deleted-column', base, 'xlsx', `column ${j} deleted`, bytes,
      { mode: 'local', touched: new Map(), absent: new Set(), span: sheetSpan, headerTouched: true });
  },
  'xlsx-header-only': async (random, bases) => {
    const base = pick(random, bases);
    return binaryCase('xlsx-header-only', base, 'xlsx', 'header row only', await writeWorkbook(base.source, base.source.headers, []), { mode: 'refused' });
  },
  'parquet-truncate': (random, bases) => {
    const base = pick(random, bases);
    const at = between(random, 4, base.parquet.length - 1);
    return binaryCase('parquet-truncate', base, 'parquet', `cut at byte ${at} of ${base.parquet.length}`, base.parquet.subarray(0, at), { mode: 'refused' });
  },
  'parquet-footer-cut': (random, bases) => {
    // bytes cut from inside the footer's metadata, its length and the closing PAR1 kept
    const base = pick(random, bases);
    const p = base.parquet;
    const footer = new DataView(p.buffer, p.byteOffset, p.byteLength).getUint32(p.length - 8, true);
    const start = p.length - 8 - footer;
    const at = between(random, start, p.length - 9);
    const remove = between(random, 1, p.length - 8 - at);
    return binaryCase('parquet-footer-cut', base, 'parquet', `${remove} footer bytes cut at ${at} (footer ${footer} bytes)`,
      applyEdit(p, { at, remove, insert: new Uint8Array() }), { mode: 'whole-file' });
  },
  'parquet-damage': (random, bases) => {
    const base = pick(random, bases);
    const d = damage(random, base.parquet);
    return binaryCase('parquet-damage', base, 'parquet', d.detail, d.bytes, { mode: 'unchecked' });
  },
};
