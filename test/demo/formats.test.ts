import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeDatabase } from '../../src/engine/native/native-database';
import { EXTRACT_TABLES, headersOf } from '../../src/extract/schema';
import { INDUSTRIES } from '../../src/demo/industries';
import { PROVINCES } from '../../src/demo/regions';
import * as vocabulary from '../../src/demo/vocabulary';
import { MISSING_TOKENS } from '../../src/demo/messy/values';
import { writeTables } from '../../scripts/demo/files';
import { generateExtract } from '../../scripts/demo/run';
import { EXCEL_MAX_DATA_ROWS } from '../../scripts/demo/xlsx';
import { column, demoOptions } from './support';

describe('the output formats', () => {
  let dir: string;
  let db: NativeDatabase;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tierbook-formats-'));
    db = await NativeDatabase.open({ threads: 1 });
  });

  afterAll(async () => {
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('write GBK CSV that decodes to exactly the UTF-8 CSV, messy or not', async () => {
    for (const messy of [false, true]) {
      const utf8 = join(dir, `utf8-${messy}`);
      const gbk = join(dir, `gbk-${messy}`);
      await generateExtract({ ...demoOptions(300), format: 'csv', headers: 'zh', messy, outDir: utf8 });
      await generateExtract({ ...demoOptions(300), format: 'csv-gbk', headers: 'zh', messy, outDir: gbk });
      for (const spec of EXTRACT_TABLES) {
        const bytes = await readFile(join(gbk, `${spec.name}.csv`));
        const expected = await readFile(join(utf8, `${spec.name}.csv`), 'utf8');
        expect(bytes.equals(Buffer.from(expected, 'utf8')), spec.name).toBe(false);
        expect(iconv.decode(bytes, 'gbk'), spec.name).toBe(expected);
      }
    }
  });

  it('use only characters that GBK can encode', () => {
    const texts = [
      ...INDUSTRIES.flatMap((i) => [i.name, ...i.words]),
      ...PROVINCES.flatMap((p) => [p.name, ...p.cities.flatMap((c) => [c.name, ...c.districts.map((d) => d.name)])]),
      ...vocabulary.OTHER_BANKS.map((b) => b.name), vocabulary.OWN_BANK, ...vocabulary.PRODUCTS.map((p) => p.name),
      ...vocabulary.GUARANTEES, ...vocabulary.FIVE_CLASSES, ...vocabulary.SIZES, vocabulary.TRADE_NAME_CHARS,
      vocabulary.SURNAMES, vocabulary.GIVEN_NAME_CHARS, ...vocabulary.COMPANY_SUFFIXES.map((s) => s.name),
      ...MISSING_TOKENS, '（）()合计万元', ...EXTRACT_TABLES.flatMap((t) => [t.zh, ...headersOf(t.name, 'zh')]),
    ];
    for (const text of texts) expect(iconv.decode(iconv.encode(text, 'gbk'), 'gbk'), text).toBe(text);
  });

  it('write Parquet with typed columns and canonical English headers on request', async () => {
    const out = join(dir, 'parquet-en');
    await generateExtract({ ...demoOptions(200, { truth: true }), format: 'parquet', headers: 'en', messy: false, outDir: out });
    expect((await readdir(out)).sort()).toEqual([...EXTRACT_TABLES.map((t) => `${t.name}.parquet`), '_truth.parquet'].sort());
    const loans = await db.query(`SELECT * FROM read_parquet('${join(out, 'loans.parquet')}') LIMIT 1`);
    expect(loans.schema.fields.map((f) => `${f.name}:${String(f.type)}`)).toEqual([
      'loan_id:Utf8', 'customer_id:Utf8', 'product:Utf8', 'bank:Utf8', 'amount:Float64', 'balance:Float64',
      'start:Date32<DAY>', 'maturity:Date32<DAY>', 'rate:Float64', 'guarantee:Utf8', 'class:Utf8',
    ]);
    const meta = await db.query(`SELECT DISTINCT compression FROM parquet_metadata('${join(out, 'loans.parquet')}')`);
    expect(column(meta, 'compression')).toEqual(['ZSTD']);
  });

  it('refuse a workbook when a table exceeds Excel’s rows, before writing anything', async () => {
    const out = join(dir, 'too-big');
    const tables = [{ name: 'customers' as const, rows: 10 }, { name: 'balances' as const, rows: EXCEL_MAX_DATA_ROWS + 1 }];
    await expect(writeTables(db, tables, { format: 'xlsx', outDir: out, headers: (t) => headersOf(t as 'customers', 'zh'), stamp: new Date(0) }))
      .rejects.toThrow(/balances has 1,048,576 rows.*at most 1,048,575/);
    await expect(readdir(out)).rejects.toThrow();
  });
});
