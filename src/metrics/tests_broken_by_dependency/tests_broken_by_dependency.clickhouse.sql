-- ClickHouse version of tests_broken_by_dependency.sql (same parameters, columns and order).
SELECT repo, suite, class, name, toDate(run_at) AS day,
       count(DISTINCT coalesce(concat('topic:', topic), change_key)) AS unrelated_changes,
       arraySort(groupUniqArray(assumeNotNull(change_key))) AS changes,
       count(*) AS failed_runs,
       min(run_at) AS first_failure_at,
       argMin(message, run_at) AS first_message
  FROM test_runs
 WHERE failed AND change_key IS NOT NULL AND NOT mainline
   AND ($1 IS NULL OR run_at >= $1)
   AND ($2 IS NULL OR run_at < $2)
   AND ($4 IS NULL OR repo = $4)
 GROUP BY ALL
HAVING count(DISTINCT coalesce(concat('topic:', topic), change_key)) >= $3
 ORDER BY day DESC, unrelated_changes DESC, repo, suite, class, name
 LIMIT $5
