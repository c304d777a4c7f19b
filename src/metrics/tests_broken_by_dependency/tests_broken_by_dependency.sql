-- Report `tests_broken_by_dependency`: the same test failing on several unrelated changes of a
-- repository on one UTC day — the sign that something outside those changes (core, a
-- dependency, the CI image) broke it. Unrelated = distinct topics, a change without a topic
-- being its own. Only pre-merge runs of changes count (not the main line).
-- $1 since, $2 until, $3 minimum unrelated changes, $4 repo, $5 limit.
SELECT repo, suite, class, name, date_trunc('day', run_at)::DATE AS day,
       count(DISTINCT coalesce('topic:' || topic, change_key)) AS unrelated_changes,
       list(DISTINCT change_key ORDER BY change_key) AS changes,
       count(*) AS failed_runs,
       min(run_at) AS first_failure_at,
       arg_min(message, run_at) AS first_message
  FROM test_runs
 WHERE failed AND change_key IS NOT NULL AND NOT mainline
   AND ($1::TIMESTAMP IS NULL OR run_at >= $1::TIMESTAMP)
   AND ($2::TIMESTAMP IS NULL OR run_at < $2::TIMESTAMP)
   AND ($4::VARCHAR IS NULL OR repo = $4::VARCHAR)
 GROUP BY ALL
HAVING count(DISTINCT coalesce('topic:' || topic, change_key)) >= $3
 ORDER BY day DESC, unrelated_changes DESC, repo, suite, class, name
 LIMIT $5
