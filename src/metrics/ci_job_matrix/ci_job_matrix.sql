-- Report `ci_job_matrix`: CI build runs by the variant a job name encodes — family (the name
-- without its variant tokens), dependencies (vendor | composer), database (mysql, mariadb,
-- sqlite, postgres) and PHP version (php81 → 8.1) — e.g. mediawiki-quibble-vendor-mysql-php81,
-- quibble-composer-mysql-php74-noselenium-docker. $1 since, $2 until, $3 repo, $4 limit.
WITH r AS (
  SELECT job, duration_s, result, started_at
    FROM ci_runs
   WHERE job IS NOT NULL
     AND ($1::TIMESTAMP IS NULL OR started_at >= $1::TIMESTAMP)
     AND ($2::TIMESTAMP IS NULL OR started_at < $2::TIMESTAMP)
     AND ($3::VARCHAR IS NULL OR repo = $3::VARCHAR)
),
-- the variant of each distinct job name (a handful), not of every build; read from the table
-- so that r is scanned once
variants AS (
  SELECT job,
         regexp_replace(job, '-(vendor|composer|mysql|mariadb|sqlite|postgres|php\d\.?\d+)\b', '', 'g') AS family,
         nullif(regexp_extract(job, '(?:^|-)(vendor|composer)(?:-|$)', 1), '') AS deps,
         nullif(regexp_extract(job, '(?:^|-)(mysql|mariadb|sqlite|postgres)(?:-|$)', 1), '') AS db,
         nullif(regexp_extract(job, '(?:^|-)php(\d)\.?(\d+)(?:-|$)', 1) || '.' || regexp_extract(job, '(?:^|-)php(\d)\.?(\d+)(?:-|$)', 2), '.') AS php
    FROM (SELECT DISTINCT job FROM ci_builds WHERE job IS NOT NULL) -- every job of ci_runs is one of these
),
v AS (SELECT * FROM r JOIN variants USING (job))
SELECT family, deps, db, php,
       count(DISTINCT job) AS jobs, count(*) AS builds,
       round(sum(duration_s) / 3600, 2) AS agent_h,
       round(count(*) FILTER (WHERE result IN ('failure', 'unstable')) / count(*), 4) AS failure_rate,
       round(median(duration_s) / 60, 2) AS median_duration_min,
       min(started_at) AS first_run_at, max(started_at) AS last_run_at
  FROM v
 GROUP BY ALL
 ORDER BY family, deps NULLS FIRST, db NULLS FIRST, php NULLS FIRST
 LIMIT $4
