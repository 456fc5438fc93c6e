-- name: ind_volatility
-- title: 余额波动 | Volatility
-- needs: customers, balances
-- inputs: as_of (date)
-- key: customer_id
-- column: balance_cv | ratio | cost | coefficient of variation (population standard deviation ÷ mean) of this bank's month-end
--     balance over the 12 month-ends to the reference month-end; NULL with fewer than 2 month-ends or a mean of 0
-- column: largest_drop | ratio | cost | 资金断裂: the largest fall from one month-end to the next within those 12, as a fraction of the
--     earlier one, at least 0 (0 when the balance never fell); NULL when no two consecutive month-ends have an earlier balance > 0
-- column: balance_months | count | none | how many of the 12 month-ends have a balance; 0 when none
-- note: The reference month-end is $as_of when it is a month's last day, else the last day of the month before
--     (as in ind_funding_need); the 12 month-ends are it and the 11 before it.
-- note: balances are this bank's month-end balances per customer, summed over the rows of a snapshot date (loan-level rows
--     must carry customer_id); when a month has several snapshot dates, the latest one is that month's balance (as in
--     ind_funding_need). A month without a row is missing, not 0, and two month-ends around a missing one are not consecutive.
WITH
reference AS (
  SELECT CASE WHEN last_day($as_of) = $as_of THEN $as_of ELSE last_day($as_of - INTERVAL 1 MONTH) END AS month_end
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
last_12_months AS (
  SELECT m.customer_id, m.month_end, m.balance
  FROM month_ends m CROSS JOIN reference r
  WHERE m.month_end > last_day(r.month_end - INTERVAL 12 MONTH) AND m.month_end <= r.month_end
),
month_on_month AS (
  SELECT customer_id, month_end, balance,
         lag(balance) OVER (PARTITION BY customer_id ORDER BY month_end) AS previous_balance,
         lag(month_end) OVER (PARTITION BY customer_id ORDER BY month_end) AS previous_month_end
  FROM last_12_months
),
swings AS (
  SELECT customer_id,
         count(balance) AS balance_months,
         CASE WHEN count(balance) >= 2 THEN stddev_pop(balance) / nullif(avg(balance), 0) END AS balance_cv,
         greatest(max((previous_balance - balance) / previous_balance)
                    FILTER (WHERE previous_month_end = last_day(month_end - INTERVAL 1 MONTH) AND previous_balance > 0), 0) AS largest_drop_or_zero,
         count(*) FILTER (WHERE previous_month_end = last_day(month_end - INTERVAL 1 MONTH) AND previous_balance > 0) AS comparable_pairs
  FROM month_on_month
  GROUP BY customer_id
)
SELECT c.customer_id,
       s.balance_cv,
       CASE WHEN s.comparable_pairs > 0 THEN s.largest_drop_or_zero END AS largest_drop,
       coalesce(s.balance_months, 0) AS balance_months
FROM customers c
LEFT JOIN swings s USING (customer_id)
ORDER BY c.customer_id
