-- name: ind_funding_need
-- title: 资金需求强度 | Funding need
-- needs: customers, loans, facilities, balances
-- inputs: as_of (date)
-- key: customer_id
-- column: total_balance | 元 | benefit | 贷款余额: balance of every loan (this bank and others) started on or before $as_of; 0 without loans
-- column: total_limit | 元 | benefit | 授信额度: sum of the limits of the facilities in force at $as_of; 0 without one
-- column: utilisation | ratio | benefit | 用信率 = used / limit over the facilities in force; NULL when their limit is 0 or missing
-- column: balance_growth_3m | ratio | benefit | this bank's month-end balance at the reference month-end ÷ the one 3 months earlier − 1;
--     NULL when either month-end is missing or the earlier one is 0
-- column: balance_growth_12m | ratio | benefit | the same over 12 months
-- note: The reference month-end is $as_of when it is a month's last day, else the last day of the month before.
-- note: loans.balance and facilities.used are as at the extract date; $as_of only leaves out loans
--     started after it, so run at the extract date for exact figures. A facility is in force when it started
--     on or before $as_of and matures on or after it (an unknown date does not exclude it).
-- note: balances are this bank's month-end balances per customer (loan-level rows must carry customer_id);
--     when a month has several snapshot dates, the latest one is that month's balance.
WITH
reference AS (
  SELECT CASE WHEN last_day($as_of) = $as_of THEN $as_of ELSE last_day($as_of - INTERVAL 1 MONTH) END AS month_end
),
outstanding AS (
  SELECT customer_id, sum(balance) AS total_balance
  FROM loans
  WHERE coalesce(start <= $as_of, true)
  GROUP BY customer_id
),
credit AS (
  SELECT customer_id, sum("limit") AS total_limit, sum(used) AS total_used
  FROM facilities
  WHERE coalesce(start <= $as_of, true) AND coalesce(maturity >= $as_of, true)
  GROUP BY customer_id
),
snapshot_totals AS (
  SELECT customer_id, snapshot, sum(balance) AS balance
  FROM balances
  WHERE snapshot <= $as_of
  GROUP BY customer_id, snapshot
),
month_ends AS (
  SELECT customer_id, last_day(snapshot) AS month_end, arg_max(balance, snapshot) AS balance
  FROM snapshot_totals
  GROUP BY customer_id, last_day(snapshot)
),
growth AS (
  SELECT m.customer_id,
         max(m.balance) FILTER (WHERE m.month_end = r.month_end) AS balance_now,
         max(m.balance) FILTER (WHERE m.month_end = last_day(r.month_end - INTERVAL 3 MONTH)) AS balance_3m_ago,
         max(m.balance) FILTER (WHERE m.month_end = last_day(r.month_end - INTERVAL 12 MONTH)) AS balance_12m_ago
  FROM month_ends m CROSS JOIN reference r
  GROUP BY m.customer_id
)
SELECT c.customer_id,
       coalesce(o.total_balance, 0) AS total_balance,
       coalesce(f.total_limit, 0) AS total_limit,
       f.total_used / nullif(f.total_limit, 0) AS utilisation,
       g.balance_now / nullif(g.balance_3m_ago, 0) - 1 AS balance_growth_3m,
       g.balance_now / nullif(g.balance_12m_ago, 0) - 1 AS balance_growth_12m
FROM customers c
LEFT JOIN outstanding o USING (customer_id)
LEFT JOIN credit f USING (customer_id)
LEFT JOIN growth g USING (customer_id)
ORDER BY c.customer_id
