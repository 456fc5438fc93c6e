-- name: ind_channel
-- title: 融资渠道多样性 | Channel diversity
-- needs: customers, loans
-- inputs: as_of (date)
-- key: customer_id
-- column: other_banks | count | benefit | 跨行贷款数量: distinct other banks with an outstanding loan; 0 when none
-- column: other_balance | 元 | benefit | balance of the outstanding loans at other banks; 0 when none
-- column: other_share | ratio | benefit | 他行余额占比 = other_balance / balance at all banks; NULL when the customer owes nothing
-- note: This bank is the lender written 本行 in loans.bank; every other name is another bank. A loan with no lender is left out.
-- note: A loan is outstanding when it started on or before $as_of and has a balance > 0. loans.balance is as at the extract
--     date, so run at the extract date for exact figures (as in ind_funding_need).
-- note: More other banks means more funding need and a weaker tie to this bank (a main-bank 主办行 opportunity).
WITH
outstanding_loans AS (
  SELECT customer_id, bank, balance
  FROM loans
  WHERE balance > 0 AND coalesce(start <= $as_of, true) AND bank IS NOT NULL
),
lenders AS (
  SELECT customer_id,
         count(DISTINCT bank) FILTER (WHERE bank <> '本行') AS other_banks,
         coalesce(sum(balance) FILTER (WHERE bank <> '本行'), 0) AS other_balance,
         sum(balance) AS total_balance
  FROM outstanding_loans
  GROUP BY customer_id
)
SELECT c.customer_id,
       coalesce(l.other_banks, 0) AS other_banks,
       coalesce(l.other_balance, 0) AS other_balance,
       l.other_balance / nullif(l.total_balance, 0) AS other_share
FROM customers c
LEFT JOIN lenders l USING (customer_id)
ORDER BY c.customer_id
