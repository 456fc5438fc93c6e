import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCancellation } from '../../../src/engine/database';
import type { LoadProgress } from '../../../src/extract/staging';
import { stageXlsx } from '../../../src/extract/readers/xlsx-reader';
import type { WasmDatabase } from '../../../src/engine/wasm/wasm-database';
import { buildLoansXlsx } from '../../fixtures/build-fixtures';
import { fixZipDates } from '../../fixtures/zip-dates';
import { startNodeWasmDatabase } from '../../support/wasm-node';
import { columnTypes, sourceOf, stagedRows, stagingTables } from './support';

const utc = (y: number, m: number, d: number, h = 0, mi = 0, s = 0, ms = 0) => new Date(Date.UTC(y, m - 1, d, h, mi, s, ms));

async function workbookBytes(fill: (workbook: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  fill(workbook);
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('the XLSX reader', () => {
  let db: WasmDatabase;
  let loans: Uint8Array;
  const source = (bytes: Uint8Array) => sourceOf('贷款.xlsx', 'xlsx', bytes);

  beforeAll(async () => {
    [db, loans] = await Promise.all([startNodeWasmDatabase(), buildLoansXlsx()]);
  });
  afterAll(async () => db?.close());

  it('stages a bank extract with a title, a two-row merged header and a total row, values as text', async () => {
    const staged = await stageXlsx(db, loans, source(loans), {}, {});
    expect(staged.options).toEqual({ sheet: '贷款明细', headerRow: 4 });
    expect(staged.parts).toEqual(['说明', '贷款明细', '客户']);
    expect(staged.columns.map((c) => [c.header, c.name, c.type])).toEqual([
      ['借据号', '借据号', 'VARCHAR'],
      ['客户号', '客户号', 'VARCHAR'],
      ['客户名称', '客户名称', 'VARCHAR'],
      ['贷款金额', '贷款金额', 'VARCHAR'],
      ['贷款余额', '贷款余额', 'VARCHAR'],
      ['合同利率', '合同利率', 'VARCHAR'],
      ['五级分类', '五级分类', 'VARCHAR'],
      ['贷款日期', '贷款日期', 'VARCHAR'],
    ]);
    expect(staged.rows).toBe(4);
    expect(await stagedRows(db, staged.table)).toEqual([
      { __row: 5, 借据号: 'L001', 客户号: 'C001', 客户名称: '甲公司', 贷款金额: '1000000', 贷款余额: '800,000.00', 合同利率: '0.0435', 五级分类: '正常', 贷款日期: '2024-03-05' },
      { __row: 6, 借据号: 'L002', 客户号: 'C002', 客户名称: '乙公司（有限）', 贷款金额: '500000', 贷款余额: '500000', 合同利率: '4.35%', 五级分类: '关注', 贷款日期: '2023-12-31 09:30:00' },
      { __row: 8, 借据号: 'L003', 客户号: '6222021234567890123', 客户名称: '丙公司', 贷款金额: '500000', 贷款余额: '#N/A', 合同利率: '0.05', 五级分类: '正常', 贷款日期: '20240131' },
      { __row: 9, 借据号: '合计', 客户号: '合计', 客户名称: '合计', 贷款金额: '2000000', 贷款余额: '500000', 合同利率: null, 五级分类: null, 贷款日期: null },
    ]);
    expect(await columnTypes(db, staged.table)).toMatchObject({ __row: 'INTEGER' });
    expect(staged.issues).toEqual([
      {
        code: 'merged-header',
        severity: 'info',
        file: '贷款.xlsx',
        detail: { sheet: '贷款明细', headerRow: 4, groupRow: 3, filledFromMerge: 5, combined: 0 },
      },
    ]);
  });

  it('reads the sheet the user picks', async () => {
    const staged = await stageXlsx(db, loans, source(loans), { sheet: '客户' }, {});
    expect(staged.options).toEqual({ sheet: '客户', headerRow: 1 });
    expect(await stagedRows(db, staged.table)).toEqual([
      { __row: 2, 客户号: 'C001', 客户名称: '甲公司', 统一社会信用代码: '91350100M000100Y43' },
      { __row: 3, 客户号: 'C002', 客户名称: '乙公司（有限）', 统一社会信用代码: '91110000100000000X' },
    ]);
    expect(staged.issues).toEqual([]);
  });

  it('follows a header row set by the user', async () => {
    const staged = await stageXlsx(db, loans, source(loans), { headerRow: 3 }, {});
    expect(staged.options).toEqual({ sheet: '贷款明细', headerRow: 3 });
    expect(staged.columns.map((c) => c.name)).toEqual(['借据号', '客户号', '客户名称', '贷款信息', '贷款信息_2', '贷款信息_3', '五级分类', '贷款日期']);
    const rows = await stagedRows(db, staged.table);
    expect(rows.map((r) => r['__row'])).toEqual([4, 5, 6, 8, 9]);
    expect(rows[0]).toMatchObject({ 贷款信息: '贷款金额', 贷款信息_2: '贷款余额', 借据号: '借据号' });
    expect(staged.issues.filter((i) => i.code === 'duplicate-header').map((i) => i.detail?.['renamed'])).toEqual(['贷款信息_2', '贷款信息_3']);
  });

  it('turns every kind of cell into the text cleaning expects', async () => {
    const bytes = await workbookBytes((wb) => {
      const s = wb.addWorksheet('cells');
      s.addRow(['kind', 'value']);
      const values: Array<[string, ExcelJS.CellValue]> = [
        ['date', utc(2024, 3, 5)],
        ['date-time', utc(2024, 3, 5, 13, 45, 1)],
        ['millis', utc(2024, 3, 5, 13, 45, 1, 250)],
        ['time-only', utc(1899, 12, 30, 8, 30)],
        ['float', 0.1 + 0.2],
        ['big', 1e21],
        ['long-id', 123456789012345680],
        ['negative-zero', -0],
        ['true', true],
        ['false', false],
        ['rich', { richText: [{ text: '甲' }, { text: '公司', font: { bold: true } }] }],
        ['link', { text: '官网', hyperlink: 'https://example.invalid/' }],
        ['formula', { formula: '1+1', result: 2 }],
        ['formula-text', { formula: '"a"&"b"', result: 'ab' }],
        ['formula-error', { formula: '1/0', result: { error: '#DIV/0!' } }],
        ['formula-no-result', { formula: 'A1' } as ExcelJS.CellValue],
        ['error', { error: '#N/A' } as ExcelJS.CellValue],
        ['empty-string', ''],
        ['spaces', '  x  '],
      ];
      for (const [kind, value] of values) s.addRow([kind, value]);
    });
    const staged = await stageXlsx(db, bytes, source(bytes), {}, {});
    const rows = await stagedRows(db, staged.table);
    expect(Object.fromEntries(rows.map((r) => [r['kind'], r['value']]))).toEqual({
      date: '2024-03-05',
      'date-time': '2024-03-05 13:45:01',
      millis: '2024-03-05 13:45:01.250',
      'time-only': '08:30:00',
      float: '0.30000000000000004',
      big: '1e+21',
      'long-id': '123456789012345680',
      'negative-zero': '0',
      true: 'true',
      false: 'false',
      rich: '甲公司',
      link: '官网',
      formula: '2',
      'formula-text': 'ab',
      'formula-error': '#DIV/0!',
      'formula-no-result': null,
      error: '#N/A',
      'empty-string': null,
      spaces: '  x  ',
    });
    expect(staged.issues).toEqual([
      { code: 'formula-no-result', severity: 'warning', file: '贷款.xlsx', row: 17, column: 'value', value: '=A1' },
    ]);
  });

  it('keeps sheet row numbers past blank rows, leaves out empty columns and finds a table that starts at B3', async () => {
    const bytes = await workbookBytes((wb) => {
      const s = wb.addWorksheet('s');
      s.getCell('B3').value = '客户号';
      s.getCell('D3').value = '余额';
      s.getCell('B4').value = 'C001';
      s.getCell('D4').value = 1;
      s.getCell('B6').value = '   ';
      s.getCell('B8').value = 'C002';
    });
    const staged = await stageXlsx(db, bytes, source(bytes), {}, {});
    expect(staged.options).toEqual({ sheet: 's', headerRow: 3 });
    expect(await stagedRows(db, staged.table)).toEqual([
      { __row: 4, 客户号: 'C001', 余额: '1' },
      { __row: 8, 客户号: 'C002', 余额: null },
    ]);
  });

  it('names "group/sub" columns whose sub-header repeats and reports empty and repeated headers', async () => {
    const bytes = await workbookBytes((wb) => {
      const s = wb.addWorksheet('s');
      s.getCell('A1').value = '客户号';
      s.mergeCells('A1:A2');
      s.getCell('B1').value = '本行';
      s.mergeCells('B1:C1');
      s.getCell('D1').value = '他行';
      s.mergeCells('D1:E1');
      s.getRow(2).values = [undefined, '余额', '利率', '余额', '利率', '备注', '备注'];
      s.getRow(3).values = ['C001', 1, 2, 3, 4, 'x', 'y', 'z'];
    });
    const staged = await stageXlsx(db, bytes, source(bytes), {}, {});
    expect(staged.columns.map((c) => c.name)).toEqual(['客户号', '本行/余额', '本行/利率', '他行/余额', '他行/利率', '备注', '备注_2', 'column_8']);
    expect(staged.issues.map((i) => [i.code, i.column])).toEqual([
      ['merged-header', undefined],
      ['duplicate-header', '备注'],
      ['empty-header', 'column_8'],
    ]);
  });

  it('reports progress by rows and stops when aborted, leaving the database usable', async () => {
    const bytes = await workbookBytes((wb) => {
      const s = wb.addWorksheet('big');
      s.addRow(['id', 'v']);
      for (let i = 0; i < 5000; i++) s.addRow([`C${i}`, i]);
    });
    const progress: LoadProgress[] = [];
    const staged = await stageXlsx(db, bytes, source(bytes), {}, { onProgress: (p) => progress.push(p) });
    expect(staged.rows).toBe(5000);
    expect(progress.filter((p) => p.phase === 'parsing').map((p) => p.done)).toEqual([2000, 4000, 5001]);

    const controller = new AbortController();
    const before = await stagingTables(db);
    const aborted = stageXlsx(db, bytes, source(bytes), {}, {
      signal: controller.signal,
      onProgress: (p) => p.phase === 'parsing' && controller.abort(),
    });
    expect(isCancellation(await aborted.catch((e: unknown) => e))).toBe(true);
    expect(await stagingTables(db)).toEqual(before);
    expect((await db.query('SELECT 1 AS one')).getChild('one')!.get(0)).toBe(1);
  });

  it('builds the loans fixture to the same bytes every time', async () => {
    const again = await buildLoansXlsx();
    expect(Buffer.from(again).equals(Buffer.from(loans))).toBe(true);
    expect(fixZipDates(loans.slice())).toEqual(loans);
  });
});
