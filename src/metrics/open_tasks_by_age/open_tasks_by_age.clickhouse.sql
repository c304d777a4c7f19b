-- ClickHouse version of open_tasks_by_age.sql (same parameters, columns and order).
WITH open_tasks AS (
  SELECT projects, priority_value, priority_name, dateDiff('second', created_at, $1) / 86400.0 AS age
    FROM tasks
   WHERE NOT restricted AND status_class = 'open' AND created_at <= $1
)
SELECT p AS project, priority_value, any(priority_name) AS priority_name,
       toInt32(count(*)) AS tasks,
       toInt32(countIf(age < 7)) AS age_0_7d,
       toInt32(countIf(age >= 7 AND age < 30)) AS age_7_30d,
       toInt32(countIf(age >= 30 AND age < 90)) AS age_30_90d,
       toInt32(countIf(age >= 90 AND age < 365)) AS age_90_365d,
       toInt32(countIf(age >= 365)) AS age_over_1y,
       round(quantileExactInclusive(0.5)(age), 1) AS median_age_days
  FROM open_tasks ARRAY JOIN if(length(projects) > 0, projects, ['(no project)']) AS p
 WHERE $2 IS NULL OR p = $2
 GROUP BY p, priority_value
 ORDER BY project, priority_value DESC NULLS LAST
