-- Report `ci_usage` ("are we testing a lot"): CI build runs (view ci_runs: a Jenkins build and
-- its Zuul report row count once) grouped by {{group}}: builds, changes, builds per change,
-- agent hours (sum of build durations: one executor per build), wall hours (per pipeline run
-- = one Zuul report, ci_builds.report_key: its first start → last end; a build no report
-- listed is a run of its own; ci_runs.report_key), failure rate, median duration.
-- $1 since, $2 until, $3 repo, $4 limit (by started_at).
WITH r AS (
  SELECT *, started_at::DATE AS day, coalesce(change_key, '') AS change
    FROM ci_runs
   WHERE ($1::TIMESTAMP IS NULL OR started_at >= $1::TIMESTAMP)
     AND ($2::TIMESTAMP IS NULL OR started_at < $2::TIMESTAMP)
     AND ($3::VARCHAR IS NULL OR repo = $3::VARCHAR)
),
sets AS (
  SELECT r.repo, r.pipeline, r.change, r.patchset, min(r.day) AS day,
         epoch(max(r.started_at + to_seconds(coalesce(r.duration_s, 0)::BIGINT))) - epoch(min(r.started_at)) AS wall_s
    FROM r
   WHERE r.started_at IS NOT NULL
   GROUP BY r.repo, r.pipeline, r.change, r.patchset, coalesce(r.report_key, 'build ' || r.build_key)
),
b AS (
  SELECT {{group}}, count(*) AS builds, count(DISTINCT change_key) AS changes,
         round(sum(duration_s) / 3600, 2) AS agent_h,
         round(count(*) FILTER (WHERE result IN ('failure', 'unstable')) / count(*), 4) AS failure_rate,
         round(median(duration_s) / 60, 2) AS median_duration_min
    FROM r GROUP BY ALL
),
w AS ({{wall}})
SELECT b.*, round(b.builds / nullif(b.changes, 0), 2) AS builds_per_change, w.wall_h
  FROM b LEFT JOIN w USING ({{group}})
 ORDER BY {{order}}
 LIMIT $4
