import {
  Field,
  Int32,
  makeData,
  RecordBatch,
  Schema,
  Struct,
  Table,
  tableToIPC,
  Utf8,
  type Data,
} from 'apache-arrow';
import type { Database } from '../../engine/database';
import type { LoadIssue } from '../issues';
import { ROW_COLUMN, uniqueColumnNames, type SourceInfo, type StagedColumn } from '../staging';
import { sourceIssue } from './load-failure';

/** One column read from a file as text; null is an empty cell or a missing value. */
export interface TextColumn {
  /** the header as written in the file */
  readonly header: string;
  readonly values: readonly (string | null)[];
}

/** Text columns of equal length, with each row's number as the user sees it in the file. */
export interface TextTable {
  readonly rowNumbers: Int32Array;
  readonly columns: readonly TextColumn[];
}

/**
 * Creates (or replaces) staging table `name` from text columns: `__row` INTEGER, then one VARCHAR
 * per column under a unique name. Text, not guessed types, so cleaning sees every raw value.
 * The table travels as one Arrow IPC stream built with the app's own Arrow (STACK.md pitfall 1).
 */
export async function insertTextTable(db: Database, name: string, table: TextTable): Promise<StagedColumn[]> {
  const headers = table.columns.map((c) => c.header);
  const names = uniqueColumnNames(headers);
  const length = table.rowNumbers.length;
  const fields = [new Field(ROW_COLUMN, new Int32(), false), ...names.map((n) => new Field(n, new Utf8(), true))];
  const children: Data[] = [
    makeData({ type: new Int32(), length, nullCount: 0, data: table.rowNumbers }),
    ...table.columns.map((c) => {
      if (c.values.length !== length) throw new Error(`Column ${c.header} has ${c.values.length} values, not ${length}`);
      return utf8Data(c.values);
    }),
  ];
  const schema = new Schema(fields);
  const batch = new RecordBatch(schema, makeData({ type: new Struct(fields), length, nullCount: 0, children }));
  await db.insertArrow(name, tableToIPC(new Table(schema, [batch]), 'stream'));
  return names.map((n, i) => ({ header: headers[i]!, name: n, type: 'VARCHAR' }));
}

/**
 * Issues for headers the staging table had to rename: empty ones (named `column_N`) and repeated
 * ones (named `x_2`), so the user knows which staged column is which.
 */
export function renamedHeaderIssues(source: SourceInfo, columns: readonly StagedColumn[]): LoadIssue[] {
  const issues: LoadIssue[] = [];
  columns.forEach((column, i) => {
    const position = i + 1;
    if (column.header.trim() === '') {
      issues.push(sourceIssue(source, 'empty-header', 'warning', { column: column.name, detail: { position } }));
    } else if (column.name !== column.header.trim()) {
      issues.push(sourceIssue(source, 'duplicate-header', 'warning', {
        column: column.header,
        detail: { position, renamed: column.name },
      }));
    }
  });
  return issues;
}

/** One Utf8 Arrow buffer set for many strings, encoded in a single pass (no per-value builders). */
export function utf8Data(values: readonly (string | null)[]): Data<Utf8> {
  const length = values.length;
  const offsets = new Int32Array(length + 1);
  const validity = new Uint8Array((length + 7) >> 3);
  const encoder = new TextEncoder();
  let bytes: Uint8Array<ArrayBuffer> = new Uint8Array(Math.max(1024, length * 8));
  let end = 0;
  let nullCount = 0;
  for (let i = 0; i < length; i++) {
    const value = values[i];
    if (value === null || value === undefined) {
      nullCount += 1;
    } else {
      validity[i >> 3]! |= 1 << (i & 7);
      const needed = end + value.length * 3;
      if (needed > bytes.length) bytes = grow(bytes, needed);
      end += encoder.encodeInto(value, bytes.subarray(end)).written;
      if (end > 0x7fffffff) throw new RangeError('Text column larger than 2 GiB');
    }
    offsets[i + 1] = end;
  }
  return makeData({
    type: new Utf8(),
    length,
    nullCount,
    nullBitmap: nullCount > 0 ? validity : null,
    valueOffsets: offsets,
    data: bytes.subarray(0, end),
  });
}

function grow(bytes: Uint8Array<ArrayBuffer>, needed: number): Uint8Array<ArrayBuffer> {
  const next = new Uint8Array(Math.max(needed, bytes.length * 2));
  next.set(bytes);
  return next;
}
