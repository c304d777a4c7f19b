-- Report `tests_broken_by_dependency` read from rollup_tests_broken_daily (the report's rows for
-- all time, every repository, at least 2 unrelated changes): with since/until on UTC midnights
-- a day is wholly in or out, so filtering the rollup gives the report's rows.
-- $1 since, $2 until, $3 minimum unrelated changes, $4 repo, $5 limit.
SELECT *
  FROM rollup_tests_broken_daily
 WHERE ($1::TIMESTAMP IS NULL OR day >= $1::TIMESTAMP)
   AND ($2::TIMESTAMP IS NULL OR day < $2::TIMESTAMP)
   AND unrelated_changes >= $3
   AND ($4::VARCHAR IS NULL OR repo = $4::VARCHAR)
 ORDER BY day DESC, unrelated_changes DESC, repo, suite, class, name
 LIMIT $5
