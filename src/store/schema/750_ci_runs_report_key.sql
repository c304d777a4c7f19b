-- ci_runs.report_key: the Gerrit message (Zuul report) of the run's Zuul row, so report
-- ci_usage groups builds into pipeline runs without joining ci_builds a second time: at
-- 709,832 runs (demo --scale large) that join under the grouping did not fit DuckDB's 512MB.
-- Otherwise the view of 401_test_health_views.sql.
CREATE OR REPLACE VIEW ci_runs AS
WITH j AS (SELECT *, substr(build_key, length('build:jenkins:') + 1) AS bid FROM ci_builds WHERE system = 'jenkins'),
     z AS (SELECT *, substr(build_key, length('build:zuul:') + 1) AS bid FROM ci_builds WHERE system = 'zuul')
SELECT coalesce(z.build_key, j.build_key) AS build_key,
       j.build_key AS jenkins_key,
       z.build_key AS zuul_key,
       coalesce(z.pipeline, j.pipeline) AS pipeline,
       coalesce(j.job, z.job) AS job,
       coalesce(j.repo, z.repo) AS repo,
       coalesce(z.change_key, j.change_key) AS change_key,
       coalesce(z.patchset, j.patchset) AS patchset,
       coalesce(j.result, z.result) AS result,
       coalesce(j.duration_s, z.duration_s) AS duration_s,
       coalesce(j.started_at, z.started_at, z.reported_at - to_seconds(coalesce(z.duration_s, 0)::BIGINT)) AS started_at,
       coalesce(z.voting, j.voting) AS voting,
       j.node,
       z.report_key
  FROM j FULL OUTER JOIN z USING (bid);
