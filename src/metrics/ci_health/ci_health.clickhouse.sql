-- ClickHouse version of ci_health.sql (same parameters, columns and order): the per-repo
-- subqueries are aggregates joined by repository, a streak's fix a conditional minimum.
WITH b AS (
  SELECT repo, job, pipeline, started_at, result IN ('failure', 'unstable', 'error', 'lost', 'timed_out') AS failed
    FROM ci_builds
   WHERE repo IS NOT NULL AND started_at IS NOT NULL AND result IS NOT NULL AND result != 'aborted'
     AND voting IS DISTINCT FROM false AND pipeline IN ('test', 'gate-and-submit', 'postmerge')
     AND ($1 IS NULL OR repo = $1)
     AND ($1 IS NOT NULL OR startsWith(repo, 'mediawiki/extensions/') OR startsWith(repo, 'mediawiki/skins/'))
), main AS (
  SELECT *, lagInFrame(toNullable(failed)) OVER (PARTITION BY repo, job ORDER BY started_at ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS prev,
         row_number() OVER (PARTITION BY repo, job ORDER BY started_at DESC) AS newest
    FROM b WHERE pipeline IN ('gate-and-submit', 'postmerge') AND ($3 IS NULL OR started_at < $3)
), streaks AS (
  SELECT s.repo AS repo, s.job AS job, s.started_at AS broke_at, minIf(m.started_at, NOT m.failed AND m.started_at > s.started_at) AS fixed_at
    FROM main s JOIN main m ON m.repo = s.repo AND m.job = s.job
   WHERE s.failed AND NOT coalesce(s.prev, false)
   GROUP BY s.repo, s.job, s.started_at
), win AS (
  SELECT repo, count(*) AS builds, countIf(failed) AS failed_builds, round(avg(toInt32(failed)), 3) AS failure_rate
    FROM b WHERE ($2 IS NULL OR started_at >= $2) AND ($3 IS NULL OR started_at < $3) GROUP BY repo
), now AS (
  SELECT repo, countIf(newest = 1 AND failed) AS jobs_failing_now, arraySort(groupArrayIf(job, newest = 1 AND failed)) AS failing_jobs
    FROM main GROUP BY repo
), fixes AS (
  SELECT repo, round(avg(dateDiff('second', broke_at, fixed_at) / 3600.0), 1) AS mean_hours_to_fix
    FROM streaks WHERE fixed_at IS NOT NULL AND ($2 IS NULL OR fixed_at >= $2) GROUP BY repo
), repos AS (SELECT DISTINCT repo FROM b)
SELECT r.repo AS repo,
       toInt32(coalesce(w.builds, 0)) AS builds,
       toInt32(coalesce(w.failed_builds, 0)) AS failed_builds,
       w.failure_rate AS failure_rate,
       toInt32(coalesce(n.jobs_failing_now, 0)) AS jobs_failing_now,
       n.failing_jobs AS failing_jobs,
       f.mean_hours_to_fix AS mean_hours_to_fix
  FROM repos r LEFT JOIN win w ON w.repo = r.repo LEFT JOIN now n ON n.repo = r.repo LEFT JOIN fixes f ON f.repo = r.repo
 ORDER BY r.repo
