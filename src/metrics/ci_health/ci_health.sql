-- CI health of each repository: voting builds of test, gate-and-submit and postmerge in
-- the window (aborted left out), the share that failed; the jobs failing now (their
-- newest gate-and-submit or postmerge build failed); and the mean hours from the first
-- failure of a streak to the job's next success there. $1 repository or NULL; $2/$3 window.
WITH b AS (
  SELECT repo, job, pipeline, started_at, result IN ('failure', 'unstable', 'error', 'lost', 'timed_out') AS failed
    FROM ci_builds
   WHERE repo IS NOT NULL AND started_at IS NOT NULL AND result IS NOT NULL AND result <> 'aborted'
     AND voting IS DISTINCT FROM false AND pipeline IN ('test', 'gate-and-submit', 'postmerge')
     AND ($1::VARCHAR IS NULL OR repo = $1)
     AND ($1::VARCHAR IS NOT NULL OR starts_with(repo, 'mediawiki/extensions/') OR starts_with(repo, 'mediawiki/skins/'))
), main AS (
  SELECT *, lag(failed) OVER (PARTITION BY repo, job ORDER BY started_at) AS prev,
         row_number() OVER (PARTITION BY repo, job ORDER BY started_at DESC) AS newest
    FROM b WHERE pipeline IN ('gate-and-submit', 'postmerge') AND ($3::TIMESTAMP IS NULL OR started_at < $3::TIMESTAMP)
), streaks AS (
  SELECT s.repo, s.job, s.started_at AS broke_at,
         (SELECT min(m.started_at) FROM main m WHERE m.repo = s.repo AND m.job = s.job AND NOT m.failed AND m.started_at > s.started_at) AS fixed_at
    FROM main s WHERE s.failed AND NOT coalesce(s.prev, false)
), win AS (
  SELECT * FROM b WHERE ($2::TIMESTAMP IS NULL OR started_at >= $2::TIMESTAMP) AND ($3::TIMESTAMP IS NULL OR started_at < $3::TIMESTAMP)
), repos AS (SELECT DISTINCT repo FROM b)
SELECT r.repo,
       (SELECT count(*) FROM win w WHERE w.repo = r.repo)::INTEGER AS builds,
       (SELECT count(*) FILTER (WHERE failed) FROM win w WHERE w.repo = r.repo)::INTEGER AS failed_builds,
       (SELECT round(avg(failed::INTEGER), 3) FROM win w WHERE w.repo = r.repo) AS failure_rate,
       (SELECT count(*) FROM main m WHERE m.repo = r.repo AND m.newest = 1 AND m.failed)::INTEGER AS jobs_failing_now,
       (SELECT list(m.job ORDER BY m.job) FROM main m WHERE m.repo = r.repo AND m.newest = 1 AND m.failed) AS failing_jobs,
       (SELECT round(avg(date_diff('second', broke_at, fixed_at) / 3600.0), 1) FROM streaks s WHERE s.repo = r.repo AND fixed_at IS NOT NULL
          AND ($2::TIMESTAMP IS NULL OR fixed_at >= $2::TIMESTAMP)) AS mean_hours_to_fix
  FROM repos r
 ORDER BY r.repo
