-- Report `test_history`: the runs of one test (or of the tests matching the filters), newest
-- first, with the build, change and pipeline of each run. $1 repo, $2 suite, $3 class,
-- $4 name (exact), $5 since, $6 until, $7 limit.
SELECT run_at, status, repo, suite, class, name, duration_ms, message, build_key, job, pipeline, change_key, patchset, mainline
  FROM test_runs
 WHERE ($1::VARCHAR IS NULL OR repo = $1::VARCHAR)
   AND ($2::VARCHAR IS NULL OR suite = $2::VARCHAR)
   AND ($3::VARCHAR IS NULL OR class = $3::VARCHAR)
   AND name = $4::VARCHAR
   AND ($5::TIMESTAMP IS NULL OR run_at >= $5::TIMESTAMP)
   AND ($6::TIMESTAMP IS NULL OR run_at < $6::TIMESTAMP)
 ORDER BY run_at DESC, result_key
 LIMIT $7
