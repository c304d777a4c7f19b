-- ClickHouse version of steward-builds.sql (same parameters and columns).
SELECT job, argMax(url, started_at) AS url FROM ci_builds
 WHERE repo = $1 AND has(CAST($2 AS Array(String)), job)
 GROUP BY job
