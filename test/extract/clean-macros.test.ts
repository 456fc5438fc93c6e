import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/engine/database';
import { quoteLiteral } from '../../src/engine/database';
import { NativeDatabase } from '../../src/engine/native/native-database';
import { installCleaningMacros } from '../../src/extract/clean-macros';
import { startNodeWasmDatabase } from '../support/wasm-node';

type Case = [input: string | null, v: unknown, e?: string | null, n?: string | null];

/** Each rule with inputs and the value, issue and note a person would expect, worked by hand. */
const RULES: Record<string, { call: (x: string) => string; cases: Case[] }> = {
  amount: {
    call: (x) => `tb_parse_amount(${x}, 1)`,
    cases: [
      ['1234.5', 1234.5],
      ['1,234.50', 1234.5],
      [' 12,345,678 ', 12345678],
      ['１，２３４．５', 1234.5],
      ['¥1,000元', 1000],
      ['-300', -300],
      ['(1,200.00)', -1200],
      ['12.5万', 125000, null, 'unit-in-value'],
      ['1.2亿', 120000000, null, 'unit-in-value'],
      ['1.2E+07', 12000000, null, 'scientific-number'],
      ['.5', 0.5],
      ['', null], ['-', null], ['—', null], ['无', null], ['NULL', null], ['N/A', null], ['#N/A', null], [null, null],
      ['12,5', null, 'not-a-number'],
      ['1,2,3', null, 'not-a-number'],
      ['abc', null, 'not-a-number'],
      ['12.3.4', null, 'not-a-number'],
      ['#DIV/0!', null, 'excel-error'],
    ],
  },
  amountInWan: { call: (x) => `tb_parse_amount(${x}, 10000)`, cases: [['1,234.5', 12345000], ['0.5', 5000]] },
  rate: {
    call: (x) => `tb_parse_rate(${x})`,
    cases: [['85.3%', 0.853, null, 'percent'], ['4.35%', 0.0435, null, 'percent'], ['0.0435', 0.0435], ['5‰', 0.005, null, 'percent'], ['１２％', 0.12, null, 'percent'], ['-', null], ['85.3 %', 0.853, null, 'percent'], ['百分之五', null, 'not-a-number']],
  },
  integer: {
    call: (x) => `tb_parse_integer(${x})`,
    cases: [['30', 30], ['1,200', 1200], ['30天', 30], ['120人', 120], ['7.0', 7], ['7.5', null, 'not-an-integer'], ['99999999999', null, 'not-an-integer'], ['', null], ['x', null, 'not-an-integer']],
  },
  date: {
    call: (x) => `tb_parse_date(${x}, false)`,
    cases: [
      ['20240305', '2024-03-05'],
      ['2024-03-05', '2024-03-05'],
      ['2024/3/5', '2024-03-05'],
      ['2024.03.05', '2024-03-05'],
      ['2024年3月5日', '2024-03-05'],
      ['2024-03-05 14:30:00', '2024-03-05'],
      ['２０２４－０３－０５', '2024-03-05'],
      ['45356', '2024-03-05', null, 'excel-serial'],
      ['45356.0', '2024-03-05', null, 'excel-serial'],
      ['20240230', null, 'not-a-date'],
      ['2024-02-30', null, 'not-a-date'],
      ['3/5/2024', null, 'ambiguous-date'],
      ['202403', null, 'not-a-date'],
      ['60', null, 'not-a-date'],
      ['yesterday', null, 'not-a-date'],
      ['', null], ['—', null],
    ],
  },
  monthEnd: {
    call: (x) => `tb_parse_date(${x}, true)`,
    cases: [['202402', '2024-02-29'], ['2024-3', '2024-03-31'], ['2024年12月', '2024-12-31'], ['20240331', '2024-03-31'], ['202413', null, 'not-a-date']],
  },
  flag: {
    call: (x) => `tb_parse_flag(${x})`,
    cases: [['1', 1], ['0', 0], ['是', 1], ['否', 0], ['Y', 1], ['n', 0], ['TRUE', 1], ['已签约', 1], ['未签约', 0], ['1.0', 1], ['', null], ['maybe', null, 'not-a-flag'], ['2', null, 'not-a-flag']],
  },
  id: {
    call: (x) => `tb_parse_id(${x})`,
    cases: [
      ['C00012', 'C00012'],
      [' 91350100M000100Y43 ', '91350100M000100Y43'],
      ['1.23457E+17', null, 'id-scientific'],
      ['6.2E+15', null, 'id-scientific'],
      ['123456789012.0', '123456789012'],
      ['００１２', '0012'],
      ['', null], ['-', null],
    ],
  },
  text: {
    call: (x) => `tb_parse_text(${x})`,
    cases: [['  华信（深圳）科技有限公司\u3000', '华信（深圳）科技有限公司'], ['无', null], ['#REF!', null, 'excel-error'], ['A-1', 'A-1']],
  },
  totalRow: {
    call: (x) => `struct_pack(v := tb_is_total(${x}), e := NULL, n := NULL)`,
    cases: [['合计', true], ['合 计', true], ['总计：', true], ['Total', true], ['小计 2024', true], ['合计公司', false], ['Totally Ltd', false], ['C001', false]],
  },
};

function normalise(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number' && Number.isFinite(value) && value > 1e10) return new Date(value).toISOString().slice(0, 10);
  if (typeof value === 'bigint') return Number(value);
  return value ?? null;
}

describe.each([
  ['DuckDB-WASM', () => startNodeWasmDatabase()],
  ['native DuckDB', () => NativeDatabase.open({ threads: 1 })],
])('cleaning rules in %s', (_name, open) => {
  let db: Database;
  beforeAll(async () => {
    db = await open();
    await installCleaningMacros(db);
  });
  afterAll(async () => db?.close());

  for (const [rule, { call, cases }] of Object.entries(RULES)) {
    it(`read ${rule} values as a person would, and name what they cannot read`, async () => {
      const selects = cases.map(([input], i) => `SELECT ${i} AS i, ${call(input === null ? 'NULL' : quoteLiteral(input))} AS r`);
      const table = await db.query(`SELECT i, r.v AS v, r.e AS e, r.n AS n FROM (${selects.join(' UNION ALL ')}) ORDER BY i`);
      const isDate = rule === 'date' || rule === 'monthEnd';
      const got = cases.map((_c, i) => {
        const v: unknown = table.getChild('v')!.get(i);
        return [cases[i]![0], isDate && typeof v === 'number' ? new Date(v).toISOString().slice(0, 10) : normalise(v), table.getChild('e')!.get(i) ?? null, table.getChild('n')!.get(i) ?? null];
      });
      const want = cases.map(([input, v, e, n]) => [input, v, e ?? null, n ?? null]);
      expect(got).toEqual(want);
    });
  }
});
