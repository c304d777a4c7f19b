-- ClickHouse version of ci_usage.sql (same parameters, placeholders, columns and order).
WITH r AS (
  SELECT *, toDate(started_at) AS day, coalesce(change_key, '') AS change
    FROM ci_runs
   WHERE ($1 IS NULL OR started_at >= $1)
     AND ($2 IS NULL OR started_at < $2)
     AND ($3 IS NULL OR repo = $3)
),
sets AS (
  SELECT r.repo AS repo, r.pipeline AS pipeline, r.change AS change, r.patchset AS patchset, min(r.day) AS day,
         dateDiff('millisecond', min(r.started_at), max(r.started_at + toIntervalSecond(toInt64(round(coalesce(r.duration_s, 0)))))) / 1000 AS wall_s
    FROM r
   WHERE r.started_at IS NOT NULL
   GROUP BY r.repo, r.pipeline, r.change, r.patchset, coalesce(r.report_key, concat('build ', r.build_key))
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
