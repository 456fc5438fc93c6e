-- name: ind_product
-- title: 贷款产品偏好 | Product preference
-- needs: customers, loans
-- inputs: as_of (date)
-- key: customer_id
-- column: products | count | benefit | distinct 贷款品种 among the outstanding loans (all banks); 0 when none
-- column: share_working_capital | ratio | none | 流动资金贷款 share of the outstanding balance; NULL when the customer owes nothing
-- column: share_operating | ratio | none | 经营性贷款 share of the outstanding balance; NULL when nothing is owed
-- column: share_term | ratio | none | 中长期贷款 share of the outstanding balance; NULL when nothing is owed
-- column: share_bills | ratio | none | 票据 share of the outstanding balance; NULL when nothing is owed
-- column: share_supply_chain | ratio | none | 供应链金融 share of the outstanding balance; NULL when nothing is owed
-- column: share_other | ratio | none | share of any other or missing product label, so the six shares add up to 1;
--     NULL when nothing is owed
-- note: A loan is outstanding when it started on or before $as_of and has a balance > 0 (balances as at the extract date).
-- note: Product labels are matched exactly as the extract writes them (流动资金贷款, 经营性贷款, 中长期贷款, 票据, 供应链金融);
--     a bank with other labels should map them here, or read share_other.
WITH
outstanding_loans AS (
  SELECT customer_id, product, balance
  FROM loans
  WHERE balance > 0 AND coalesce(start <= $as_of, true)
),
product_mix AS (
  SELECT customer_id,
         count(DISTINCT product) AS products,
         sum(balance) AS balance,
         coalesce(sum(balance) FILTER (WHERE product = '流动资金贷款'), 0) AS working_capital,
         coalesce(sum(balance) FILTER (WHERE product = '经营性贷款'), 0) AS operating,
         coalesce(sum(balance) FILTER (WHERE product = '中长期贷款'), 0) AS term,
         coalesce(sum(balance) FILTER (WHERE product = '票据'), 0) AS bills,
         coalesce(sum(balance) FILTER (WHERE product = '供应链金融'), 0) AS supply_chain,
         coalesce(sum(balance) FILTER (WHERE product IS NULL
                                         OR product NOT IN ('流动资金贷款', '经营性贷款', '中长期贷款', '票据', '供应链金融')), 0) AS other
  FROM outstanding_loans
  GROUP BY customer_id
)
SELECT c.customer_id,
       coalesce(p.products, 0) AS products,
       p.working_capital / p.balance AS share_working_capital,
       p.operating / p.balance AS share_operating,
       p.term / p.balance AS share_term,
       p.bills / p.balance AS share_bills,
       p.supply_chain / p.balance AS share_supply_chain,
       p.other / p.balance AS share_other
FROM customers c
LEFT JOIN product_mix p USING (customer_id)
ORDER BY c.customer_id
