-- Rollup `test_results_daily`: test_results counted per UTC day (of run_at), repository, suite
-- and status, with the duration sums the Explorer's measures need. Rows without a run_at keep
-- a NULL day, so totals without a time bucket still add up to the table. The table's rows
-- (store.replaceTable).
SELECT date_trunc('day', run_at) AS run_at, repo, suite, status,
       count(*) AS n,
       count(duration_ms) AS n_duration,
       sum(duration_ms) AS duration_sum,
       min(duration_ms) AS duration_min,
       max(duration_ms) AS duration_max
  FROM test_results
 GROUP BY ALL
 ORDER BY run_at
