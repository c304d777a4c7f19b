-- ClickHouse version of tests_broken_by_dependency_rollup.sql (same parameters, columns, order).
SELECT *
  FROM rollup_tests_broken_daily
 WHERE ($1 IS NULL OR day >= $1)
   AND ($2 IS NULL OR day < $2)
   AND unrelated_changes >= $3
   AND ($4 IS NULL OR repo = $4)
 ORDER BY day DESC, unrelated_changes DESC, repo, suite, class, name
 LIMIT $5
