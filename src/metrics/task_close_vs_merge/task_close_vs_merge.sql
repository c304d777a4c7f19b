-- Merges vs task closing: for each task with a merged linked change, the lag in hours from
-- the first merge to the task's close (negative: closed before anything merged). A change
-- is linked by a links row (GerritBot, commit footers, any rule between task: and change:)
-- or by changes.bug_tasks. The first merge is the earliest of changes.merged_at and a
-- GerritBot "Change N **merged** by" comment, so it works before Gerrit is synced.
-- $1/$2: window on the first merge. One row per project, then "(all)" (each task once).
WITH linked AS (
  SELECT src_key AS task_key, dst_key AS change_key FROM links WHERE starts_with(src_key, 'task:') AND starts_with(dst_key, 'change:')
  UNION
  SELECT dst_key, src_key FROM links WHERE starts_with(dst_key, 'task:') AND starts_with(src_key, 'change:')
  UNION
  SELECT 'task:' || unnest(bug_tasks), change_key FROM changes
), merges AS (
  SELECT l.task_key, c.merged_at FROM linked l JOIN changes c USING (change_key) WHERE c.merged_at IS NOT NULL
  UNION ALL
  SELECT task_key, occurred_at FROM task_events
   WHERE comment IS NOT NULL AND regexp_matches(comment, '^Change \d+ \*\*merged\*\* by ')
), firsts AS (
  SELECT task_key, min(merged_at) AS first_merge_at FROM merges GROUP BY task_key
), per_task AS (
  SELECT t.task_id, t.projects, t.status_class, t.closed_at, f.first_merge_at,
         CASE WHEN t.status_class = 'closed' THEN date_diff('second', f.first_merge_at, t.closed_at) / 3600.0 END AS lag_hours
    FROM tasks t JOIN firsts f USING (task_key)
   WHERE NOT t.restricted
     AND ($1::TIMESTAMP IS NULL OR f.first_merge_at >= $1::TIMESTAMP)
     AND ($2::TIMESTAMP IS NULL OR f.first_merge_at < $2::TIMESTAMP)
), buckets AS (
  SELECT p AS project, * FROM per_task, unnest(CASE WHEN len(coalesce(projects, [])) > 0 THEN projects ELSE ['(no project)'] END) AS u(p)
  UNION ALL
  SELECT '(all)', *, NULL FROM per_task
)
SELECT project,
       count(*)::INTEGER AS tasks,
       (count(*) FILTER (WHERE lag_hours >= 0))::INTEGER AS closed_after_merge,
       (count(*) FILTER (WHERE lag_hours < 0))::INTEGER AS closed_before_merge,
       (count(*) FILTER (WHERE status_class = 'open'))::INTEGER AS open_after_merge,
       round(median(lag_hours), 2) AS median_lag_hours,
       round(quantile_cont(lag_hours, 0.8), 2) AS p80_lag_hours
  FROM buckets
 GROUP BY project
 ORDER BY project = '(all)', project
