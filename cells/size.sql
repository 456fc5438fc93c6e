-- name: ind_size
-- title: 企业规模 | Size
-- needs: customers
-- inputs: as_of (date)
-- key: customer_id
-- column: revenue | 元 | benefit | 营业收入 as the extract gives it; NULL when unknown
-- column: assets | 元 | benefit | 资产总额 as the extract gives it; NULL when unknown
-- column: employees | persons | benefit | 从业人员 as the extract gives it; NULL when unknown
-- column: size_label | label | none | 企业规模 (大型/中型/小型/微型) as the extract gives it; NULL when unknown
-- note: Raw values: the scoring model applies log1p, since amounts are heavily skewed.
-- note: The figures are the latest the extract carries; $as_of is declared so every indicator cell takes the same input,
--     but the customer table has no history to look back into.
SELECT customer_id,
       revenue,
       assets,
       employees,
       size AS size_label
FROM customers
ORDER BY customer_id
