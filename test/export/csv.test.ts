import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { ExportColumn } from '../../src/export/columns.ts';
import { toCsv, type CsvOptions } from '../../src/export/csv.ts';

const utf8 = (bytes: Uint8Array) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
const hex = (bytes: Uint8Array) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ');

function csv(columns: ExportColumn[], options: CsvOptions = { encoding: 'utf-8' }): Uint8Array {
  const result = toCsv(columns, options);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.bytes;
}

/** The text after the BOM, which the test checks separately. */
function body(columns: ExportColumn[], options?: Partial<CsvOptions>): string {
  return utf8(csv(columns, { encoding: 'utf-8', bom: false, ...options }));
}

describe('toCsv: bytes', () => {
  it('starts UTF-8 with the BOM EF BB BF, ends records with CRLF', () => {
    const bytes = csv([{ header: 'a', values: ['x'] }]);
    // BOM, "a", CR LF, "x", CR LF
    expect(hex(bytes)).toBe('ef bb bf 61 0d 0a 78 0d 0a');
  });

  it('leaves the BOM out when asked, and writes LF when asked', () => {
    expect(hex(csv([{ header: 'a', values: ['x'] }], { encoding: 'utf-8', bom: false, newline: '\n' }))).toBe('61 0a 78 0a');
  });

  it('writes GBK without a BOM, bytes as iconv-lite encodes them', () => {
    const bytes = csv([{ header: '客户名称', values: ['甲公司（集团）'] }], { encoding: 'gbk', bom: true });
    expect(hex(bytes.subarray(0, 8))).toBe(hex(iconv.encode('客户名称', 'gbk')));
    // 客 is BF CD in GBK (GB 2312 row 31, cell 45: 0xA0 + 31 = 0xBF, 0xA0 + 45 = 0xCD)
    expect(hex(bytes.subarray(0, 2))).toBe('bf cd');
    expect(Buffer.from(bytes).equals(iconv.encode('客户名称\r\n甲公司（集团）\r\n', 'gbk'))).toBe(true);
  });

  it('writes multi-byte UTF-8 as UTF-8', () => {
    // 客 U+5BA2 → E5 AE A2
    expect(hex(csv([{ header: '客', values: [] }], { encoding: 'utf-8', bom: false }))).toBe('e5 ae a2 0d 0a');
  });
});

describe('toCsv: fields', () => {
  it('quotes commas, quotes (doubled), CR, LF and blanks at either end', () => {
    const text = body([{ header: 'v', values: ['a,b', 'say "hi"', 'line1\nline2', 'cr\rx', ' lead', 'trail ', 'plain', 'in side'] }]);
    expect(text).toBe(['v', '"a,b"', '"say ""hi"""', '"line1\nline2"', '"cr\rx"', '" lead"', '"trail "', 'plain', 'in side', ''].join('\r\n'));
  });

  it('writes numbers in plain digits, dates as YYYY-MM-DD (UTC), null as empty', () => {
    const text = body([
      { header: 'n', values: [1234.5, -0.25, 0, -0, 1.5e-7, 12345678901234567890, 1e21, null] },
      {
        header: 'd',
        values: [
          new Date(Date.UTC(2025, 2, 31)),
          new Date(Date.UTC(2024, 1, 29, 14, 5, 9)),
          new Date(Date.UTC(1999, 11, 31, 23, 59, 59)),
          new Date(Date.UTC(2025, 0, 1, 0, 0, 0, 250)),
          null,
          null,
          null,
          null,
        ],
      },
    ]);
    expect(text.split('\r\n')).toEqual([
      'n,d',
      '1234.5,2025-03-31',
      '-0.25,2024-02-29 14:05:09',
      '0,1999-12-31 23:59:59',
      '0,2025-01-01 00:00:00.250',
      '0.00000015,',
      // the double nearest 12345678901234567890 is 12345678901234567168; JS's shortest text is below
      '12345678901234567000,',
      '1e+21,',
      ',',
      '',
    ]);
  });

  it('writes one empty field as "" so the record is not an empty line', () => {
    expect(body([{ header: 'a', values: [null, 'x', ''] }])).toBe('a\r\n""\r\nx\r\n""\r\n');
    expect(body([{ header: 'a', values: [null] }, { header: 'b', values: [null] }])).toBe('a,b\r\n,\r\n');
  });

  it('writes the header only when there are no rows, nothing but the BOM without columns', () => {
    expect(body([{ header: 'a', values: [] }])).toBe('a\r\n');
    expect(hex(csv([]))).toBe('ef bb bf');
  });
});

describe('toCsv: formula injection', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+86 10 1234', "'+86 10 1234"],
    ['-12', "'-12"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', '"\'\r=1"'],
    ['=HYPERLINK("http://x","y")', '"\'=HYPERLINK(""http://x"",""y"")"'],
    ['=a,b', '"\'=a,b"'],
    // after leading blanks too (our choice: importers that trim would otherwise see a formula)
    ['  =1+1', "'  =1+1"],
    ['\u3000@x', "'\u3000@x"],
    ['\n-1', '"\'\n-1"'],
  ])('text %j becomes %j', (value, field) => {
    expect(body([{ header: 'h', values: [value] }])).toBe(`h\r\n${field}\r\n`);
  });

  it('leaves text that does not start a formula alone', () => {
    const values = ['a=b', '1-2', "'=already", '客户-1', '', '＝1', 'x@y.cn'];
    expect(body([{ header: 'h', values }])).toBe(`h\r\n${['a=b', '1-2', "'=already", '客户-1', '""', '＝1', 'x@y.cn'].join('\r\n')}\r\n`);
  });

  it('never prefixes numbers: negative, positive and zero stay numbers', () => {
    expect(body([{ header: 'n', values: [-12.5, 12.5, 0, -1e-9] }])).toBe('n\r\n-12.5\r\n12.5\r\n0\r\n-0.000000001\r\n');
  });

  it('guards headers too', () => {
    expect(body([{ header: '=cmd', values: [] }])).toBe("'=cmd\r\n");
  });
});

describe('toCsv: issues', () => {
  it('names row and column of each character GBK cannot encode', () => {
    const result = toCsv(
      [
        { header: '客户号', values: ['C1', 'C2', 'C3'] },
        { header: '客户名称', values: ['吉祥公司', '𠮷野家', '好😀'] },
      ],
      { encoding: 'gbk' },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([
      { code: 'unencodable-character', char: '𠮷', row: 3, column: '客户名称' },
      { code: 'unencodable-character', char: '😀', row: 4, column: '客户名称' },
    ]);
    expect(result.total).toBe(2);
  });

  it('accepts the same characters in UTF-8', () => {
    expect(body([{ header: 'x', values: ['𠮷野家', '😀'] }])).toBe('x\r\n𠮷野家\r\n😀\r\n');
  });

  it('refuses NaN, infinities, invalid dates, lone surrogates and ragged columns', () => {
    const result = toCsv(
      [
        { header: 'n', values: [Number.NaN, Infinity, 1] },
        { header: 'd', values: [new Date(Number.NaN), null, null] },
        { header: 's', values: ['ok', 'bad\ud83d', 'ok'] },
      ],
      { encoding: 'utf-8' },
    );
    expect(result.ok ? [] : result.issues).toEqual([
      { code: 'not-finite-number', row: 2, column: 'n' },
      { code: 'invalid-date', row: 2, column: 'd' },
      { code: 'not-finite-number', row: 3, column: 'n' },
      { code: 'invalid-character', char: '\ud83d', row: 3, column: 's' },
    ]);
    const ragged = toCsv([{ header: 'a', values: [1, 2] }, { header: 'b', values: [1] }], { encoding: 'utf-8' });
    expect(ragged.ok ? [] : ragged.issues.map((i) => [i.code, i.column])).toEqual([['ragged-columns', 'b']]);
  });

  it('keeps the first 100 issues and counts them all', () => {
    const values = Array.from({ length: 250 }, () => '😀');
    const result = toCsv([{ header: 'x', values }], { encoding: 'gbk' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toHaveLength(100);
    expect(result.issues[99]?.row).toBe(101);
    expect(result.total).toBe(250);
  });
});

describe('toCsv: large lists', () => {
  it('writes a list larger than one encoding piece exactly (UTF-8 and GBK)', () => {
    // ~1.5 million characters: crosses the 1 Mi-character pieces the writer encodes separately
    const names = Array.from({ length: 100_000 }, (_, i) => `客户${i}`);
    const expected = `名称\r\n${names.join('\r\n')}\r\n`;
    expect(utf8(csv([{ header: '名称', values: names }], { encoding: 'utf-8', bom: false }))).toBe(expected);
    const gbk = csv([{ header: '名称', values: names }], { encoding: 'gbk' });
    expect(Buffer.from(gbk).equals(iconv.encode(expected, 'gbk'))).toBe(true);
  });
});
