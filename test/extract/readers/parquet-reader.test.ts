import {
  Field,
  Float64,
  makeData,
  RecordBatch,
  Schema,
  Struct,
  Table,
  Utf8,
  tableFromIPC,
  vectorFromArray,
  type Vector,
} from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCancellation, type Database } from '../../../src/engine/database';
import type { WasmDatabase } from '../../../src/engine/wasm/wasm-database';
import { stageParquet } from '../../../src/extract/readers/parquet-reader';
import type { LoadProgress } from '../../../src/extract/staging';
import { buildAwkwardTypesParquet, buildLargeListParquet, buildLoansParquet, writeParquetTable } from '../../fixtures/build-fixtures';
import { startNodeWasmDatabase } from '../../support/wasm-node';
import { sourceOf, stagedRows, stagingTables } from './support';

/** A table whose columns keep the given names and order, repeated and integer-like ones included. */
function tableOf(columns: ReadonlyArray<[string, Vector]>): Table {
  const fields = columns.map(([name, v]) => new Field(name, v.type, true));
  const schema = new Schema(fields);
  const length = columns[0]![1].length;
  const data = makeData({ type: new Struct(fields), length, nullCount: 0, children: columns.map(([, v]) => v.data[0]!) });
  return new Table(schema, [new RecordBatch(schema, data)]);
}

describe('the Parquet reader', () => {
  let db: WasmDatabase;
  const source = (bytes: Uint8Array, name = '贷款.parquet') => sourceOf(name, 'parquet', bytes);
  beforeAll(async () => {
    db = await startNodeWasmDatabase();
  });
  afterAll(async () => db?.close());

  it('stages loans with their Parquet types and Chinese column names', async () => {
    const bytes = await buildLoansParquet();
    const staged = await stageParquet(db, bytes, source(bytes), {});
    expect(staged.rows).toBe(3);
    expect(staged.options).toEqual({});
    expect(staged.columns.map((c) => [c.header, c.name, c.type])).toEqual([
      ['借据号', '借据号', 'VARCHAR'],
      ['客户号', '客户号', 'VARCHAR'],
      ['贷款金额', '贷款金额', 'DECIMAL(18,2)'],
      ['贷款余额', '贷款余额', 'DOUBLE'],
      ['贷款日期', '贷款日期', 'DATE'],
      ['五级分类', '五级分类', 'VARCHAR'],
      ['逾期天数', '逾期天数', 'INTEGER'],
    ]);
    expect(await stagedRows(db, staged.table)).toEqual([
      { __row: 1, 借据号: 'L001', 客户号: 'C001', 贷款金额: '1000000.00', 贷款余额: '800000.0', 贷款日期: '2024-03-05', 五级分类: '正常', 逾期天数: '0' },
      { __row: 2, 借据号: 'L002', 客户号: 'C002', 贷款金额: '500000.00', 贷款余额: '500000.5', 贷款日期: '2023-12-31', 五级分类: '关注', 逾期天数: '45' },
      { __row: 3, 借据号: 'L003', 客户号: '6222021234567890123', 贷款金额: '123456789012.34', 贷款余额: '0.0', 贷款日期: '2024-01-31', 五级分类: '正常', 逾期天数: null },
    ]);
    expect(staged.issues).toEqual([]);
  });

  it('converts or leaves out the columns DuckDB-WASM cannot take, naming each', async () => {
    const bytes = await buildAwkwardTypesParquet();
    const staged = await stageParquet(db, bytes, source(bytes, 'awkward.parquet'), {});
    expect(staged.columns.map((c) => [c.name, c.type])).toEqual([
      ['客户号', 'VARCHAR'],
      ['评分', 'DOUBLE'],
      ['大额', 'VARCHAR'],
      ['小额', 'DECIMAL(20,2)'],
      ['放款时间', 'TIMESTAMP_MS'],
      ['时刻', 'VARCHAR'],
    ]);
    expect(await stagedRows(db, staged.table)).toEqual([
      { __row: 1, 客户号: 'C001', 评分: '1.5', 大额: '10000000000000000000000000000000000000.01', 小额: '1234.56', 放款时间: '2024-03-05 00:30:00', 时刻: '01:00:00.000000001' },
      { __row: 2, 客户号: 'C002', 评分: '0.0999755859375', 大额: '-0.05', 小额: '-0.05', 放款时间: '2024-03-05 09:00:00', 时刻: '00:00:00.000001000' },
      { __row: 3, 客户号: 'C003', 评分: '-2.0', 大额: '0.00', 小额: '0.00', 放款时间: '1970-01-01 08:00:00', 时刻: '00:00:00.000000000' },
    ]);
    expect(staged.issues.map((i) => [i.code, i.severity, i.column])).toEqual([
      ['converted-column-type', 'warning', '评分'],
      ['converted-column-type', 'warning', '大额'],
      ['converted-column-type', 'warning', '小额'],
      ['unsupported-column-type', 'error', '期限'],
      ['converted-column-type', 'warning', '放款时间'],
      ['converted-column-type', 'warning', '时刻'],
    ]);
  });

  it('lets DuckDB read a column the app’s Arrow cannot decode (LargeList), keeping the file’s order', async () => {
    const bytes = await buildLargeListParquet();
    const staged = await stageParquet(db, bytes, source(bytes), {});
    expect(staged.columns.map((c) => [c.name, c.type])).toEqual([['客户号', 'VARCHAR'], ['额度', 'INTEGER[]'], ['余额', 'DOUBLE']]);
    expect(await stagedRows(db, staged.table)).toEqual([
      { __row: 1, 客户号: 'C001', 额度: '[1, 2]', 余额: '1.5' },
      { __row: 2, 客户号: 'C002', 额度: '[]', 余额: '2.5' },
      { __row: 3, 客户号: 'C003', 额度: '[3]', 余额: '3.5' },
    ]);
    expect(staged.issues).toEqual([]);
    expect((await stagingTables(db)).filter((t) => t.startsWith(`${staged.table}_`))).toEqual([]);
  });

  it('keeps column order and gives unique names to repeated, empty, integer-like and reserved names', async () => {
    const text = (values: string[]) => vectorFromArray(values, new Utf8());
    const bytes = await writeParquetTable(tableOf([
      ['2024', text(['a'])],
      ['__row', text(['b'])],
      ['', text(['c'])],
      ['余额', text(['d'])],
      ['余额', text(['e'])],
      ['2023', text(['f'])],
    ]));
    const staged = await stageParquet(db, bytes, source(bytes), {});
    expect(staged.columns.map((c) => [c.header, c.name])).toEqual([
      ['2024', '2024'], ['__row', '__row_2'], ['', 'column_3'], ['余额', '余额'], ['余额', '余额_2'], ['2023', '2023'],
    ]);
    expect(await stagedRows(db, staged.table)).toEqual([{ __row: 1, 2024: 'a', __row_2: 'b', column_3: 'c', 余额: 'd', 余额_2: 'e', 2023: 'f' }]);
  });

  it('numbers rows 1..n across row groups and record batches', async () => {
    const n = 150_000;
    const ids = Array.from({ length: n }, (_, i) => `C${i + 1}`);
    const bytes = await writeParquetTable(
      { id: vectorFromArray(ids, new Utf8()), v: vectorFromArray(Array.from({ length: n }, (_, i) => i + 1), new Float64()) },
      { rowGroupRows: 40_000 },
    );
    const progress: LoadProgress[] = [];
    const staged = await stageParquet(db, bytes, source(bytes), { onProgress: (p) => progress.push(p) });
    expect(staged.rows).toBe(n);
    const check = await db.query(
      `SELECT count(*) AS n, count(*) FILTER (WHERE id <> 'C' || __row OR v <> __row) AS mismatched, max(__row) AS last FROM ${staged.table}`,
    );
    expect([check.getChild('n')!.get(0), check.getChild('mismatched')!.get(0), check.getChild('last')!.get(0)]).toEqual([n, 0, n]);
    expect(progress[0]).toEqual({ phase: 'reading', done: 0, total: bytes.length });
  });

  it('leaves out, by name, a column DuckDB refuses although the plan let it through', async () => {
    const refusing: Database = Object.create(db, {
      insertArrow: {
        value: async (name: string, ipc: Uint8Array) => {
          if (tableFromIPC(ipc).schema.fields.some((f) => f.name === '拒绝')) throw new Error('Not implemented: refused');
          return db.insertArrow(name, ipc);
        },
      },
    }) as Database;
    const bytes = await writeParquetTable({ 客户号: vectorFromArray(['C1', 'C2'], new Utf8()), 拒绝: vectorFromArray([1, 2], new Float64()) });
    const staged = await stageParquet(refusing, bytes, source(bytes), {});
    expect(staged.columns.map((c) => c.name)).toEqual(['客户号']);
    expect(await stagedRows(db, staged.table)).toEqual([{ __row: 1, 客户号: 'C1' }, { __row: 2, 客户号: 'C2' }]);
    expect(staged.issues).toEqual([
      { code: 'unsupported-column-type', severity: 'error', file: '贷款.parquet', column: '拒绝', detail: { type: 'Float64', reason: 'Not implemented: refused' } },
    ]);
    expect((await stagingTables(db)).filter((t) => t.startsWith(`${staged.table}_`))).toEqual([]);
  });

  it('stops when aborted and leaves no staging table', async () => {
    const bytes = await buildLoansParquet();
    const before = await stagingTables(db);
    const controller = new AbortController();
    const load = stageParquet(db, bytes, source(bytes), { signal: controller.signal, onProgress: () => controller.abort() });
    expect(isCancellation(await load.catch((e: unknown) => e))).toBe(true);
    expect(await stagingTables(db)).toEqual(before);
  });
});
