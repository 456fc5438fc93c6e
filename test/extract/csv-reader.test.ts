import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import type { Database } from '../../src/engine/database';
import { quoteIdent } from '../../src/engine/database';
import { stageCsv, type CsvOptions } from '../../src/extract/readers/csv-reader';
import { LoadError } from '../../src/extract/issues';
import type { StagedSource } from '../../src/extract/staging';
import { startNodeWasmDatabase } from '../support/wasm-node';

const utf8 = (s: string) => new TextEncoder().encode(s);
const gbk = (s: string) => new Uint8Array(iconv.encode(s, 'gbk'));

let db: Database;
beforeAll(async () => {
  db = await startNodeWasmDatabase();
});
afterAll(async () => db?.close());

async function stage(name: string, bytes: Uint8Array, options: CsvOptions = {}): Promise<StagedSource> {
  return stageCsv(db, bytes, { name, size: bytes.length, sha256: 'x', format: 'csv' }, options);
}

async function rowsOf(staged: StagedSource): Promise<Record<string, unknown>[]> {
  const t = await db.query(`SELECT * FROM ${quoteIdent(staged.table)} ORDER BY __row`);
  return t.toArray().map((r) => ({ ...(r.toJSON() as Record<string, unknown>) }));
}

describe('stageCsv', () => {
  it('reads UTF-8 with a BOM, numbering rows by line and keeping every value as text', async () => {
    const staged = await stage('a.csv', utf8('\uFEFF客户号,客户名称,贷款余额\r\nC001,甲公司,"1,234.50"\r\n\r\nC002,"乙公司, 有限",300\r\n'));
    expect(staged.options).toMatchObject({ encoding: 'utf-8-bom', delimiter: ',', header: true });
    expect(staged.columns.map((c) => c.header)).toEqual(['客户号', '客户名称', '贷款余额']);
    expect(await rowsOf(staged)).toEqual([
      { __row: 2, 客户号: 'C001', 客户名称: '甲公司', 贷款余额: '1,234.50' },
      { __row: 4, 客户号: 'C002', 客户名称: '乙公司, 有限', 贷款余额: '300' },
    ]);
  });

  it('decodes GBK and reports that it did', async () => {
    const staged = await stage('gbk.csv', gbk('客户号,客户名称,行业类型\nC001,华信（深圳）科技有限公司,制造业\n'));
    expect(staged.options['encoding']).toBe('gb18030');
    expect(staged.issues.map((i) => i.code)).toContain('decoded-gb18030');
    expect((await rowsOf(staged))[0]).toMatchObject({ 客户名称: '华信（深圳）科技有限公司', 行业类型: '制造业' });
  });

  it('decodes a file mixing GBK and UTF-8 line by line and names the first lines of each', async () => {
    const bytes = new Uint8Array([...utf8('客户号,客户名称\nC1,甲公司\n'), ...gbk('C2,乙公司\n'), ...utf8('C3,丙公司\n')]);
    const staged = await stage('mixed.csv', bytes);
    expect(staged.options['encoding']).toBe('mixed');
    const issue = staged.issues.find((i) => i.code === 'mixed-encoding');
    expect(issue?.detail).toMatchObject({ firstGbkLine: 3, gbkLines: 1, utf8Lines: 3 });
    expect((await rowsOf(staged)).map((r) => r['客户名称'])).toEqual(['甲公司', '乙公司', '丙公司']);
  });

  it('names every line of a mixed file that was read as GBK, so a damaged UTF-8 line is found', async () => {
    // a UTF-8 file whose lines 3 and 5 carry a byte that is not UTF-8 (damage, not GBK text)
    const damaged = (text: string) => new Uint8Array([...utf8(text).slice(0, -2), 0xff, 0x0a]);
    const bytes = new Uint8Array([...utf8('客户号,客户名称\nC1,甲公司\n'), ...damaged('C2,乙公司\n'), ...utf8('C3,丙公司\n'), ...damaged('C4,丁公司\n')]);
    const staged = await stage('damaged.csv', bytes);
    expect(staged.issues.filter((i) => i.code === 'line-decoded-gb18030').map((i) => [i.row, i.severity, i.file])).toEqual([
      [3, 'warning', 'damaged.csv'],
      [5, 'warning', 'damaged.csv'],
    ]);
  });

  it('reports ragged rows with their line and keeps the good rows numbered by line', async () => {
    const staged = await stage('ragged.csv', utf8('id,name,v\n1,a,2\n2,b\n3,c,4,5\n4,d,6\n'));
    expect(staged.issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.row, i.value])).toEqual([
      ['too-few-columns', 3, '2,b'],
      ['too-many-columns', 4, '3,c,4,5'],
    ]);
    expect((await rowsOf(staged)).map((r) => [r['__row'], r['id']])).toEqual([[2, '1'], [5, '4']]);
  });

  it('reports an unclosed quote at the line where it opens', async () => {
    const staged = await stage('quote.csv', utf8('id,name,v\n1,a,2\n2,"b,3\n3,c,4\n'));
    const issue = staged.issues.find((i) => i.code === 'unclosed-quote');
    expect(issue?.row).toBe(3);
    expect((await rowsOf(staged)).map((r) => r['id'])).toEqual(['1']);
  });

  it('keeps a quoted field spanning lines as one row and numbers later rows by their real line', async () => {
    const staged = await stage('multi.csv', utf8('id,note\n1,"line one\nline two"\n2,x\n'));
    expect((await rowsOf(staged)).map((r) => [r['__row'], r['id']])).toEqual([[2, '1'], [4, '2']]);
  });

  it('reads a quote inside an unquoted value as a character and numbers every later row by its line', async () => {
    // fuzz seed 20260627: one stray quote made every later row look quoted, row numbers fell back
    // to counting loaded rows, and a rejected row two lines on shifted every later issue by one
    const staged = await stage('stray.csv', utf8('id,name,v\n1,80000000"3,2\n2,b,3,9\n3,c,4\n4, "d,e",5\n5,"f"g,6\n6,h,7\n'));
    expect(staged.issues.map((i) => i.code)).not.toContain('row-numbers-approximate');
    expect(staged.issues.filter((i) => i.severity === 'error').map((i) => i.row)).toEqual([3, 6]);
    expect((await rowsOf(staged)).map((r) => [r['__row'], r['id'], r['name']])).toEqual([
      [2, '1', '80000000"3'],
      [4, '3', 'c'],
      [5, '4', 'd,e'],
      [7, '6', 'h'],
    ]);
  });

  it('detects semicolons and tabs, and takes a delimiter override', async () => {
    expect((await stage('semi.csv', utf8('客户号;余额\nC1;1,5\nC2;2\n'))).options['delimiter']).toBe(';');
    expect((await stage('tab.tsv', utf8('a\tb\n1\t2\n'))).options['delimiter']).toBe('\t');
    const forced = await stage('semi.csv', utf8('a;b\n1;2\n'), { delimiter: ',' });
    expect(forced.columns.map((c) => c.header)).toEqual(['a;b']);
  });

  it('detects a missing header row and names the columns', async () => {
    const staged = await stage('nohead.csv', utf8('C1,100.5,2024-01-02\nC2,200,2024-02-03\n'));
    expect(staged.options['header']).toBe(false);
    expect(staged.columns.map((c) => c.name)).toEqual(['column_1', 'column_2', 'column_3']);
    expect(staged.rows).toBe(2);
  });

  it('renames duplicated and blank headers and says so', async () => {
    const staged = await stage('dup.csv', utf8('a,a,,b\n1,2,3,4\n'));
    expect(staged.columns.map((c) => c.name)).toEqual(['a', 'a_2', 'column_3', 'b']);
    expect(staged.issues.map((i) => i.code).sort()).toEqual(['duplicate-header', 'empty-header']);
  });

  it('refuses an empty file and a header-only file with a clear code, and keeps working', async () => {
    for (const [name, text, code] of [['e.csv', '', 'empty-file'], ['h.csv', '客户号,客户名称\n', 'header-only'], ['w.csv', '\n\n \n', 'empty-file']] as const) {
      const error = await stage(name, utf8(text)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LoadError);
      expect((error as LoadError).issue).toMatchObject({ code, file: name });
    }
    expect((await stage('ok.csv', utf8('a\n1\n'))).rows).toBe(1);
  });
});

describe('stageCsv with quoting off', () => {
  it('reads a file with a stray quote line by line, so only the broken row is lost', async () => {
    const staged = await stage('quote.csv', utf8('id,name,v\n1,a,2\n2,"b,3\n3,c,4\n'), { quote: '' });
    expect(staged.options['quote']).toBe('');
    expect((await rowsOf(staged)).map((r) => [r['__row'], r['id'], r['name']])).toEqual([[2, '1', 'a'], [3, '2', '"b'], [4, '3', 'c']]);
  });
});
