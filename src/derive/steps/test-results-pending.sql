-- test-results-from-builds, the count: results whose repo or run_at their build can fill
-- (the rows test-results-fill.sql changes), and their builds, so the step knows what it
-- changed on any engine and how to slice it; $1 bounds the build keys (NULL: every build).
SELECT count(*) AS n, count(DISTINCT t.build_key) AS builds
  FROM test_results t
  JOIN ci_builds b ON t.build_key = b.build_key
 WHERE ((t.repo IS NULL AND b.repo IS NOT NULL) OR (t.run_at IS NULL AND coalesce(b.started_at, b.reported_at) IS NOT NULL))
   AND ($1 IS NULL OR t.build_key <= $1)
