-- ClickHouse version of ci_usage.v1.sql (ci_usage@1; same parameters, placeholders, columns and order).
WITH r AS (
  SELECT *, toDate(started_at) AS day, coalesce(change_key, '') AS change
    FROM ci_runs
   WHERE ($1 IS NULL OR started_at >= $1)
     AND ($2 IS NULL OR started_at < $2)
     AND ($3 IS NULL OR repo = $3)
),
sets AS (
  SELECT repo, pipeline, change_key AS change, patchset, min(day) AS day,
         dateDiff('millisecond', min(started_at), max(started_at + toIntervalSecond(toInt64(round(coalesce(duration_s, 0)))))) / 1000 AS wall_s
    FROM r WHERE change_key IS NOT NULL AND started_at IS NOT NULL
   GROUP BY repo, pipeline, change_key, patchset
),
b AS (
  SELECT {{group}}, count(*) AS builds, count(DISTINCT change_key) AS changes,
         round(sum(duration_s) / 3600, 2) AS agent_h,
         round(countIf(result IN ('failure', 'unstable')) / count(*), 4) AS failure_rate,
         round(quantileExactInclusive(0.5)(duration_s) / 60, 2) AS median_duration_min
    FROM r GROUP BY ALL
),
w AS ({{wall}})
SELECT b.*, round(b.builds / nullIf(b.changes, 0), 2) AS builds_per_change, w.wall_h
  FROM b LEFT JOIN w USING ({{group}})
 ORDER BY {{order}}
 LIMIT $4
