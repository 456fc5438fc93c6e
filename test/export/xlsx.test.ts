import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { ExportColumn } from '../../src/export/columns.ts';
import { toXlsx, type XlsxSheet } from '../../src/export/xlsx.ts';

async function write(sheets: XlsxSheet[]): Promise<Uint8Array> {
  const result = await toXlsx(sheets);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.bytes;
}

async function read(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

const injected = ['=1+1', '+86 10', '-12', '@SUM(A1)', '\t=1', '\r=1', '  =2'];

const list: ExportColumn[] = [
  { header: '客户名称', values: ['甲公司', '=HYPERLINK("http://x","y")', '乙公司（集团）有限责任公司', null] },
  { header: '贷款余额', values: [1234567, -12.5, 0, 0.125] },
  { header: '首次合作日期', values: [new Date(Date.UTC(2025, 2, 31)), new Date(Date.UTC(2024, 1, 29, 14, 5, 9)), null, new Date(Date.UTC(1900, 2, 1))] },
  { header: '备注', values: ['-12', 'a_x0041_b _x000D_', 'line1\r\nline2', '  lead'] },
];

describe('toXlsx', () => {
  it('keeps numbers numbers, dates dates, text text, and formats them', async () => {
    const sheet = (await read(await write([{ name: '名单', columns: list }]))).getWorksheet('名单');
    if (!sheet) throw new Error('no sheet');
    expect(sheet.getRow(1).values).toEqual([undefined, '客户名称', '贷款余额', '首次合作日期', '备注']);

    const b = (row: number) => sheet.getCell(row, 2);
    expect([2, 3, 4, 5].map((r) => [b(r).type, b(r).value, b(r).numFmt])).toEqual([
      [ExcelJS.ValueType.Number, 1234567, '#,##0'],
      [ExcelJS.ValueType.Number, -12.5, '#,##0.00####'],
      [ExcelJS.ValueType.Number, 0, '#,##0'],
      [ExcelJS.ValueType.Number, 0.125, '#,##0.00####'],
    ]);

    const c = (row: number) => sheet.getCell(row, 3);
    expect(c(2).type).toBe(ExcelJS.ValueType.Date);
    expect((c(2).value as Date).toISOString()).toBe('2025-03-31T00:00:00.000Z');
    expect(c(2).numFmt).toBe('yyyy-mm-dd');
    expect((c(3).value as Date).toISOString()).toBe('2024-02-29T14:05:09.000Z');
    expect(c(3).numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(c(4).type).toBe(ExcelJS.ValueType.Null);
    expect((c(5).value as Date).toISOString()).toBe('1900-03-01T00:00:00.000Z');

    const d = (row: number) => sheet.getCell(row, 4);
    // the text "-12" is text, and guarded; `_x0041_` is not read as "A"
    expect([2, 3, 4, 5].map((r) => [d(r).type, d(r).value])).toEqual([
      [ExcelJS.ValueType.String, "'-12"],
      [ExcelJS.ValueType.String, 'a_x0041_b _x000D_'],
      [ExcelJS.ValueType.String, 'line1\r\nline2'],
      [ExcelJS.ValueType.String, '  lead'],
    ]);
    expect(sheet.getCell(3, 1).value).toBe('\'=HYPERLINK("http://x","y")');
  });

  it('stores date serials in UTC: 2025-03-31 is 45747 in the XML', async () => {
    const files = unzipSync(await write([{ name: 's', columns: [{ header: 'd', values: [new Date(Date.UTC(2025, 2, 31, 12))] }] }]));
    const xml = strFromU8(files['xl/worksheets/sheet1.xml'] ?? new Uint8Array());
    // 1899-12-30 + 45747 days = 2025-03-31 (Excel's epoch with its 1900 leap-year bug); noon = .5
    expect(xml).toMatch(/<c r="A2"[^>]*><v>45747\.5<\/v><\/c>/);
  });

  it('makes every injection prefix a string cell with a leading quote, and writes no formula at all', async () => {
    const bytes = await write([{ name: 'x', columns: [{ header: '=head', values: injected }, { header: 'n', values: [-1, 1, 0, -0.5, null, null, null] }] }]);
    const sheet = (await read(bytes)).worksheets[0];
    if (!sheet) throw new Error('no sheet');
    expect(sheet.getCell(1, 1).value).toBe("'=head");
    injected.forEach((text, i) => {
      const cell = sheet.getCell(i + 2, 1);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(`'${text}`);
      expect(cell.formula).toBeUndefined();
    });
    expect([2, 3, 4, 5].map((r) => sheet.getCell(r, 2).value)).toEqual([-1, 1, 0, -0.5]);
    expect([2, 3, 4, 5].map((r) => sheet.getCell(r, 2).type)).toEqual(Array(4).fill(ExcelJS.ValueType.Number));
    // and in the raw XML: no <f> element anywhere, text cells are shared strings (t="s")
    const files = unzipSync(bytes);
    const xml = strFromU8(files['xl/worksheets/sheet1.xml'] ?? new Uint8Array());
    expect(xml).not.toMatch(/<f[ >]/);
    expect(xml.match(/<c r="A\d+"[^>]*>/g)?.every((c) => c.includes('t="s"'))).toBe(true);
  });

  it('freezes and bolds the header row and fits column widths to content', async () => {
    const sheet = (await read(await write([{ name: 's', columns: list }]))).worksheets[0];
    if (!sheet) throw new Error('no sheet');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getCell(1, 1).font?.bold).toBe(true);
    expect(sheet.getCell(2, 1).font?.bold).toBeFalsy();
    // '=HYPERLINK("http://x","y") (guarded): 27 characters, + 2 margin; wider than
    // 乙公司（集团）有限责任公司: 13 wide characters = 26
    expect(sheet.getColumn(1).width).toBe(29);
    // 1,234,567 = 9 characters (-12.50 = 6, 0.125 = 5); the header 贷款余额 (8 × 1.1 = 8.8) → 9 + 2
    expect(sheet.getColumn(2).width).toBe(11);
    const long = (await read(await write([{ name: 's', columns: [{ header: 'h', values: ['x'.repeat(500)] }] }]))).worksheets[0];
    expect(long?.getColumn(1).width).toBe(60);
  });

  it('writes one sheet per entry with Excel-safe unique names', async () => {
    const one: ExportColumn[] = [{ header: 'a', values: [1] }];
    const workbook = await read(
      await write([
        { name: '王芳', columns: one },
        { name: 'a/b[c]', columns: one },
        { name: '王芳', columns: one },
        { name: 'x'.repeat(40), columns: one },
      ]),
    );
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['王芳', 'a_b_c_', '王芳 (2)', 'x'.repeat(31)]);
    expect(workbook.worksheets.every((s) => s.views[0]?.state === 'frozen')).toBe(true);
  });

  it('writes an empty workbook as one empty sheet', async () => {
    expect((await read(await write([]))).worksheets.map((s) => s.rowCount)).toEqual([0]);
  });

  it('refuses what XLSX cannot hold, naming sheet, row and column', async () => {
    const result = await toXlsx([
      { name: 'ok', columns: [{ header: 'a', values: [1] }] },
      {
        name: 'bad',
        columns: [
          { header: 'text', values: ['bell\u0007', 'x'.repeat(32_767), '=' + 'x'.repeat(32_766), 'lone\udc00'] },
          { header: 'num', values: [Number.NaN, 1, -Infinity, 2] },
          { header: 'date', values: [new Date(Number.NaN), new Date(Date.UTC(1900, 1, 28)), null, null] },
        ],
      },
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([
      { sheet: 'bad', code: 'invalid-character', char: '\u0007', row: 2, column: 'text' },
      // 32,766 characters plus the guarding quote: 32,768
      { sheet: 'bad', code: 'cell-too-long', row: 4, column: 'text', detail: { length: 32_768, max: 32_767 } },
      { sheet: 'bad', code: 'invalid-character', char: '\udc00', row: 5, column: 'text' },
      { sheet: 'bad', code: 'not-finite-number', row: 2, column: 'num' },
      { sheet: 'bad', code: 'not-finite-number', row: 4, column: 'num' },
      { sheet: 'bad', code: 'invalid-date', row: 2, column: 'date' },
      { sheet: 'bad', code: 'invalid-date', row: 3, column: 'date', detail: { min: '1900-03-01', max: '9999-12-31' } },
    ]);
  });

  it('refuses too many columns or rows with one issue each, without naming a single-sheet workbook', async () => {
    const wide = await toXlsx([{ name: 's', columns: Array.from({ length: 16_385 }, (_, i) => ({ header: `c${i}`, values: [] })) }]);
    expect(wide.ok ? [] : wide.issues).toEqual([{ code: 'too-many-columns', detail: { columns: 16_385, max: 16_384 } }]);
    // 1,048,576 records + the header: one row too many (values need not be real: a sparse array)
    const values = new Array<null>(1_048_576);
    const tall = await toXlsx([{ name: 's', columns: [{ header: 'a', values }] }]);
    expect(tall.ok ? [] : tall.issues).toEqual([{ code: 'too-many-rows', detail: { rows: 1_048_577, max: 1_048_576 } }]);
  });
});
