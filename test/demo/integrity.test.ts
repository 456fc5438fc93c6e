import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NativeDatabase } from '../../src/engine/native/native-database';
import { isValidCreditCode } from '../../src/extract/credit-code';
import { headersOf } from '../../src/extract/schema';
import { PROVINCES } from '../../src/demo/regions';
import { FIVE_CLASSES, OWN_BANK, PRODUCTS } from '../../src/demo/vocabulary';
import { parseIsoDay } from '../../src/demo/dates';
import { column, demoOptions, loadedDatabase, numbers, scalar } from './support';

const CUSTOMERS = 3000;
const AS_OF = "DATE '2025-12-31'";

describe('a generated extract', () => {
  let db: NativeDatabase;

  beforeAll(async () => {
    ({ db } = await loadedDatabase(demoOptions(CUSTOMERS)));
  });

  afterAll(async () => {
    await db?.close();
  });

  it('has the columns of the extract schema, in order', async () => {
    for (const table of ['customers', 'facilities', 'loans', 'repayments', 'balances', 'outcomes'] as const) {
      const result = await db.query(`SELECT * FROM ${table} LIMIT 0`);
      expect(result.schema.fields.map((f) => f.name)).toEqual(headersOf(table, 'en'));
    }
    expect((await db.tables()).map((t) => t.name)).not.toContain('_truth');
  });

  it('gives every customer a unique id and a valid, unique credit code embedding their city', async () => {
    const result = await db.query('SELECT customer_id, credit_code, region, city FROM customers');
    const codes = column(result, 'credit_code') as string[];
    expect(codes.every(isValidCreditCode)).toBe(true);
    expect(new Set(codes).size).toBe(CUSTOMERS);
    expect(new Set(column(result, 'customer_id')).size).toBe(CUSTOMERS);
    const regions = column(result, 'region') as string[];
    const cities = column(result, 'city') as string[];
    codes.forEach((code, i) => {
      const city = PROVINCES.find((p) => p.name === regions[i])!.cities.find((c) => c.name === cities[i])!;
      expect(city.districts.map((d) => d.code)).toContain(code.slice(2, 8));
    });
  });

  it('references only existing customers and loans; repayments belong to own-bank loans', async () => {
    for (const table of ['facilities', 'loans', 'balances', 'outcomes']) {
      expect(await scalar(db, `SELECT count(*) FROM ${table} t ANTI JOIN customers c USING (customer_id)`), table).toBe(0);
    }
    expect(await scalar(db, `SELECT count(*) FROM repayments r ANTI JOIN (SELECT loan_id FROM loans WHERE bank = '${OWN_BANK}') USING (loan_id)`)).toBe(0);
    expect(await scalar(db, 'SELECT count(*) - count(DISTINCT loan_id) FROM loans')).toBe(0);
    expect(await scalar(db, 'SELECT count(*) - count(DISTINCT facility_id) FROM facilities')).toBe(0);
    expect(await scalar(db, 'SELECT count(*) - count(DISTINCT (loan_id, due_date)) FROM repayments')).toBe(0);
    expect(await scalar(db, 'SELECT count(*) - count(DISTINCT (snapshot, customer_id)) FROM balances')).toBe(0);
    expect(await scalar(db, 'SELECT count(*) - count(DISTINCT customer_id) FROM outcomes')).toBe(0);
  });

  it('has realistic ratios: 2–4 loans per customer, own and other banks, 12–24 months of history', async () => {
    const loansPerCustomer = await scalar(db, `SELECT count(*) / ${CUSTOMERS} FROM loans`);
    expect(loansPerCustomer).toBeGreaterThan(2);
    expect(loansPerCustomer).toBeLessThan(4);
    const ownShare = await scalar(db, `SELECT avg(CASE WHEN bank = '${OWN_BANK}' THEN 1 ELSE 0 END) FROM loans`);
    expect(ownShare).toBeGreaterThan(0.4);
    expect(ownShare).toBeLessThan(0.85);
    expect(await scalar(db, `SELECT count(DISTINCT bank) FROM loans`)).toBeGreaterThan(10);
    const months = await db.query(`SELECT customer_id, count(*) AS n, min(snapshot) AS first, max(snapshot) AS last FROM balances GROUP BY 1`);
    expect(months.numRows).toBe(CUSTOMERS);
    expect(Math.min(...numbers(months, 'n'))).toBe(12);
    expect(Math.max(...numbers(months, 'n'))).toBe(24);
    expect(new Set(numbers(months, 'last'))).toEqual(new Set([Date.UTC(2025, 11, 31)]));
    expect(await scalar(db, `SELECT count(*) FROM balances WHERE snapshot <> last_day(snapshot)`)).toBe(0);
    const repaymentMonths = await scalar(db, `
      SELECT avg(n) FROM (SELECT loan_id, count(*) AS n FROM repayments GROUP BY 1)`);
    expect(repaymentMonths).toBeGreaterThan(6);
    expect(await scalar(db, `SELECT count(*) FROM repayments WHERE due_date > ${AS_OF} OR due_date <= ${AS_OF} - INTERVAL 24 MONTH`)).toBe(0);
    const perCustomer = await scalar(db, `SELECT count(*) / ${CUSTOMERS} FROM repayments`);
    expect(perCustomer).toBeGreaterThan(12);
    expect(perCustomer).toBeLessThan(40);
  });

  it('keeps amounts, dates and statuses consistent', async () => {
    const problems = {
      usedOverLimit: 'SELECT count(*) FROM facilities WHERE used > "limit" OR used < 0',
      balanceOverAmount: 'SELECT count(*) FROM loans WHERE balance > amount OR balance < 0',
      maturityBeforeStart: 'SELECT count(*) FROM loans WHERE maturity <= start',
      startAfterAsOf: `SELECT count(*) FROM loans WHERE start > ${AS_OF}`,
      paidOverDue: 'SELECT count(*) FROM repayments WHERE paid_amount > due_amount',
      unpaidWithoutDays: `SELECT count(*) FROM repayments WHERE paid_date IS NULL AND overdue_days <> ${AS_OF} - due_date`,
      paidDaysWrong: 'SELECT count(*) FROM repayments WHERE paid_date IS NOT NULL AND overdue_days <> greatest(0, paid_date - due_date)',
      paidAfterAsOf: `SELECT count(*) FROM repayments WHERE paid_date > ${AS_OF}`,
      signedAmount: 'SELECT count(*) FROM outcomes WHERE (signed = 1) <> (signed_amount > 0)',
      pushedAfterAsOf: `SELECT count(*) FROM outcomes WHERE pushed > ${AS_OF} OR pushed < ${AS_OF} - INTERVAL 3 MONTH`,
      negativeOrMinusZero: `SELECT count(*) FROM (
          SELECT balance AS x FROM balances UNION ALL SELECT balance FROM loans UNION ALL SELECT used FROM facilities
          UNION ALL SELECT paid_amount FROM repayments) WHERE CAST(x AS VARCHAR) LIKE '-%'`,
      ownLoanBeforeRelation: `SELECT count(*) FROM loans JOIN customers USING (customer_id) WHERE bank = '${OWN_BANK}' AND start < relation_start`,
      foundedAfterRelation: 'SELECT count(*) FROM customers WHERE founded >= relation_start',
      usedIsOwnBalance: `SELECT count(*) FROM (SELECT customer_id, sum(used) AS used FROM facilities GROUP BY 1) f
        LEFT JOIN (SELECT customer_id, sum(balance) AS b FROM loans WHERE bank = '${OWN_BANK}' GROUP BY 1) l USING (customer_id)
        WHERE abs(f.used - coalesce(l.b, 0)) > 0.011`,
      lastMonthIsOwnBalance: `SELECT count(*) FROM balances m
        LEFT JOIN (SELECT customer_id, sum(balance) AS b FROM loans WHERE bank = '${OWN_BANK}' GROUP BY 1) l USING (customer_id)
        WHERE m.snapshot = ${AS_OF} AND abs(m.balance - coalesce(l.b, 0)) > 0.011`,
    };
    for (const [name, sql] of Object.entries(problems)) expect(await scalar(db, sql), name).toBe(0);
  });

  it('uses the extract vocabulary', async () => {
    const distinct = async (sql: string) => new Set(column(await db.query(sql), 'v'));
    expect(await distinct('SELECT DISTINCT class AS v FROM loans')).toEqual(new Set(FIVE_CLASSES));
    expect(await distinct('SELECT DISTINCT product AS v FROM loans')).toEqual(new Set(PRODUCTS.map((p) => p.name)));
    expect(await distinct('SELECT DISTINCT size AS v FROM customers')).toEqual(new Set(['大型', '中型', '小型', '微型']));
    const names = column(await db.query('SELECT name AS v FROM customers'), 'v') as string[];
    expect(names.every((n) => /(有限公司|有限责任公司|股份有限公司)$/.test(n))).toBe(true);
    expect(names.filter((n) => n.includes('（')).length).toBeGreaterThan(CUSTOMERS * 0.05);
    const industries = await distinct('SELECT DISTINCT industry AS v FROM customers');
    for (const name of ['制造业', '批发和零售业', '建筑业', '信息传输、软件和信息技术服务业']) expect(industries).toContain(name);
  });

  it('moves every date with another as-of date, which need not be a month-end', async () => {
    const other = await loadedDatabase(demoOptions(300, { asOf: parseIsoDay('2024-06-15') }));
    try {
      const asOf = "DATE '2024-06-15'";
      expect(await scalar(other.db, 'SELECT max(snapshot) = DATE \'2024-05-31\' FROM balances')).toBe(1);
      for (const [table, columnName] of [['loans', 'start'], ['repayments', 'due_date'], ['repayments', 'paid_date'], ['outcomes', 'pushed'], ['customers', 'relation_start']]) {
        expect(await scalar(other.db, `SELECT count(*) FROM ${table} WHERE ${columnName} > ${asOf}`), `${table}.${columnName}`).toBe(0);
      }
      expect(await scalar(other.db, `SELECT count(*) FROM repayments WHERE paid_date IS NULL AND overdue_days <> ${asOf} - due_date`)).toBe(0);
      expect(column(await other.db.query('SELECT DISTINCT campaign AS v FROM outcomes'), 'v')).toEqual(['HD20240401']);
    } finally {
      await other.db.close();
    }
  });
});
