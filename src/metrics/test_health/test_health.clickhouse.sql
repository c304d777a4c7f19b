-- ClickHouse version of test_health.sql (same parameters, columns and order; see there).
-- As in DuckDB, a test whose repo, suite or class is NULL does not match itself in the
-- state filters' (repo, suite, class, name) lists, so those tests drop out of them too.
WITH base AS (
  SELECT repo, suite, class, name, result_key, run_at, failed, mainline, coalesce(sha, concat(change_key, '/', toString(patchset))) AS commit_id
    FROM test_runs
   WHERE status != 'skip' AND run_at < $1
     AND ($2 IS NULL OR repo = $2)
     AND ($3 IS NULL OR suite = $3)
     AND ($4 IS NULL OR position(lower(name), lower($4)) > 0)
     AND cityHash64(coalesce(class, ''), name) BETWEEN toUInt64($6) AND toUInt64($7)
),
flaky_now AS (
  SELECT DISTINCT repo, suite, class, name
    FROM base
   WHERE $5 = 'flaky' AND commit_id IS NOT NULL AND run_at >= $1 - INTERVAL 14 DAY
   GROUP BY repo, suite, class, name, commit_id HAVING max(failed) AND NOT min(failed)
),
failing_now AS (
  SELECT repo, suite, class, name
    FROM base
   WHERE $5 = 'failing' AND mainline
   GROUP BY ALL HAVING argMax(failed, (run_at, result_key))
),
runs AS (
  SELECT * FROM base
   WHERE $5 IN ('all', 'failed')
      OR (repo IS NOT NULL AND suite IS NOT NULL AND class IS NOT NULL
          AND (repo, suite, class, name) IN (SELECT repo, suite, class, name FROM flaky_now UNION ALL SELECT repo, suite, class, name FROM failing_now))
),
agg AS (
  SELECT repo, suite, class, name,
         countIf(run_at >= $1 - INTERVAL 7 DAY) AS runs_7d,
         countIf(failed AND run_at >= $1 - INTERVAL 7 DAY) AS failures_7d,
         countIf(run_at >= $1 - INTERVAL 30 DAY) AS runs_30d,
         countIf(failed AND run_at >= $1 - INTERVAL 30 DAY) AS failures_30d,
         countIf(run_at >= $1 - INTERVAL 90 DAY) AS runs_90d,
         countIf(failed AND run_at >= $1 - INTERVAL 90 DAY) AS failures_90d,
         count(*) AS runs, countIf(failed) AS failures,
         minIf(run_at, failed) AS first_failure_at,
         maxIf(run_at, failed) AS last_failure_at,
         max(run_at) AS last_seen_at
    FROM runs GROUP BY ALL
),
flaky AS (
  SELECT repo, suite, class, name, count(*) AS flaky_commits_14d, max(last_at) AS last_flaky_at
    FROM (SELECT repo, suite, class, name, commit_id, max(run_at) AS last_at
            FROM runs
           WHERE commit_id IS NOT NULL AND run_at >= $1 - INTERVAL 14 DAY
           GROUP BY ALL HAVING max(failed) AND NOT min(failed))
   GROUP BY ALL
),
flips AS (
  SELECT repo, suite, class, name, run_at, result_key, failed
    FROM (SELECT repo, suite, class, name, run_at, result_key, failed,
                 lagInFrame(toNullable(failed)) OVER (PARTITION BY repo, suite, class, name ORDER BY run_at, result_key
                                                      ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS prev_failed
            FROM runs WHERE mainline)
   WHERE failed IS DISTINCT FROM prev_failed
),
episodes AS (
  SELECT repo, suite, class, name, started, fixed_at
    FROM (SELECT repo, suite, class, name, failed, run_at AS started,
                 leadInFrame(run_at) OVER (PARTITION BY repo, suite, class, name ORDER BY run_at, result_key
                                           ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS fixed_at
            FROM flips)
   WHERE failed
),
ttf AS (
  SELECT repo, suite, class, name,
         count(fixed_at) AS fixed_episodes,
         avg(dateDiff('millisecond', started, fixed_at) / 1000) / 3600 AS mean_time_to_fix_h,
         maxIf(started, fixed_at IS NULL) AS failing_since
    FROM episodes WHERE started IS NOT NULL
   GROUP BY ALL
)
SELECT a.repo AS repo, a.suite AS suite, a.class AS class, a.name AS name,
       a.runs_7d AS runs_7d, a.failures_7d AS failures_7d, round(a.failures_7d / nullIf(a.runs_7d, 0), 4) AS failure_rate_7d,
       a.runs_30d AS runs_30d, a.failures_30d AS failures_30d, round(a.failures_30d / nullIf(a.runs_30d, 0), 4) AS failure_rate_30d,
       a.runs_90d AS runs_90d, a.failures_90d AS failures_90d, round(a.failures_90d / nullIf(a.runs_90d, 0), 4) AS failure_rate_90d,
       CAST(t.failing_since IS NOT NULL AS Bool) AS currently_failing, t.failing_since AS failing_since,
       CAST(coalesce(f.flaky_commits_14d, 0) > 0 AS Bool) AS flaky, coalesce(f.flaky_commits_14d, 0) AS flaky_commits_14d,
       a.first_failure_at AS first_failure_at, a.last_failure_at AS last_failure_at,
       round(t.mean_time_to_fix_h, 2) AS mean_time_to_fix_h, coalesce(t.fixed_episodes, 0) AS fixed_episodes,
       a.runs AS runs, a.failures AS failures, a.last_seen_at AS last_seen_at
  FROM agg a
  LEFT JOIN flaky f ON f.repo = a.repo AND f.suite = a.suite AND f.class = a.class AND f.name = a.name
  LEFT JOIN ttf t ON t.repo = a.repo AND t.suite = a.suite AND t.class = a.class AND t.name = a.name
 WHERE $5 = 'all'
    OR ($5 = 'failing' AND t.failing_since IS NOT NULL)
    OR ($5 = 'flaky' AND f.flaky_commits_14d > 0)
    OR ($5 = 'failed' AND a.failures_90d > 0)
 ORDER BY currently_failing DESC, flaky_commits_14d DESC, failures_30d DESC, a.repo, a.suite, a.class, a.name
 LIMIT $8
