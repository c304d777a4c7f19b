-- The newest test result's time (NULL when no result has one): the default "as of" of the
-- test-health report, asked by every /api/tests route and by status.
SELECT max(run_at) AS newest FROM test_results
