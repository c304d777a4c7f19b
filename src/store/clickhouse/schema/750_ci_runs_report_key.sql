-- requires: 21.8
-- ClickHouse version of src/store/schema/750_ci_runs_report_key.sql: ci_runs with the
-- report_key of its Zuul row (see there).
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
       coalesce(j.started_at, z.started_at, z.reported_at - toIntervalSecond(toInt64(coalesce(z.duration_s, 0)))) AS started_at,
       coalesce(z.voting, j.voting) AS voting,
       j.node AS node,
       z.report_key AS report_key
  FROM j FULL OUTER JOIN z ON j.bid = z.bid;
