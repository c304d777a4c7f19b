-- Report `tests_broken_by_change`: every time a test went from passing to failing and then
-- failed on at least $4 unrelated changes (distinct topics; a change without a topic, or the
-- main line, counts alone) before it passed again. Runs of a test are numbered into streaks
-- by the passes before them: a streak is one passing run and the failures after it.
-- $1 since, $2 until (first failure), $3 repo, $4 minimum unrelated changes.
WITH r AS (
  SELECT repo, coalesce(suite, '') AS suite, coalesce(class, '') AS class, name, run_at, failed, build_key, message,
         coalesce('topic:' || topic, change_key, 'main line') AS unit,
         sum(CASE WHEN failed THEN 0 ELSE 1 END) OVER (
           PARTITION BY repo, coalesce(suite, ''), coalesce(class, ''), name
           ORDER BY run_at, build_key ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS streak
    FROM test_runs
   WHERE status IN ('pass', 'fail', 'error') AND repo IS NOT NULL AND run_at IS NOT NULL
     AND ($3 IS NULL OR repo = $3)
), g AS (
  SELECT repo, suite, class, name, streak,
         min(CASE WHEN NOT failed THEN run_at END) AS last_pass_at,
         min(CASE WHEN failed THEN run_at END) AS first_fail_at,
         max(CASE WHEN failed THEN run_at END) AS last_fail_at,
         count(CASE WHEN failed THEN 1 END) AS failed_runs,
         count(DISTINCT CASE WHEN failed THEN unit END) AS unrelated_changes
    FROM r
   WHERE streak > 0
   GROUP BY repo, suite, class, name, streak
)
SELECT g.repo AS repo, g.suite AS suite, g.class AS class, g.name AS name, g.streak AS streak,
       g.last_pass_at AS last_pass_at, p.build_key AS last_pass_build,
       g.first_fail_at AS first_fail_at, f.build_key AS first_fail_build, f.message AS first_message,
       g.last_fail_at AS last_fail_at, g.failed_runs AS failed_runs, g.unrelated_changes AS unrelated_changes
  FROM g
  JOIN r f ON f.repo = g.repo AND f.suite = g.suite AND f.class = g.class AND f.name = g.name
          AND f.streak = g.streak AND f.failed AND f.run_at = g.first_fail_at
  JOIN r p ON p.repo = g.repo AND p.suite = g.suite AND p.class = g.class AND p.name = g.name
          AND p.streak = g.streak AND NOT p.failed
 WHERE g.failed_runs > 0 AND g.unrelated_changes >= $4
   AND ($1 IS NULL OR g.first_fail_at >= $1)
   AND ($2 IS NULL OR g.first_fail_at < $2)
 ORDER BY g.first_fail_at DESC, g.repo, g.suite, g.class, g.name, f.build_key
