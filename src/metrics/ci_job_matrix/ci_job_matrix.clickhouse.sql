-- ClickHouse version of ci_job_matrix.sql (same parameters, columns and order).
WITH r AS (
  SELECT job, duration_s, result, started_at
    FROM ci_runs
   WHERE job IS NOT NULL
     AND ($1 IS NULL OR started_at >= $1)
     AND ($2 IS NULL OR started_at < $2)
     AND ($3 IS NULL OR repo = $3)
),
variants AS (
  SELECT job,
         replaceRegexpAll(job, '-(vendor|composer|mysql|mariadb|sqlite|postgres|php\\d\\.?\\d+)\\b', '') AS family,
         nullIf(regexpExtract(job, '(?:^|-)(vendor|composer)(?:-|$)', 1), '') AS deps,
         nullIf(regexpExtract(job, '(?:^|-)(mysql|mariadb|sqlite|postgres)(?:-|$)', 1), '') AS db,
         nullIf(concat(regexpExtract(job, '(?:^|-)php(\\d)\\.?(\\d+)(?:-|$)', 1), '.', regexpExtract(job, '(?:^|-)php(\\d)\\.?(\\d+)(?:-|$)', 2)), '.') AS php
    FROM (SELECT DISTINCT assumeNotNull(job) AS job FROM ci_builds WHERE job IS NOT NULL)
),
v AS (SELECT r.job AS job, duration_s, result, started_at, family, deps, db, php FROM r JOIN variants ON variants.job = r.job)
SELECT family, deps, db, php,
       count(DISTINCT job) AS jobs, count(*) AS builds,
       round(sum(duration_s) / 3600, 2) AS agent_h,
       round(countIf(result IN ('failure', 'unstable')) / count(*), 4) AS failure_rate,
       round(quantileExactInclusive(0.5)(duration_s) / 60, 2) AS median_duration_min,
       min(started_at) AS first_run_at, max(started_at) AS last_run_at
  FROM v
 GROUP BY ALL
 ORDER BY family, deps NULLS FIRST, db NULLS FIRST, php NULLS FIRST
 LIMIT $4
