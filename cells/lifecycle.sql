-- name: ind_lifecycle
-- title: 企业生命周期 | Lifecycle
-- needs: customers, loans, ind_funding_need
-- inputs: as_of (date)
-- key: customer_id
-- column: firm_age_years | years | none | 成立年限 = days from founded (成立日期) to $as_of ÷ 365.25; NULL when founded is unknown or after $as_of
-- column: months_since_first_loan | months | none | whole months from the earliest loan start (any bank) to $as_of; NULL without loans
-- column: months_since_last_loan | months | none | whole months from the latest loan start (any bank) to $as_of; NULL without loans
-- column: loans_per_year | loans/year | none | loans started on or before $as_of ÷ years since the first of them (at least 1 year,
--     so a first loan last month is not read as 12 a year); 0 without loans
-- column: stage | label | none | 生命周期阶段, the first rule that holds: firm age < 3 years → 新设立; this bank's balance growth over
--     12 months (ind_funding_need.balance_growth_12m) ≥ +20% → 扩张期; ≤ −20% → 转型期; otherwise → 成熟期
--     (also when the growth is unknown); NULL when the firm age is unknown
-- note: Only loans started on or before $as_of count, settled ones included: the history of borrowing is what matters here.
-- note: Whole months as DuckDB's date_sub('month', …) counts them: a month is complete on the same day of the month, or on
--     the last day of a shorter month (31 Jan → 28 Feb is one month).
-- note: The stage reads balance_growth_12m from ind_funding_need so that the label and that indicator can never disagree.
--     转型期 is a proxy: a firm cutting its borrowing by a fifth within a year is changing its business or shrinking it.
WITH
loan_history AS (
  SELECT customer_id,
         min(start) AS first_loan,
         max(start) AS last_loan,
         count(*) AS loans
  FROM loans
  WHERE start <= $as_of
  GROUP BY customer_id
),
firm AS (
  SELECT c.customer_id,
         CASE WHEN c.founded <= $as_of THEN ($as_of - c.founded) / 365.25 END AS firm_age_years
  FROM customers c
)
SELECT f.customer_id,
       f.firm_age_years,
       date_sub('month', h.first_loan, $as_of) AS months_since_first_loan,
       date_sub('month', h.last_loan, $as_of) AS months_since_last_loan,
       coalesce(h.loans / greatest(($as_of - h.first_loan) / 365.25, 1), 0) AS loans_per_year,
       CASE
         WHEN f.firm_age_years IS NULL THEN NULL
         WHEN f.firm_age_years < 3 THEN '新设立'
         WHEN n.balance_growth_12m >= 0.2 THEN '扩张期'
         WHEN n.balance_growth_12m <= -0.2 THEN '转型期'
         ELSE '成熟期'
       END AS stage
FROM firm f
LEFT JOIN loan_history h USING (customer_id)
LEFT JOIN ind_funding_need n USING (customer_id)
ORDER BY f.customer_id
