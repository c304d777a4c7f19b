-- Report `test_health_repos`: per repository, from the per-test rows of test_health.sql
-- (inlined below as the CTE t, with the same parameters): tests seen in 90 days, tests currently
-- failing, flaky tests, failed runs per day and failure rate over 30 days, mean time to fix.
WITH t AS ({{tests}})
SELECT repo,
       count(*) FILTER (WHERE runs_90d > 0) AS tests_90d,
       count(*) FILTER (WHERE currently_failing) AS failing_tests,
       count(*) FILTER (WHERE flaky) AS flaky_tests,
       sum(failures_30d) AS failed_runs_30d,
       round(sum(failures_30d) / 30.0, 2) AS failed_runs_per_day_30d,
       round(sum(failures_30d) / nullif(sum(runs_30d), 0), 4) AS failure_rate_30d,
       round(sum(mean_time_to_fix_h * fixed_episodes) / nullif(sum(fixed_episodes), 0), 2) AS mean_time_to_fix_h,
       sum(fixed_episodes) AS fixed_episodes
  FROM t
 GROUP BY repo
 ORDER BY failing_tests DESC, failed_runs_30d DESC, repo
