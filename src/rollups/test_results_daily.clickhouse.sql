-- test_results_daily.sql on ClickHouse: toStartOfDay for date_trunc, the day named apart from
-- run_at in the subquery (a ClickHouse alias is visible in the whole query).
SELECT day AS run_at, repo, suite, status,
       count(*) AS n,
       count(duration_ms) AS n_duration,
       sum(duration_ms) AS duration_sum,
       min(duration_ms) AS duration_min,
       max(duration_ms) AS duration_max
  FROM (SELECT toStartOfDay(run_at) AS day, repo, suite, status, duration_ms FROM test_results)
 GROUP BY day, repo, suite, status
 ORDER BY day
