-- test-results-from-builds, a slice: the largest build key among the first $1 builds (in key
-- order) with results to fill, so one transaction fills the results of those builds only.
SELECT max(build_key) AS upto FROM (
  SELECT DISTINCT t.build_key
    FROM test_results t
    JOIN ci_builds b ON t.build_key = b.build_key
   WHERE (t.repo IS NULL AND b.repo IS NOT NULL) OR (t.run_at IS NULL AND coalesce(b.started_at, b.reported_at) IS NOT NULL)
   ORDER BY t.build_key
   LIMIT $1
) AS first_builds
