-- ClickHouse version of time_to_restore.sql (same parameters, columns and order).
SELECT concat(formatDateTime(date_trunc('quarter', started_at), '%Y'), '-Q', toString(toQuarter(started_at))) AS quarter,
       countIf(ended_at IS NOT NULL AND ended_at >= started_at) AS incidents,
       round(quantileExactInclusiveIf(0.5)(dateDiff('millisecond', started_at, ended_at) / 60000, ended_at >= started_at), 1) AS median_minutes,
       round(avgIf(dateDiff('millisecond', started_at, ended_at) / 60000, ended_at >= started_at), 1) AS mean_minutes,
       round(maxIf(dateDiff('millisecond', started_at, ended_at) / 60000, ended_at >= started_at), 1) AS max_minutes,
       countIf(ended_at IS NULL) AS without_end
  FROM incidents
 WHERE started_at IS NOT NULL
   AND ($1 IS NULL OR started_at >= $1)
   AND ($2 IS NULL OR started_at < $2)
 GROUP BY quarter
 ORDER BY quarter
