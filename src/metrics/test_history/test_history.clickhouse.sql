-- ClickHouse version of test_history.sql (same parameters, columns and order); the main-line
-- rule of test_runs is written out (ClickHouse has no macros).
WITH t AS (
  SELECT *
    FROM test_results
   WHERE name = $4
     AND ($1 IS NULL OR repo = $1)
     AND ($2 IS NULL OR suite = $2)
     AND ($3 IS NULL OR class = $3)
     AND ($5 IS NULL OR run_at >= $5)
     AND ($6 IS NULL OR run_at < $6)
   ORDER BY run_at DESC, result_key
   LIMIT $7
)
SELECT t.run_at AS run_at, t.status AS status, t.repo AS repo, t.suite AS suite, t.class AS class, t.name AS name,
       t.duration_ms AS duration_ms, t.message AS message, t.build_key AS build_key,
       b.job AS job, b.pipeline AS pipeline, b.change_key AS change_key, b.patchset AS patchset,
       CAST((b.pipeline IN ('gate-and-submit', 'postmerge', 'periodic', 'publish') OR b.change_key IS NULL)
            AND coalesce(c.branch IN ('master', 'main'), true) AS Bool) AS mainline
  FROM t
  LEFT JOIN ci_builds b ON b.build_key = t.build_key
  LEFT JOIN changes c ON c.change_key = b.change_key
 ORDER BY t.run_at DESC, t.result_key
