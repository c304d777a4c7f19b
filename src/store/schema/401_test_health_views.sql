-- Views for test health and CI cost (issue 6), used by src/metrics/test_* and ci_*.
--
-- ci_runs: one row per CI build run, whichever sources saw it. A Jenkins build and the Zuul
-- row a Gerrit report made for the same job URL (keys ending in the same host/ci/job/<job>/<n>)
-- are one run: Jenkins gives start, duration and node, Zuul gives pipeline and voting.
-- JUnit imports (system junit) are not CI runs and are left out.
CREATE VIEW ci_runs AS
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
       j.node
  FROM j FULL OUTER JOIN z USING (bid);

-- test_runs: every test result with its build's context. `mainline` marks runs that test the
-- main branch as it is (gate-and-submit, postmerge, periodic, publish pipelines, or a build
-- of no change), on master/main when the change's branch is known; `failed` is fail or error.
CREATE VIEW test_runs AS
SELECT t.result_key, t.build_key, coalesce(t.repo, b.repo) AS repo, t.suite, t.class, t.name,
       t.status, t.status IN ('fail', 'error') AS failed, t.duration_ms, t.message,
       coalesce(t.run_at, b.started_at, b.reported_at) AS run_at,
       b.system, b.pipeline, b.job, b.change_key, b.patchset, c.branch, c.topic, p.sha,
       (b.pipeline IN ('gate-and-submit', 'postmerge', 'periodic', 'publish') OR b.change_key IS NULL)
         AND coalesce(c.branch IN ('master', 'main'), true) AS mainline
  FROM test_results t
  LEFT JOIN ci_builds b ON b.build_key = t.build_key
  LEFT JOIN changes c ON c.change_key = b.change_key
  LEFT JOIN patchsets p ON p.patchset_key = b.change_key || '/' || b.patchset;
