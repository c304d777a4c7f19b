-- Report `test_health`: one row per test (repo, suite, class, name) as of $1, over the runs
-- before $1 (skips are not runs). Failure counts and rates over 7/30/90 days; flaky = passed
-- and failed on the same commit (patch set sha, else change/patch set) within 14 days;
-- failure episodes on the main line (view test_runs.mainline): first failure → first later
-- pass = time to fix; an episode with no pass yet = currently failing.
-- $1 as of, $2 repo, $3 suite, $4 name contains, $5 state (all|failing|flaky), $6/$7 the
-- slice: only tests whose hash of (class, name) lies in [$6, $7] (0 and 2^64-1: every test;
-- the rollup is built in slices, each test's runs all in one; a range, because DuckDB pushes
-- it below test_runs' joins to the scan and a modulo it does not), $8 limit.
WITH base AS (
  SELECT repo, suite, class, name, result_key, run_at, failed, mainline, coalesce(sha, change_key || '/' || patchset) AS commit_id
    FROM test_runs
   WHERE status <> 'skip' AND run_at < $1::TIMESTAMP
     AND ($2::VARCHAR IS NULL OR repo = $2::VARCHAR)
     AND ($3::VARCHAR IS NULL OR suite = $3::VARCHAR)
     AND ($4::VARCHAR IS NULL OR contains(lower(name), lower($4::VARCHAR)))
     AND hash(coalesce(class, ''), name) BETWEEN $6::UBIGINT AND $7::UBIGINT
),
-- state=flaky or failing: find those tests first (cheap passes), then compute only for them
flaky_now AS (
  SELECT DISTINCT repo, suite, class, name
    FROM base
   WHERE $5::VARCHAR = 'flaky' AND commit_id IS NOT NULL AND run_at >= $1::TIMESTAMP - INTERVAL 14 DAY
   GROUP BY repo, suite, class, name, commit_id HAVING bool_or(failed) AND bool_or(NOT failed)
),
failing_now AS (
  SELECT repo, suite, class, name
    FROM base
   WHERE $5::VARCHAR = 'failing' AND mainline
   GROUP BY ALL HAVING arg_max(failed, {'t': run_at, 'k': result_key}) -- the last run, ties as ml orders them
),
runs AS (
  SELECT * FROM base
   WHERE $5::VARCHAR IN ('all', 'failed')
      OR (repo, suite, class, name) IN (SELECT repo, suite, class, name FROM flaky_now UNION ALL SELECT repo, suite, class, name FROM failing_now)
),
agg AS (
  SELECT repo, suite, class, name,
         count(*) FILTER (WHERE run_at >= $1::TIMESTAMP - INTERVAL 7 DAY) AS runs_7d,
         count(*) FILTER (WHERE failed AND run_at >= $1::TIMESTAMP - INTERVAL 7 DAY) AS failures_7d,
         count(*) FILTER (WHERE run_at >= $1::TIMESTAMP - INTERVAL 30 DAY) AS runs_30d,
         count(*) FILTER (WHERE failed AND run_at >= $1::TIMESTAMP - INTERVAL 30 DAY) AS failures_30d,
         count(*) FILTER (WHERE run_at >= $1::TIMESTAMP - INTERVAL 90 DAY) AS runs_90d,
         count(*) FILTER (WHERE failed AND run_at >= $1::TIMESTAMP - INTERVAL 90 DAY) AS failures_90d,
         count(*) AS runs, count(*) FILTER (WHERE failed) AS failures,
         min(run_at) FILTER (WHERE failed) AS first_failure_at,
         max(run_at) FILTER (WHERE failed) AS last_failure_at,
         max(run_at) AS last_seen_at
    FROM runs GROUP BY ALL
),
flaky AS (
  SELECT repo, suite, class, name, count(*) AS flaky_commits_14d, max(last_at) AS last_flaky_at
    FROM (SELECT repo, suite, class, name, commit_id, max(run_at) AS last_at
            FROM runs
           WHERE commit_id IS NOT NULL AND run_at >= $1::TIMESTAMP - INTERVAL 14 DAY
           GROUP BY ALL HAVING bool_or(failed) AND bool_or(NOT failed))
   GROUP BY ALL
),
-- main-line flips: a run whose status differs from the test's previous main-line run
-- (or its first). Consecutive flips alternate, so a failing flip starts an episode and
-- the next flip, a pass, is its fix (time to fix); an episode with no fix yet = currently failing.
flips AS (
  SELECT repo, suite, class, name, run_at, result_key, failed
    FROM (SELECT repo, suite, class, name, run_at, result_key, failed,
                 lag(failed) OVER (PARTITION BY repo, suite, class, name ORDER BY run_at, result_key) AS prev_failed
            FROM runs WHERE mainline)
   WHERE failed IS DISTINCT FROM prev_failed
),
episodes AS (
  SELECT repo, suite, class, name, started, fixed_at
    FROM (SELECT repo, suite, class, name, failed, run_at AS started,
                 lead(run_at) OVER (PARTITION BY repo, suite, class, name ORDER BY run_at, result_key) AS fixed_at
            FROM flips)
   WHERE failed
),
ttf AS (
  SELECT repo, suite, class, name,
         count(fixed_at) AS fixed_episodes,
         avg(epoch(fixed_at) - epoch(started)) / 3600 AS mean_time_to_fix_h,
         max(started) FILTER (WHERE fixed_at IS NULL) AS failing_since
    FROM episodes WHERE started IS NOT NULL
   GROUP BY ALL
)
SELECT a.repo, a.suite, a.class, a.name,
       a.runs_7d, a.failures_7d, round(a.failures_7d / nullif(a.runs_7d, 0), 4) AS failure_rate_7d,
       a.runs_30d, a.failures_30d, round(a.failures_30d / nullif(a.runs_30d, 0), 4) AS failure_rate_30d,
       a.runs_90d, a.failures_90d, round(a.failures_90d / nullif(a.runs_90d, 0), 4) AS failure_rate_90d,
       t.failing_since IS NOT NULL AS currently_failing, t.failing_since,
       coalesce(f.flaky_commits_14d, 0) > 0 AS flaky, coalesce(f.flaky_commits_14d, 0) AS flaky_commits_14d,
       a.first_failure_at, a.last_failure_at,
       round(t.mean_time_to_fix_h, 2) AS mean_time_to_fix_h, coalesce(t.fixed_episodes, 0) AS fixed_episodes,
       a.runs, a.failures, a.last_seen_at
  FROM agg a
  LEFT JOIN flaky f USING (repo, suite, class, name)
  LEFT JOIN ttf t USING (repo, suite, class, name)
 WHERE $5::VARCHAR = 'all'
    OR ($5::VARCHAR = 'failing' AND t.failing_since IS NOT NULL)
    OR ($5::VARCHAR = 'flaky' AND f.flaky_commits_14d > 0)
    OR ($5::VARCHAR = 'failed' AND a.failures_90d > 0)
 ORDER BY currently_failing DESC, flaky_commits_14d DESC, failures_30d DESC, a.repo, a.suite, a.class, a.name
 LIMIT $8
