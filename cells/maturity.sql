-- name: ind_maturity
-- title: 到期续贷 | Maturity
-- needs: customers, loans
-- inputs: as_of (date)
-- key: customer_id
-- column: maturing_90d | 元 | benefit | balance of this bank's loans maturing in ($as_of, $as_of + 90 days]; 0 when none
-- column: maturing_loans_90d | count | none | how many of this bank's loans with a balance > 0 mature in that window; 0 when none
-- column: next_maturity | date | none | the earliest maturity after $as_of among this bank's loans with a balance > 0,
--     for planning renewal visits (续贷回访); NULL when none
-- note: Only loans started on or before $as_of count. This bank is the lender written 本行 in loans.bank;
--     loans.balance is as at the extract date.
WITH
own_open_loans AS (
  SELECT customer_id, balance, maturity
  FROM loans
  WHERE bank = '本行' AND balance > 0 AND maturity > $as_of AND coalesce(start <= $as_of, true)
),
maturities AS (
  SELECT customer_id,
         coalesce(sum(balance) FILTER (WHERE maturity <= $as_of + INTERVAL 90 DAY), 0) AS maturing_90d,
         count(*) FILTER (WHERE maturity <= $as_of + INTERVAL 90 DAY) AS maturing_loans_90d,
         min(maturity) AS next_maturity
  FROM own_open_loans
  GROUP BY customer_id
)
SELECT c.customer_id,
       coalesce(m.maturing_90d, 0) AS maturing_90d,
       coalesce(m.maturing_loans_90d, 0) AS maturing_loans_90d,
       m.next_maturity
FROM customers c
LEFT JOIN maturities m USING (customer_id)
ORDER BY c.customer_id
