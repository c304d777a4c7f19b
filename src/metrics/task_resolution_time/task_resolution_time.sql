-- Time to resolution of bugs, in days: created_at → the final close (tasks.closed_at, else
-- the last status event into a closed status), for tasks resolved as "resolved". A bug is
-- subtype bug/error or a task in one of the projects of $1 (comma-separated). One row per task, so a task
-- closed, reopened and closed again counts once (with its final close). Restricted tasks
-- have no dates and drop out. $2/$3: closed_at window. Buckets: each project (a task in
-- two projects counts in both) and the calendar quarter of the close.
WITH closes AS (
  SELECT task_key, max(occurred_at) AS last_close
    FROM task_events
   WHERE kind = 'status' AND new_value IN ('resolved', 'declined', 'invalid', 'duplicate', 'wontfix', 'spite')
   GROUP BY task_key
), bugs AS (
  SELECT t.task_id, t.projects, coalesce(t.closed_at, c.last_close) AS closed_at,
         date_diff('second', t.created_at, coalesce(t.closed_at, c.last_close)) / 86400.0 AS days
    FROM tasks t LEFT JOIN closes c USING (task_key)
   WHERE NOT t.restricted AND t.status = 'resolved' AND t.created_at IS NOT NULL
     AND (t.subtype IN ('bug', 'error') OR list_has_any(coalesce(t.projects, []), list_filter(string_split($1::VARCHAR, ','), x -> x <> '')))
)
SELECT dimension, bucket, count(*)::INTEGER AS tasks,
       round(median(days), 2) AS median_days, round(quantile_cont(days, 0.8), 2) AS p80_days
  FROM (
    SELECT 'project' AS dimension, p AS bucket, days, closed_at
      FROM bugs, unnest(CASE WHEN len(coalesce(projects, [])) > 0 THEN projects ELSE ['(no project)'] END) AS u(p)
    UNION ALL
    SELECT 'quarter', strftime(closed_at, '%Y') || '-Q' || quarter(closed_at), days, closed_at FROM bugs
  ) x
 WHERE closed_at IS NOT NULL
   AND ($2::TIMESTAMP IS NULL OR closed_at >= $2::TIMESTAMP)
   AND ($3::TIMESTAMP IS NULL OR closed_at < $3::TIMESTAMP)
 GROUP BY dimension, bucket
 ORDER BY dimension, bucket
