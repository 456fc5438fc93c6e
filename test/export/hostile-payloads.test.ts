import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { exportList, type ExportListOptions } from '../../src/export/bundle.ts';
import type { ExportColumn } from '../../src/export/columns.ts';

/**
 * Issue 7, item 4: the payloads a hostile extract carries (the list the hostile-content e2e test
 * loads), through the name list's real export path, checked in the bytes of each format. The
 * expected fields are written out by hand: a leading ' for what a spreadsheet would read as a
 * formula, CSV quoting (doubled quotes) where a field holds a quote, script markup left as the
 * text it is (a CSV or XLSX cell is never HTML), numbers never prefixed.
 */
const CASES: readonly [payload: string, csvField: string, cellText: string][] = [
  ['<script>alert(1)</script>', '<script>alert(1)</script>', '<script>alert(1)</script>'],
  ['<img src=x onerror=alert(1)>', '<img src=x onerror=alert(1)>', '<img src=x onerror=alert(1)>'],
  ['"><svg onload=alert(1)>', '"""><svg onload=alert(1)>"', '"><svg onload=alert(1)>'],
  ['javascript:alert(1)', 'javascript:alert(1)', 'javascript:alert(1)'],
  ['=HYPERLINK("http://evil","x")', '"\'=HYPERLINK(""http://evil"",""x"")"', '\'=HYPERLINK("http://evil","x")'],
  ["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
  ['@SUM(1)', "'@SUM(1)", "'@SUM(1)"],
  ['-2+3', "'-2+3", "'-2+3"],
];
const NUMBERS = [-2.5, 3, 0, -1, 12, -0.5, 7, -3];
const HEADER = '=HYPERLINK("h","x")';

const columns: ExportColumn[] = [
  { header: '客户名称', values: CASES.map(([payload]) => payload) },
  { header: '客户经理', values: [...CASES].reverse().map(([payload]) => payload) },
  { header: HEADER, values: NUMBERS },
];

/** The CSV text, by hand: header row, then one record per case (CRLF). */
const CSV_TEXT = [
  `客户名称,客户经理,"'=HYPERLINK(""h"",""x"")"`,
  ...CASES.map(([, field], i) => `${field},${CASES[CASES.length - 1 - i]![1]},${NUMBERS[i]}`),
  '',
].join('\r\n');

async function exported(options: Pick<ExportListOptions, 'format' | 'encoding'>): Promise<Uint8Array> {
  const result = await exportList(columns, { baseName: 'list', unassigned: '-', ...options });
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.bytes;
}

describe('hostile payloads in the exported name list', () => {
  it('UTF-8 CSV: the BOM, then each field guarded and quoted as worked out by hand', async () => {
    const bytes = await exported({ format: 'csv' });
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(Buffer.from(bytes.subarray(3)).toString('utf8')).toBe(CSV_TEXT);
  });

  it('GBK CSV: the same text, in GBK bytes', async () => {
    const bytes = await exported({ format: 'csv', encoding: 'gbk' });
    expect(Buffer.from(bytes).equals(iconv.encode(CSV_TEXT, 'gbk'))).toBe(true);
  });

  it('XLSX: string cells with the guard, number cells without, and no formula anywhere in the sheet XML', async () => {
    const bytes = await exported({ format: 'xlsx' });
    const parts = unzipSync(bytes);
    const sheets = Object.keys(parts).filter((name) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name));
    expect(sheets).toHaveLength(1);
    expect(strFromU8(parts[sheets[0]!]!)).not.toMatch(/<f[\s>]/);

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.getCell(1, 3).value).toBe(`'${HEADER}`);
    CASES.forEach(([, , text], i) => {
      const name = sheet.getCell(i + 2, 1);
      expect([name.type, name.value]).toEqual([ExcelJS.ValueType.String, text]);
      expect(sheet.getCell(i + 2, 2).value).toBe(CASES[CASES.length - 1 - i]![2]);
      const number = sheet.getCell(i + 2, 3);
      expect([number.type, number.value]).toEqual([ExcelJS.ValueType.Number, NUMBERS[i]]);
    });
  });
});
