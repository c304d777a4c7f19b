-- test-results-from-builds: test_results.repo and run_at from the build a result belongs
-- to, where the result did not say. An UPDATE of the rows that change, in place; $1 bounds
-- the build keys of one slice (NULL: every build).
UPDATE test_results t
   SET repo = coalesce(t.repo, b.repo), run_at = coalesce(t.run_at, b.started_at, b.reported_at)
  FROM ci_builds b
 WHERE t.build_key = b.build_key
   AND ((t.repo IS NULL AND b.repo IS NOT NULL) OR (t.run_at IS NULL AND coalesce(b.started_at, b.reported_at) IS NOT NULL))
   AND ($1 IS NULL OR t.build_key <= $1)
