-- ClickHouse version of test_health_rollup.sql (same parameters, columns and order).
SELECT *
  FROM rollup_test_health
 WHERE ($1 IS NULL OR repo = $1)
   AND ($2 IS NULL OR suite = $2)
   AND ($3 IS NULL OR position(lower(name), lower($3)) > 0)
   AND ($4 = 'all'
        OR ($4 = 'failing' AND currently_failing)
        OR ($4 = 'flaky' AND flaky)
        OR ($4 = 'failed' AND failures_90d > 0))
 ORDER BY currently_failing DESC, flaky_commits_14d DESC, failures_30d DESC, repo, suite, class, name
 LIMIT $5
