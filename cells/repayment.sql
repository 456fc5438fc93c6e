-- name: ind_repayment
-- title: 还款表现 | Repayment
-- needs: customers, loans, repayments
-- inputs: as_of (date)
-- key: customer_id
-- column: max_overdue_days | days | cost | 最长逾期天数: the most days any installment of the window was overdue at $as_of;
--     0 when none was overdue or none fell due
-- column: mean_overdue_days | days | cost | mean days overdue at $as_of over the installments of the window (on-time ones count 0);
--     NULL when none fell due
-- column: late_installments | count | cost | 逾期期数: installments of the window overdue at $as_of (days overdue > 0); 0 when none
-- column: installments_due | count | none | installments of the window; 0 when none fell due
-- column: on_time_ratio | ratio | benefit | 按时还款率 = (installments_due − late_installments) / installments_due; NULL when none fell due
-- column: bad_class | flag | cost | 1 when any loan (this bank or another) started on or before $as_of is classed 次级, 可疑 or 损失
--     (worse than 关注), else 0
-- note: The window is the 12 months to $as_of: installments with due_date in ($as_of − 12 months, $as_of], of every loan
--     that has repayment rows (extracts usually carry this bank's schedules only).
-- note: Days overdue at $as_of: an installment paid on or before $as_of keeps the extract's overdue_days (when missing,
--     paid_date − due_date, at least 0); one not yet paid at $as_of counts the days from due_date to $as_of, capped by the
--     extract's overdue_days (so a run at an earlier $as_of never sees days that had not yet passed).
-- note: A missing paid_date is read as "not paid". loans.class is the classification at the extract date; a settled loan
--     (balance 0) still counts, since a written-off loss is exactly what bad_class must show.
WITH
window_installments AS (
  SELECT l.customer_id,
         CASE
           WHEN r.paid_date <= $as_of THEN coalesce(r.overdue_days, greatest(0, r.paid_date - r.due_date))
           ELSE least(coalesce(r.overdue_days, $as_of - r.due_date), $as_of - r.due_date)
         END AS overdue_days_at_as_of
  FROM repayments r
  JOIN loans l USING (loan_id)
  WHERE r.due_date > $as_of - INTERVAL 12 MONTH AND r.due_date <= $as_of
),
repayment_record AS (
  SELECT customer_id,
         max(overdue_days_at_as_of) AS max_overdue_days,
         avg(overdue_days_at_as_of) AS mean_overdue_days,
         count(*) FILTER (WHERE overdue_days_at_as_of > 0) AS late_installments,
         count(*) AS installments_due
  FROM window_installments
  GROUP BY customer_id
),
bad_classification AS (
  SELECT DISTINCT customer_id
  FROM loans
  WHERE class IN ('次级', '可疑', '损失') AND coalesce(start <= $as_of, true)
)
SELECT c.customer_id,
       coalesce(r.max_overdue_days, 0) AS max_overdue_days,
       r.mean_overdue_days,
       coalesce(r.late_installments, 0) AS late_installments,
       coalesce(r.installments_due, 0) AS installments_due,
       (r.installments_due - r.late_installments) / r.installments_due AS on_time_ratio,
       CASE WHEN b.customer_id IS NULL THEN 0 ELSE 1 END AS bad_class
FROM customers c
LEFT JOIN repayment_record r USING (customer_id)
LEFT JOIN bad_classification b USING (customer_id)
ORDER BY c.customer_id
