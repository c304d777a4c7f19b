-- ClickHouse version of steward-builds.sql (same parameters and columns).
SELECT job, argMax(url, started_at) AS url, max(started_at) AS last_at
  FROM ci_builds
 WHERE repo = $1
 GROUP BY job
 ORDER BY last_at DESC, job
