-- ClickHouse version of test_health_repos.sql (same placeholder, columns and order). Columns
-- are qualified: a ClickHouse alias is visible in the whole SELECT, and some aliases here
-- are the names of t's columns.
WITH t AS ({{tests}})
SELECT t.repo AS repo,
       countIf(t.runs_90d > 0) AS tests_90d,
       countIf(t.currently_failing) AS failing_tests,
       countIf(t.flaky) AS flaky_tests,
       sum(t.failures_30d) AS failed_runs_30d,
       round(sum(t.failures_30d) / 30.0, 2) AS failed_runs_per_day_30d,
       round(sum(t.failures_30d) / nullIf(sum(t.runs_30d), 0), 4) AS failure_rate_30d,
       round(sum(t.mean_time_to_fix_h * t.fixed_episodes) / nullIf(sum(t.fixed_episodes), 0), 2) AS mean_time_to_fix_h,
       sum(t.fixed_episodes) AS fixed_episodes
  FROM t
 GROUP BY t.repo
 ORDER BY failing_tests DESC, failed_runs_30d DESC, repo
