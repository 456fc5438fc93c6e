import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import type { Database } from '../../src/engine/database';
import { LoadError } from '../../src/extract/issues';
import { isCancellation } from '../../src/engine/database';
import { completeLoad, stageFile } from '../../src/extract/load-file';
import { InMemoryMappingMemory } from '../../src/extract/mapping';
import { countOf } from '../../src/extract/report';
import { creditCodeCheckChar } from '../../src/extract/credit-code';
import { startNodeWasmDatabase } from '../support/wasm-node';

const utf8 = (s: string) => new TextEncoder().encode(s);
const gbk = (s: string) => new Uint8Array(iconv.encode(s, 'gbk'));
const valid = (first17: string) => first17 + creditCodeCheckChar(first17)!;

let db: Database;
beforeAll(async () => {
  db = await startNodeWasmDatabase();
});
afterAll(async () => db?.close());

async function load(name: string, bytes: Uint8Array, memory = new InMemoryMappingMemory(), taken = new Set<string>()) {
  const staged = await stageFile(db, name, bytes, { takenNames: taken, memory });
  return { staged, report: await completeLoad(db, staged, staged.proposal, { memory }) };
}

async function rows(sql: string): Promise<Record<string, unknown>[]> {
  return (await db.query(sql)).toArray().map((r) => ({ ...(r.toJSON() as Record<string, unknown>) }));
}

describe('loading an extract file', () => {
  it('recognises a GBK loans file with Chinese headers, converts 万元 and messy values, and reports what it rejected', async () => {
    const csv = [
      '借据号,客户号,贷款品种,贷款机构,贷款余额(万元),贷款日期,到期日期,合同利率,五级分类',
      'L001,C001,流动资金贷款,本行,"1,200.5",20240305,2025/3/5,4.35%,正常',
      'L002,C001,票据,工商银行,300,2024-01-31,45717,3.9%,关注',
      'L003,C002,经营性贷款,本行,abc,2024.02.01,2025-02-01,4.1%,正常',
      'L004,1.23457E+17,中长期贷款,本行,50,2023-12-01,2026-12-01,—,正常',
      'L005,C003,供应链金融,本行,-,2023年6月1日,2024-06-01,4.0%,次级',
      '合计,,,,"1,550.5",,,,',
    ].join('\n');
    const { staged, report } = await load('贷款明细.csv', gbk(csv));
    expect(staged.proposal.table).toBe('loans');
    expect(staged.proposal.columns.find((c) => c.target === 'balance')).toMatchObject({ unit: 10000, kind: 'amount' });
    expect(report).toMatchObject({ table: 'loans', rowsRead: 6, rowsLoaded: 3, rowsRejected: 2, rowsSkipped: 1 });
    expect(report.issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.row, i.column, i.value])).toEqual([
      ['not-a-number', 4, '贷款余额(万元)', 'abc'],
      ['id-scientific', 5, '客户号', '1.23457E+17'],
    ]);
    expect(report.issues.find((i) => i.code === 'total-row')?.row).toBe(7);
    expect(countOf(report, 'excel-serial')).toBe(1);
    expect(await rows('SELECT loan_id, balance, start, maturity, rate FROM loans ORDER BY loan_id')).toEqual([
      { loan_id: 'L001', balance: 12005000, start: Date.UTC(2024, 2, 5), maturity: Date.UTC(2025, 2, 5), rate: 0.0435 },
      { loan_id: 'L002', balance: 3000000, start: Date.UTC(2024, 0, 31), maturity: Date.UTC(2025, 2, 1), rate: 0.039 },
      { loan_id: 'L005', balance: null, start: Date.UTC(2023, 5, 1), maturity: Date.UTC(2024, 5, 1), rate: 0.04 },
    ]);
    const types = Object.fromEntries(report.columns.map((c) => [c.name, c.type]));
    expect(types).toMatchObject({ loan_id: 'VARCHAR', balance: 'DOUBLE', start: 'DATE', rate: 'DOUBLE' });
  });

  it('keeps rows with unreadable cells blank when the user chooses to', async () => {
    const staged = await stageFile(db, 'l.csv', utf8('借据号,客户号,贷款余额\nL1,C1,12\nL2,C2,oops\n'), { takenNames: new Set() });
    const report = await completeLoad(db, staged, { ...staged.proposal, name: 'loans_blank' }, { policy: 'keep-row-blank-cell' });
    expect(report).toMatchObject({ rowsLoaded: 2, rowsRejected: 0 });
    expect(report.issues.find((i) => i.code === 'not-a-number')).toMatchObject({ severity: 'warning', row: 3, value: 'oops' });
    expect(await rows('SELECT loan_id, balance FROM loans_blank ORDER BY 1')).toEqual([{ loan_id: 'L1', balance: 12 }, { loan_id: 'L2', balance: null }]);
  });

  it('finds duplicate customers and invalid credit codes in a customers file', async () => {
    const a = valid('91350100M000100Y4');
    const b = valid('91110000600037341');
    const bad = `${a.slice(0, 17)}${a[17] === '0' ? '1' : '0'}`;
    const csv = [
      '客户号,客户名称,统一社会信用代码,行业类型',
      `C1,华信（深圳）科技有限公司,${a},制造业`,
      `C2,华信(深圳)科技有限公司,${b},制造业`,
      `C3,另一家公司,${a},建筑业`,
      `C4,坏代码公司,${bad},建筑业`,
      `C1,重复客户号,${b},建筑业`,
    ].join('\n');
    const { report } = await load('客户信息.csv', utf8(csv));
    expect(report.recognisedAs).toBe('customers');
    const byCode = (code: string) => report.issues.filter((i) => i.code === code);
    expect(byCode('invalid-credit-code').map((i) => [i.row, i.value])).toEqual([[5, bad]]);
    expect(byCode('duplicate-credit-code').map((i) => i.detail?.['customers'])).toEqual(['C1, C3', 'C1, C2']);
    expect(byCode('duplicate-name').map((i) => i.detail?.['customers'])).toEqual(['C1, C2']);
    expect(byCode('duplicate-key')).toMatchObject([{ value: 'C1', detail: { rows: '2, 6', count: 2 } }]);
  });

  it('loads a file matching no extract table as a plain table, guessing column kinds', async () => {
    const { staged, report } = await load('区域目标 (2024).csv', utf8('地区,目标金额,截止日期,机构号\n广东,"1,000",2024-12-31,001\n浙江,2000,2024/6/30,002\n'));
    expect(staged.proposal.table).toBeNull();
    expect(staged.proposal.columns.map((c) => [c.target, c.kind])).toEqual([['地区', 'text'], ['目标金额', 'number'], ['截止日期', 'date'], ['机构号', 'text']]);
    expect(report.table).toBe('区域目标_2024');
    expect(await rows('SELECT * FROM 区域目标_2024 ORDER BY 1')).toEqual([
      { 地区: '广东', 目标金额: 1000, 截止日期: Date.UTC(2024, 11, 31), 机构号: '001' },
      { 地区: '浙江', 目标金额: 2000, 截止日期: Date.UTC(2024, 5, 30), 机构号: '002' },
    ]);
  });

  it('remembers a confirmed mapping for the next file with the same header', async () => {
    const memory = new InMemoryMappingMemory();
    const first = await stageFile(db, 'x.csv', utf8('编号,客户,金额\n1,C1,5\n'), { takenNames: new Set(), memory });
    const corrected = {
      table: 'loans' as const,
      name: 'loans_memory',
      columns: [
        { ...first.proposal.columns[0]!, target: 'loan_id', canonical: true, kind: 'id' as const, confidence: 'user' as const },
        { ...first.proposal.columns[1]!, target: 'customer_id', canonical: true, kind: 'id' as const, confidence: 'user' as const },
        { ...first.proposal.columns[2]!, target: 'balance', canonical: true, kind: 'amount' as const, confidence: 'user' as const },
      ],
    };
    await completeLoad(db, first, corrected, { memory });
    const second = await stageFile(db, 'y.csv', utf8('编号,客户,金额\n2,C2,6\n'), { takenNames: new Set(['loans_memory']), memory });
    expect(second.proposal.table).toBe('loans');
    expect(second.proposal.columns.map((c) => [c.target, c.confidence])).toEqual([['loan_id', 'remembered'], ['customer_id', 'remembered'], ['balance', 'remembered']]);
    await completeLoad(db, second, second.proposal);
  });

  it('refuses a binary file renamed .csv and a file too large for the memory budget, leaving loaded tables alone', async () => {
    const before = (await db.tables()).map((t) => t.name);
    const binary = new Uint8Array(2048).map((_v, i) => (i * 37) % 256);
    await expect(stageFile(db, 'photo.csv', binary, { takenNames: new Set() })).rejects.toMatchObject({ issue: { code: 'binary-file', file: 'photo.csv' } });
    const big = utf8('a,b\n' + '1,2\n'.repeat(1000));
    const error = await stageFile(db, 'big.csv', big, { takenNames: new Set(), maxBytes: 3000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LoadError);
    expect((error as LoadError).issue).toMatchObject({ code: 'too-large', detail: { size: big.length, max: 1000 } });
    expect((await db.tables()).map((t) => t.name)).toEqual(before);
  });
});

describe('cancelling a load', () => {
  it('stops a large file mid-way with a cancellation, leaves no staging table, and the database keeps working', async () => {
    const rows = Array.from({ length: 400_000 }, (_v, i) => `L${i},C${i % 997},${(i * 37) % 100000}.5,2024-0${(i % 9) + 1}-15`);
    const bytes = utf8(`借据号,客户号,贷款余额,贷款日期\n${rows.join('\n')}\n`);
    const controller = new AbortController();
    const phases: string[] = [];
    const loading = stageFile(db, 'big.csv', bytes, {
      takenNames: new Set(),
      signal: controller.signal,
      onProgress: (p) => {
        phases.push(p.phase);
        if (p.phase === 'parsing') setTimeout(() => controller.abort(), 50);
      },
    });
    const error: unknown = await loading.catch((e: unknown) => e);
    expect(isCancellation(error)).toBe(true);
    expect(phases).toContain('parsing');
    const leftovers = await db.query("SELECT count(*) AS n FROM duckdb_tables() WHERE table_name LIKE '__staging%'");
    expect(Number(leftovers.getChild('n')!.get(0))).toBe(0);
    expect(Number((await db.query('SELECT 41 + 1 AS x')).getChild('x')!.get(0))).toBe(42);
  });
});

describe('loading typed files', () => {
  it('loads a Parquet file whose first columns are numbers (no total-row test on them) with its conversions reported', async () => {
    const { buildAwkwardTypesParquet } = await import('../fixtures/build-fixtures');
    const { staged, report } = await load('awkward.parquet', await buildAwkwardTypesParquet());
    expect(staged.proposal.table).toBeNull();
    expect(report.rowsLoaded).toBe(report.rowsRead);
    expect(report.issues.map((i) => i.code)).toEqual(expect.arrayContaining(['converted-column-type', 'unsupported-column-type']));
  });
});
