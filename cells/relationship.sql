-- name: ind_relationship
-- title: 合作深度 | Relationship
-- needs: customers, loans
-- inputs: as_of (date)
-- key: customer_id
-- column: relation_years | years | benefit | 合作年限 = days from relation_start (首次合作日期) to $as_of ÷ 365.25;
--     NULL when relation_start is unknown or after $as_of
-- column: own_products | count | benefit | distinct 贷款品种 among this bank's outstanding loans; 0 when none
-- column: own_balance | 元 | benefit | 本行余额: balance of this bank's loans started on or before $as_of; 0 when none
-- note: This bank is the lender written 本行 in loans.bank. A loan is outstanding when it started on or before $as_of and
--     has a balance > 0 (balances as at the extract date).
WITH
own_loans AS (
  SELECT customer_id,
         count(DISTINCT product) FILTER (WHERE balance > 0) AS own_products,
         sum(balance) AS own_balance
  FROM loans
  WHERE bank = '本行' AND coalesce(start <= $as_of, true)
  GROUP BY customer_id
)
SELECT c.customer_id,
       CASE WHEN c.relation_start <= $as_of THEN ($as_of - c.relation_start) / 365.25 END AS relation_years,
       coalesce(o.own_products, 0) AS own_products,
       coalesce(o.own_balance, 0) AS own_balance
FROM customers c
LEFT JOIN own_loans o USING (customer_id)
ORDER BY c.customer_id
