-- Report `test_health` read from rollup_test_health (src/rollups/test_health.ts, the result of
-- test_health.sql for every test at the default "as of"): each row depends only on its own
-- test's runs, so filtering the rollup gives the rows test_health.sql gives for the filters.
-- $1 repo, $2 suite, $3 name contains, $4 state (all|failing|flaky|failed), $5 limit.
SELECT *
  FROM rollup_test_health
 WHERE ($1::VARCHAR IS NULL OR repo = $1::VARCHAR)
   AND ($2::VARCHAR IS NULL OR suite = $2::VARCHAR)
   AND ($3::VARCHAR IS NULL OR contains(lower(name), lower($3::VARCHAR)))
   AND ($4::VARCHAR = 'all'
        OR ($4::VARCHAR = 'failing' AND currently_failing)
        OR ($4::VARCHAR = 'flaky' AND flaky)
        OR ($4::VARCHAR = 'failed' AND failures_90d > 0))
 ORDER BY currently_failing DESC, flaky_commits_14d DESC, failures_30d DESC, repo, suite, class, name
 LIMIT $5
