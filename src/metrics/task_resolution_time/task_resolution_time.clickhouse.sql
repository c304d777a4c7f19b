-- ClickHouse version of task_resolution_time.sql (same parameters, columns and order).
WITH closes AS (
  SELECT task_key, max(occurred_at) AS last_close
    FROM task_events
   WHERE kind = 'status' AND new_value IN ('resolved', 'declined', 'invalid', 'duplicate', 'wontfix', 'spite')
   GROUP BY task_key
), bugs AS (
  SELECT t.task_id AS task_id, t.projects AS projects, coalesce(t.closed_at, c.last_close) AS closed_at,
         dateDiff('second', t.created_at, coalesce(t.closed_at, c.last_close)) / 86400.0 AS days
    FROM tasks t LEFT JOIN closes c ON c.task_key = t.task_key
   WHERE NOT t.restricted AND t.status = 'resolved' AND t.created_at IS NOT NULL
     AND (t.subtype IN ('bug', 'error') OR hasAny(t.projects, arrayFilter(x -> x != '', splitByChar(',', $1))))
)
SELECT dimension, bucket, toInt32(count(*)) AS tasks,
       round(quantileExactInclusive(0.5)(days), 2) AS median_days, round(quantileExactInclusive(0.8)(days), 2) AS p80_days
  FROM (
    SELECT 'project' AS dimension, p AS bucket, days, closed_at
      FROM bugs ARRAY JOIN if(length(projects) > 0, projects, ['(no project)']) AS p
    UNION ALL
    SELECT 'quarter', concat(formatDateTime(closed_at, '%Y'), '-Q', toString(toQuarter(closed_at))), days, closed_at FROM bugs
  ) x
 WHERE closed_at IS NOT NULL
   AND ($2 IS NULL OR closed_at >= $2)
   AND ($3 IS NULL OR closed_at < $3)
 GROUP BY dimension, bucket
 ORDER BY dimension, bucket
