-- test-results-from-builds on ClickHouse: test_results is a MergeTree without in-place
-- UPDATE … FROM, so the rows that change are written again filled in, then the unfilled
-- ones deleted (the filled rows no longer match the condition). Same rows as test-results-fill.sql;
-- $1 bounds the build keys of one slice (NULL: every build). Kill-safe: a process killed
-- between the two statements leaves both copies of a result; the step is still stale then
-- (its state is written at commit), and the run that resumes writes no second filled copy of
-- a result that has two rows already, and deletes the unfilled one.
INSERT INTO test_results
SELECT t.* REPLACE (coalesce(t.repo, b.repo) AS repo, coalesce(t.run_at, b.started_at, b.reported_at) AS run_at)
  FROM test_results t
  JOIN ci_builds b ON t.build_key = b.build_key
 WHERE ((t.repo IS NULL AND b.repo IS NOT NULL) OR (t.run_at IS NULL AND coalesce(b.started_at, b.reported_at) IS NOT NULL))
   AND ($1 IS NULL OR t.build_key <= $1)
   AND t.result_key NOT IN (SELECT result_key FROM test_results
                             WHERE build_key IN (SELECT DISTINCT build_key FROM test_results WHERE (repo IS NULL OR run_at IS NULL) AND ($1 IS NULL OR build_key <= $1))
                             GROUP BY result_key HAVING count() > 1);
DELETE FROM test_results
 WHERE ((repo IS NULL AND build_key IN (SELECT build_key FROM ci_builds WHERE repo IS NOT NULL))
    OR (run_at IS NULL AND build_key IN (SELECT build_key FROM ci_builds WHERE coalesce(started_at, reported_at) IS NOT NULL)))
   AND ($1 IS NULL OR build_key <= $1)
