import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { exportList, MIME, type ExportListOptions } from '../../src/export/bundle.ts';
import type { ExportColumn } from '../../src/export/columns.ts';
import { zipFiles } from '../../src/export/zip.ts';

const list: ExportColumn[] = [
  { header: '客户名称', values: ['甲公司', '=乙公司', '丙公司', '丁公司'] },
  { header: '客户经理', values: ['王芳', 'CON', null, '王芳'] },
  { header: '贷款余额', values: [100, -2.5, 0, 1e6] },
];

async function exported(options: Partial<ExportListOptions> & Pick<ExportListOptions, 'format'>, columns = list) {
  const result = await exportList(columns, { baseName: '名单_2025-03-31', unassigned: '(未分配)', ...options });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result;
}

const utf8 = (bytes: Uint8Array | undefined) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);

async function workbook(bytes: Uint8Array | undefined): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

describe('exportList: one file', () => {
  it('writes one UTF-8 CSV with BOM', async () => {
    const file = await exported({ format: 'csv' });
    expect([file.fileName, file.mime]).toEqual(['名单_2025-03-31.csv', MIME.csvUtf8]);
    expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(utf8(file.bytes.subarray(3))).toBe("客户名称,客户经理,贷款余额\r\n甲公司,王芳,100\r\n'=乙公司,CON,-2.5\r\n丙公司,,0\r\n丁公司,王芳,1000000\r\n");
  });

  it('writes one GBK CSV', async () => {
    const file = await exported({ format: 'csv', encoding: 'gbk' });
    expect(file.mime).toBe(MIME.csvGbk);
    expect(Buffer.from(file.bytes).equals(iconv.encode("客户名称,客户经理,贷款余额\r\n甲公司,王芳,100\r\n'=乙公司,CON,-2.5\r\n丙公司,,0\r\n丁公司,王芳,1000000\r\n", 'gbk'))).toBe(true);
  });

  it('writes one workbook, its sheet named after the list, with a safe file name', async () => {
    const file = await exported({ format: 'xlsx', baseName: 'a/b: 名单?' });
    expect([file.fileName, file.mime]).toEqual(['a_b_ 名单_.xlsx', MIME.xlsx]);
    const wb = await workbook(file.bytes);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['a_b_ 名单_']);
    expect(wb.worksheets[0]?.rowCount).toBe(5);
  });
});

describe('exportList: one file per account manager', () => {
  it('zips one CSV per manager in order of first appearance, unsafe names made safe', async () => {
    const file = await exported({ format: 'csv', splitBy: '客户经理' });
    expect([file.fileName, file.mime]).toEqual(['名单_2025-03-31.zip', MIME.zip]);
    const files = unzipSync(file.bytes);
    expect(Object.keys(files)).toEqual(['王芳.csv', 'CON_.csv', '(未分配).csv']);
    expect(utf8(files['王芳.csv']?.subarray(3))).toBe('客户名称,客户经理,贷款余额\r\n甲公司,王芳,100\r\n丁公司,王芳,1000000\r\n');
    expect([...(files['王芳.csv']?.subarray(0, 3) ?? [])]).toEqual([0xef, 0xbb, 0xbf]);
    expect(utf8(files['CON_.csv']?.subarray(3))).toBe("客户名称,客户经理,贷款余额\r\n'=乙公司,CON,-2.5\r\n");
    expect(utf8(files['(未分配).csv']?.subarray(3))).toBe('客户名称,客户经理,贷款余额\r\n丙公司,,0\r\n');
  });

  it('marks Chinese names in the ZIP as UTF-8 (general-purpose flag bit 11)', async () => {
    const bytes = (await exported({ format: 'csv', splitBy: '客户经理' })).bytes;
    // the first local file header: signature PK\3\4, version (2 bytes), then the flags
    expect(strFromU8(bytes.subarray(0, 2))).toBe('PK');
    const flags = (bytes[6] ?? 0) | ((bytes[7] ?? 0) << 8);
    expect(flags & 0x800).toBe(0x800);
  });

  it('zips one workbook per manager', async () => {
    const files = unzipSync((await exported({ format: 'xlsx', splitBy: '客户经理', splitAs: 'files' })).bytes);
    expect(Object.keys(files)).toEqual(['王芳.xlsx', 'CON_.xlsx', '(未分配).xlsx']);
    const wb = await workbook(files['王芳.xlsx']);
    const sheet = wb.worksheets[0];
    expect(sheet?.name).toBe('王芳');
    expect(sheet?.getColumn(1).values).toEqual([undefined, '客户名称', '甲公司', '丁公司']);
    expect(sheet?.getColumn(3).values).toEqual([undefined, '贷款余额', 100, 1e6]);
  });

  it('writes one workbook with a sheet per manager', async () => {
    const file = await exported({ format: 'xlsx', splitBy: '客户经理', splitAs: 'sheets' });
    expect([file.fileName, file.mime]).toEqual(['名单_2025-03-31.xlsx', MIME.xlsx]);
    const wb = await workbook(file.bytes);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['王芳', 'CON', '(未分配)']);
    expect(wb.getWorksheet('CON')?.getCell('A2').value).toBe("'=乙公司");
    expect(wb.getWorksheet('CON')?.getCell('C2').value).toBe(-2.5);
  });

  it('names the file of each issue, with the row in that file', async () => {
    const result = await exportList(list.map((c) => (c.header === '客户名称' ? { ...c, values: ['甲', '乙', '丙', '𠮷'] } : c)), {
      format: 'csv',
      encoding: 'gbk',
      splitBy: '客户经理',
      baseName: 'x',
      unassigned: '(未分配)',
    });
    expect(result.ok ? [] : result.issues).toEqual([{ code: 'unencodable-character', char: '𠮷', row: 3, column: '客户名称', sheet: '王芳.csv' }]);
  });

  it('reports a column to split by that is not in the list', async () => {
    const result = await exportList(list, { format: 'csv', splitBy: '经理', baseName: 'x', unassigned: '-' });
    expect(result.ok ? [] : result.issues).toEqual([{ code: 'unknown-column', column: '经理' }]);
  });

  it('gives an empty list its header in one file', async () => {
    const empty = list.map((c) => ({ header: c.header, values: [] }));
    const files = unzipSync((await exported({ format: 'csv', splitBy: '客户经理', baseName: '空' }, empty)).bytes);
    expect(Object.keys(files)).toEqual(['空.csv']);
    expect(utf8(files['空.csv']?.subarray(3))).toBe('客户名称,客户经理,贷款余额\r\n');
  });
});

describe('zipFiles', () => {
  it('refuses more entries than a ZIP without ZIP64 holds', async () => {
    const none = new Uint8Array(0);
    const entries = Array.from({ length: 65_536 }, (_, i) => ({ name: `${i}.csv`, bytes: none, compress: true }));
    const result = await zipFiles(entries);
    expect(result.ok ? '' : result.issues[0]?.code).toBe('too-large-for-zip');
  });

  it('stores or deflates as asked, and unzips to the same bytes', async () => {
    const text = new TextEncoder().encode('客户,'.repeat(1000));
    const result = await zipFiles([
      { name: 'a.csv', bytes: text, compress: true },
      { name: '__proto__.xlsx', bytes: text, compress: false },
    ]);
    if (!result.ok) throw new Error('refused');
    const files = unzipSync(result.bytes);
    expect(Object.keys(files)).toEqual(['a.csv', '__proto__.xlsx']);
    expect(Buffer.from(files['a.csv'] ?? []).equals(text)).toBe(true);
    // stored: the whole text appears in the ZIP as it is; deflated: 7,000 bytes shrink to far less
    expect(result.bytes.length).toBeGreaterThan(text.length);
    expect(result.bytes.length).toBeLessThan(2 * text.length);
  });
});
