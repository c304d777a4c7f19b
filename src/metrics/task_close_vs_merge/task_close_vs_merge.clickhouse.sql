-- ClickHouse version of task_close_vs_merge.sql (same parameters, columns and order).
WITH linked AS (
  SELECT src_key AS task_key, dst_key AS change_key FROM links WHERE startsWith(src_key, 'task:') AND startsWith(dst_key, 'change:')
  UNION DISTINCT
  SELECT dst_key, src_key FROM links WHERE startsWith(dst_key, 'task:') AND startsWith(src_key, 'change:')
  UNION DISTINCT
  SELECT concat('task:', arrayJoin(bug_tasks)), change_key FROM changes
), merges AS (
  SELECT l.task_key AS task_key, c.merged_at AS merged_at FROM linked l JOIN changes c ON c.change_key = l.change_key WHERE c.merged_at IS NOT NULL
  UNION ALL
  SELECT task_key, occurred_at FROM task_events
   WHERE comment IS NOT NULL AND match(comment, '^Change \\d+ \\*\\*merged\\*\\* by ')
), firsts AS (
  SELECT task_key, min(merged_at) AS first_merge_at FROM merges GROUP BY task_key
), per_task AS (
  SELECT t.task_id AS task_id, t.projects AS projects, t.status_class AS status_class, t.closed_at AS closed_at, f.first_merge_at AS first_merge_at,
         if(t.status_class = 'closed', dateDiff('second', f.first_merge_at, t.closed_at) / 3600.0, NULL) AS lag_hours
    FROM tasks t JOIN firsts f ON f.task_key = t.task_key
   WHERE NOT t.restricted
     AND ($1 IS NULL OR f.first_merge_at >= $1)
     AND ($2 IS NULL OR f.first_merge_at < $2)
), buckets AS (
  SELECT p AS project, lag_hours, status_class FROM per_task ARRAY JOIN if(length(projects) > 0, projects, ['(no project)']) AS p
  UNION ALL
  SELECT '(all)', lag_hours, status_class FROM per_task
)
SELECT project,
       toInt32(count(*)) AS tasks,
       toInt32(countIf(lag_hours >= 0)) AS closed_after_merge,
       toInt32(countIf(lag_hours < 0)) AS closed_before_merge,
       toInt32(countIf(status_class = 'open')) AS open_after_merge,
       round(quantileExactInclusive(0.5)(lag_hours), 2) AS median_lag_hours,
       round(quantileExactInclusive(0.8)(lag_hours), 2) AS p80_lag_hours
  FROM buckets
 GROUP BY project
 ORDER BY project = '(all)', project
