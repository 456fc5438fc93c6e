import { describe, expect, it } from 'vitest';
import { analyseSqlCell } from '../../../src/runtime/sql/sql-references';

/** Source → the tables it reads, by hand: what a SQL cell depends on. */
const TABLES: [string, string[]][] = [
  ['SELECT * FROM loans', ['loans']],
  ['select * from loans l join customers c on l.customer_id = c.customer_id', ['loans', 'customers']],
  ['SELECT * FROM loans, customers WHERE 1=1', ['loans', 'customers']],
  ['SELECT * FROM loans AS l LEFT OUTER JOIN "月末余额" b USING (customer_id)', ['loans', '月末余额']],
  ['FROM indicators SELECT customer_id', ['indicators']],
  ['SELECT * FROM (SELECT * FROM loans) t JOIN facilities f ON true', ['loans', 'facilities']],
  ['WITH base AS (SELECT * FROM loans) SELECT * FROM base JOIN customers USING (customer_id)', ['loans', 'customers']],
  ['WITH a AS MATERIALIZED (FROM loans), b AS (FROM a) FROM b', ['loans']],
  ["SELECT * FROM read_csv('files/x.csv')", []],
  ['SELECT extract(year FROM start) AS y, trim(BOTH \' \' FROM name) FROM loans', ['loans']],
  ['SELECT * FROM customers WHERE EXISTS (SELECT 1 FROM loans WHERE loans.customer_id = customers.customer_id)', ['customers', 'loans']],
  ['SELECT * FROM customers WHERE customer_id IN (FROM outcomes SELECT customer_id)', ['customers', 'outcomes']],
  ["-- FROM comment_table\nSELECT 'FROM string_table' AS s /* FROM block */ FROM real_table", ['real_table']],
  ['SELECT * FROM main.loans', []],
  ['SELECT * FROM loans UNION ALL SELECT * FROM loans_2', ['loans', 'loans_2']],
  ['SELECT count(*) FROM score_matrix GROUP BY tier', ['score_matrix']],
];

describe('analyseSqlCell', () => {
  it.each(TABLES)('finds the tables %s reads', (sql, tables) => {
    const result = analyseSqlCell(sql);
    expect('error' in result ? result.error : result.tables).toEqual(tables);
  });

  it('turns $inputs into bound variables, leaving strings and comments alone', () => {
    const result = analyseSqlCell("SELECT * FROM loans WHERE start <= $as_of AND class <> '$not_param' -- $nor_this\n AND rate > $min_rate AND start <= $as_of;");
    expect(result).toMatchObject({
      params: ['as_of', 'min_rate'],
      query: "SELECT * FROM loans WHERE start <= getvariable('as_of') AND class <> '$not_param' -- $nor_this\n AND rate > getvariable('min_rate') AND start <= getvariable('as_of')",
    });
  });

  it('keeps dollar-quoted strings as text', () => {
    expect(analyseSqlCell('SELECT $$ costs $x $$ AS s, $tag$ FROM t $tag$ AS u FROM v')).toMatchObject({ params: [], tables: ['v'] });
  });

  it('refuses several statements and numbered parameters, with the position', () => {
    expect(analyseSqlCell('SELECT 1;\nSELECT 2;')).toEqual({ error: { message: expect.stringMatching(/one query/), line: 1, column: 9 } });
    expect(analyseSqlCell('SELECT * FROM t\nWHERE x = $1')).toEqual({ error: { message: expect.stringMatching(/Name the input/), line: 2, column: 11 } });
    expect(analyseSqlCell('  -- nothing\n')).toEqual({ error: { message: 'The cell has no query' } });
  });
});
