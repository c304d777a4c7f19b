-- The newest build of each given job ($2) of a repository ($1), for links to the CI job.
SELECT job, arg_max(url, started_at) AS url FROM ci_builds
 WHERE repo = $1 AND list_contains($2::VARCHAR[], job)
 GROUP BY job
