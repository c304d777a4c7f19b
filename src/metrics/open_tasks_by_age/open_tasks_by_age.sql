-- Open tasks (status_class open: open, stalled…) per project and priority, counted by age
-- at $1 (created_at → $1, in days). $2: one project only (NULL: all). A task in two
-- projects counts in both; restricted tasks have no project or status and drop out.
-- tasks holds each task's current status, so $1 in the past ages today's open tasks.
WITH open_tasks AS (
  SELECT projects, priority_value, priority_name, date_diff('second', created_at, $1::TIMESTAMP) / 86400.0 AS age
    FROM tasks
   WHERE NOT restricted AND status_class = 'open' AND created_at <= $1::TIMESTAMP
)
SELECT p AS project, priority_value, any_value(priority_name) AS priority_name,
       count(*)::INTEGER AS tasks,
       (count(*) FILTER (WHERE age < 7))::INTEGER AS age_0_7d,
       (count(*) FILTER (WHERE age >= 7 AND age < 30))::INTEGER AS age_7_30d,
       (count(*) FILTER (WHERE age >= 30 AND age < 90))::INTEGER AS age_30_90d,
       (count(*) FILTER (WHERE age >= 90 AND age < 365))::INTEGER AS age_90_365d,
       (count(*) FILTER (WHERE age >= 365))::INTEGER AS age_over_1y,
       round(median(age), 1) AS median_age_days
  FROM open_tasks, unnest(CASE WHEN len(coalesce(projects, [])) > 0 THEN projects ELSE ['(no project)'] END) AS u(p)
 WHERE $2::VARCHAR IS NULL OR p = $2::VARCHAR
 GROUP BY p, priority_value
 ORDER BY project, priority_value DESC NULLS LAST
