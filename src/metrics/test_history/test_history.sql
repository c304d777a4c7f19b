-- Report `test_history`: the runs of one test (or of the tests matching the filters), newest
-- first, with the build, change and pipeline of each run. $1 repo, $2 suite, $3 class,
-- $4 name (exact), $5 since, $6 until, $7 limit.
-- The page of results is picked from test_results alone, then joined to its builds: the
-- same rows as test_runs gives, since derive fills test_results.repo and run_at from the
-- build wherever test_runs would take them from it, without scanning the view.
WITH t AS (
  SELECT *
    FROM test_results
   WHERE name = $4::VARCHAR
     AND ($1::VARCHAR IS NULL OR repo = $1::VARCHAR)
     AND ($2::VARCHAR IS NULL OR suite = $2::VARCHAR)
     AND ($3::VARCHAR IS NULL OR class = $3::VARCHAR)
     AND ($5::TIMESTAMP IS NULL OR run_at >= $5::TIMESTAMP)
     AND ($6::TIMESTAMP IS NULL OR run_at < $6::TIMESTAMP)
   ORDER BY run_at DESC, result_key
   LIMIT $7
)
SELECT t.run_at, t.status, t.repo, t.suite, t.class, t.name, t.duration_ms, t.message, t.build_key,
       b.job, b.pipeline, b.change_key, b.patchset, mainline_run(b.pipeline, b.change_key, c.branch) AS mainline
  FROM t
  LEFT JOIN ci_builds b ON b.build_key = t.build_key
  LEFT JOIN changes c ON c.change_key = b.change_key
 ORDER BY t.run_at DESC, t.result_key
