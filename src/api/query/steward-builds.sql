-- The newest build of each job of a repository ($1), for links to the CI jobs, the most
-- recently run first (steward.ts puts the jobs failing now ahead and keeps 20).
SELECT job, arg_max(url, started_at) AS url, max(started_at) AS last_at
  FROM ci_builds
 WHERE repo = $1
 GROUP BY job
 ORDER BY last_at DESC, job
