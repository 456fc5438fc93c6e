-- name: indicator_matrix
-- title: 指标矩阵 | Indicator matrix
-- needs: customers
-- key: customer_id
-- column: name | text | none | 客户名称
-- column: industry | text | none | 行业类型
-- column: region | text | none | 地区
-- column: city | text | none | 城市
-- column: manager | text | none | 客户经理
-- column: branch | text | none | 机构号
-- column: size | text | none | 企业规模 as the extract gives it
-- note: One row per customer: the descriptive columns of customers, then each chosen indicator cell's columns, joined
--     LEFT on customer_id so a customer missing from an indicator cell keeps its row (with NULLs).
-- note: Template: the palette writes one LEFT JOIN line per chosen indicator cell in place of the marker line below,
--     and lists those cells under needs and their columns above.
SELECT *
FROM (SELECT customer_id, name, industry, region, city, manager, branch, size FROM customers) AS customer
-- {indicator joins}
ORDER BY customer_id
