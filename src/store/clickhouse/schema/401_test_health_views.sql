-- requires: 21.8
-- ClickHouse versions of the views of src/store/schema/401_test_health_views.sql and
-- 402_mainline_macro.sql (same names, columns and meaning; see there). ClickHouse has no
-- macros: the main-line rule is written out where it is used. Booleans are cast to Bool so
-- answers read true/false as on DuckDB.
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
       j.node AS node
  FROM j FULL OUTER JOIN z ON j.bid = z.bid;

CREATE OR REPLACE VIEW test_runs AS
SELECT t.result_key AS result_key, t.build_key AS build_key, coalesce(t.repo, b.repo) AS repo, t.suite AS suite, t.class AS class, t.name AS name,
       t.status AS status, CAST(t.status IN ('fail', 'error') AS Bool) AS failed, t.duration_ms AS duration_ms, t.message AS message,
       coalesce(t.run_at, b.started_at, b.reported_at) AS run_at,
       b.system AS system, b.pipeline AS pipeline, b.job AS job, b.change_key AS change_key, b.patchset AS patchset, c.branch AS branch, c.topic AS topic, p.sha AS sha,
       CAST((b.pipeline IN ('gate-and-submit', 'postmerge', 'periodic', 'publish') OR b.change_key IS NULL)
         AND coalesce(c.branch IN ('master', 'main'), true) AS Bool) AS mainline
  FROM test_results t
  LEFT JOIN ci_builds b ON b.build_key = t.build_key
  LEFT JOIN changes c ON c.change_key = b.change_key
  LEFT JOIN patchsets p ON p.patchset_key = concat(b.change_key, '/', toString(b.patchset));
