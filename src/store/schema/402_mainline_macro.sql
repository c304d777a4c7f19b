-- The main-line rule of test_runs as a macro, so queries that join a few test results to
-- their builds themselves (test_history.sql, which must not scan the whole view) apply the
-- same rule: gate-and-submit, postmerge, periodic or publish builds, or builds of no change,
-- on master/main when the change's branch is known.
CREATE OR REPLACE MACRO mainline_run(pipeline, change_key, branch) AS
  (pipeline IN ('gate-and-submit', 'postmerge', 'periodic', 'publish') OR change_key IS NULL)
  AND coalesce(branch IN ('master', 'main'), true);

-- test_runs: every test result with its build's context. `mainline` marks runs that test the
-- main branch as it is (gate-and-submit, postmerge, periodic, publish pipelines, or a build
-- of no change), on master/main when the change's branch is known; `failed` is fail or error.
CREATE OR REPLACE VIEW test_runs AS
SELECT t.result_key, t.build_key, coalesce(t.repo, b.repo) AS repo, t.suite, t.class, t.name,
       t.status, t.status IN ('fail', 'error') AS failed, t.duration_ms, t.message,
       coalesce(t.run_at, b.started_at, b.reported_at) AS run_at,
       b.system, b.pipeline, b.job, b.change_key, b.patchset, c.branch, c.topic, p.sha,
       mainline_run(b.pipeline, b.change_key, c.branch) AS mainline
  FROM test_results t
  LEFT JOIN ci_builds b ON b.build_key = t.build_key
  LEFT JOIN changes c ON c.change_key = b.change_key
  LEFT JOIN patchsets p ON p.patchset_key = b.change_key || '/' || b.patchset;
