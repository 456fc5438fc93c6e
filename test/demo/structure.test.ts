import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NativeDatabase } from '../../src/engine/native/native-database';
import { auc, column, correlation, demoOptions, loadedDatabase, numbers, standardise } from './support';

/**
 * The known structure of the demo data (src/demo/model.ts), checked from the outside: indicators
 * are computed here in SQL from the extract tables alone, as an analyst would.
 */

const INDICATORS = `
WITH own AS (SELECT customer_id, sum(balance) AS balance FROM loans WHERE bank = '本行' GROUP BY 1),
other AS (SELECT customer_id, count(DISTINCT bank) AS banks FROM loans WHERE bank <> '本行' GROUP BY 1),
fac AS (SELECT customer_id, sum("limit") AS lim, sum(used) AS used FROM facilities GROUP BY 1),
bal AS (SELECT customer_id, arg_max(balance, snapshot) AS last,
               arg_min(balance, snapshot) FILTER (WHERE snapshot >= DATE '2024-12-31') AS year_ago
        FROM balances GROUP BY 1),
od AS (SELECT l.customer_id, max(r.overdue_days) AS max_overdue, count(*) FILTER (WHERE r.overdue_days > 0) AS n_late
       FROM repayments r JOIN loans l USING (loan_id) WHERE r.due_date > DATE '2024-12-31' GROUP BY 1),
cls AS (SELECT customer_id, max(CASE WHEN class IN ('次级', '可疑', '损失') THEN 1 ELSE 0 END) AS bad FROM loans GROUP BY 1)
SELECT c.customer_id, c.industry, c.region,
       ln(1 + coalesce(own.balance, 0)) AS log_balance,
       ln(1 + coalesce(fac.lim, 0)) AS log_limit,
       coalesce(fac.used / nullif(fac.lim, 0), 0) AS utilisation,
       coalesce(other.banks, 0) AS other_banks,
       ln((1 + coalesce(bal.last, 0)) / (1 + coalesce(bal.year_ago, 0))) AS balance_growth,
       ln(1 + coalesce(od.max_overdue, 0)) AS log_overdue,
       coalesce(od.max_overdue, 0) AS max_overdue,
       coalesce(od.n_late, 0) AS n_late,
       coalesce(cls.bad, 0) AS bad_class
FROM customers c
LEFT JOIN own USING (customer_id) LEFT JOIN other USING (customer_id) LEFT JOIN fac USING (customer_id)
LEFT JOIN bal USING (customer_id) LEFT JOIN od USING (customer_id) LEFT JOIN cls USING (customer_id)`;

describe('the demo data', () => {
  let db: NativeDatabase;

  beforeAll(async () => {
    ({ db } = await loadedDatabase(demoOptions(5000, { truth: true })));
    await db.exec(`CREATE TABLE indicators AS ${INDICATORS}`);
  });

  afterAll(async () => {
    await db?.close();
  });

  it('counts AUC pairs with ties as one half', () => {
    expect(auc([0.9, 0.5, 0.5, 0.1], [true, true, false, false])).toBe(0.875);
    expect(auc([1, 1], [true, false])).toBe(0.5);
    expect(auc([0, 1], [true, false])).toBe(0);
  });

  it('lets a well-weighted score rank signers measurably better than a badly weighted one', async () => {
    const result = await db.query(`SELECT i.*, o.signed FROM outcomes o JOIN indicators i USING (customer_id) ORDER BY customer_id`);
    const signed = numbers(result, 'signed').map((s) => s === 1);
    const names = ['log_balance', 'log_limit', 'utilisation', 'other_banks', 'balance_growth', 'n_late', 'bad_class'];
    const z = names.map((name) => standardise(numbers(result, name)));
    const score = (weights: readonly number[]) => signed.map((_, i) => weights.reduce((sum, w, k) => sum + w * z[k]![i]!, 0));
    // need (balance, limit, utilisation), diversity, growth up; overdue and bad classes down
    const good = [0.15, 0.15, 0.2, 0.2, 0.15, -0.1, -0.05];
    const flipped = good.map((w) => -w);
    const aucGood = auc(score(good), signed);
    const aucBad = auc(score(flipped), signed);
    expect(aucGood).toBeGreaterThan(0.7);
    expect(aucGood - aucBad).toBeGreaterThan(0.1);
    // and beats a score on channel diversity alone
    expect(aucGood).toBeGreaterThan(auc(score([0, 0, 0, 1, 0, 0, 0]), signed) + 0.03);
  });

  it('converts 3–8% of pushed customers, so lift is meaningful', async () => {
    const result = await db.query('SELECT avg(signed) AS rate, count(*) AS pushed FROM outcomes');
    const rate = numbers(result, 'rate')[0]!;
    expect(rate).toBeGreaterThan(0.03);
    expect(rate).toBeLessThan(0.08);
    expect(numbers(result, 'pushed')[0]! / 5000).toBeCloseTo(0.4, 1);
  });

  it('shows clearly different overdue rates across industries and across regions', async () => {
    for (const dimension of ['industry', 'region']) {
      const result = await db.query(`
        SELECT ${dimension} AS g, count(*) AS n, avg(CASE WHEN max_overdue > 30 THEN 1 ELSE 0 END) AS rate
        FROM indicators GROUP BY 1 HAVING count(*) >= 150 ORDER BY rate`);
      const rates = numbers(result, 'rate');
      expect(rates.length).toBeGreaterThanOrEqual(5);
      expect(rates[rates.length - 1]! / rates[0]!).toBeGreaterThan(2);
    }
    const byIndustry = await db.query(`
      SELECT industry, avg(CASE WHEN max_overdue > 30 THEN 1 ELSE 0 END) AS rate FROM indicators GROUP BY 1`);
    const rate = new Map(column(byIndustry, 'industry').map((name, i) => [name, numbers(byIndustry, 'rate')[i]!]));
    expect(rate.get('建筑业')!).toBeGreaterThan(2 * rate.get('信息传输、软件和信息技术服务业')!);
    expect(rate.get('批发和零售业')!).toBeGreaterThan(rate.get('制造业')!);
  });

  it('derives the observable columns from the hidden latents', async () => {
    const result = await db.query(`SELECT i.*, t.* FROM indicators i JOIN _truth t USING (customer_id) ORDER BY customer_id`);
    const n = (name: string) => numbers(result, name);
    expect(correlation(n('need'), n('log_balance'))).toBeGreaterThan(0.3);
    expect(correlation(n('need'), n('utilisation'))).toBeGreaterThan(0.3);
    expect(correlation(n('diversity'), n('other_banks'))).toBeGreaterThan(0.3);
    expect(correlation(n('growth'), n('balance_growth'))).toBeGreaterThan(0.1);
    expect(correlation(n('risk'), n('log_overdue'))).toBeGreaterThan(0.2);
    const signedTruth = n('signed');
    const pushed = n('pushed');
    const outcomes = await db.query('SELECT count(*) AS n, sum(signed) AS s FROM outcomes');
    expect(pushed.reduce((a, b) => a + b, 0)).toBe(numbers(outcomes, 'n')[0]);
    expect(signedTruth.reduce((a, b) => a + b, 0)).toBe(numbers(outcomes, 's')[0]);
  });
});
