-- A large synthetic store for bench/api-latency.ts, written straight with SQL (the
-- sources' own imports are benchmarked elsewhere). $1 = changes, $2 = test results.
-- Shapes follow 001_core.sql; values are deterministic functions of the row number.
INSERT INTO tasks (task_key, task_id, title, status, status_class, created_at, closed_at, projects, restricted)
SELECT 'task:T' || i, 'T' || i, 'Task ' || i || ' <b>html</b>', CASE WHEN i % 3 = 0 THEN 'open' ELSE 'resolved' END,
       CASE WHEN i % 3 = 0 THEN 'open' ELSE 'closed' END,
       TIMESTAMP '2019-01-01' + to_minutes(i * 7), CASE WHEN i % 3 = 0 THEN NULL ELSE TIMESTAMP '2019-01-02' + to_minutes(i * 7) END,
       ['Project-' || (i % 40)], false
  FROM range($1 // 2) t(i);

INSERT INTO changes (change_key, host, number, change_id, project, branch, subject, owner, owner_name, status, original_status, created_at, merged_at, patchset_count, bug_tasks)
SELECT 'change:gerrit.wikimedia.org:' || i, 'gerrit.wikimedia.org', i, 'I' || md5(i::VARCHAR), 'mediawiki/extensions/Ext' || (i % 300),
       'master', 'Change ' || i || ' fixes <i>things</i>', 'gerrit:' || (i % 500), 'Person ' || (i % 500),
       CASE WHEN i % 10 = 0 THEN 'abandoned' WHEN i % 10 = 1 THEN 'open' ELSE 'merged' END, 'MERGED',
       TIMESTAMP '2019-01-01' + to_minutes(i * 3), CASE WHEN i % 10 >= 2 THEN TIMESTAMP '2019-01-02' + to_minutes(i * 3) END,
       1 + i % 5, ['T' || (i // 2)]
  FROM range($1) t(i);

INSERT INTO commits (commit_key, repo, sha, parents, is_merge, first_parent, author_name, authored_at, committed_at, subject, change_id, bug_tasks)
SELECT 'commit:mediawiki/extensions/Ext' || (i % 300) || ':' || md5('c' || i), 'mediawiki/extensions/Ext' || (i % 300), md5('c' || i), [md5('c' || (i - 1))],
       false, true, 'Person ' || (i % 500), TIMESTAMP '2019-01-02' + to_minutes(i * 3), TIMESTAMP '2019-01-02' + to_minutes(i * 3),
       'Change ' || i, 'I' || md5(i::VARCHAR), ['T' || (i // 2)]
  FROM range($1) t(i);

INSERT INTO windows (window_key, name, kind, planned_start, planned_end, opened_at, closed_at, deployers, source)
SELECT 'window:w' || i, 'Backport window ' || i, 'backport', TIMESTAMP '2019-01-01 13:00' + to_hours(i * 8),
       TIMESTAMP '2019-01-01 14:00' + to_hours(i * 8), TIMESTAMP '2019-01-01 13:00' + to_hours(i * 8),
       TIMESTAMP '2019-01-01 14:00' + to_hours(i * 8), ['deployer' || (i % 12)], 'calendar'
  FROM range($1 // 30) t(i);

INSERT INTO deployments (deploy_key, kind, started_at, finished_at, duration_s, deployer, host, message, outcome, window_key, repo)
SELECT 'deploy:sal:' || i, ['backport', 'sync-file', 'sync-world', 'train-promote', 'config-merge'][1 + i % 5],
       TIMESTAMP '2019-01-01 13:00' + to_minutes(i * 5), TIMESTAMP '2019-01-01 13:05' + to_minutes(i * 5), 60 + i % 600,
       'deployer' || (i % 12), 'deploy1002', 'Synchronized file ' || i, CASE WHEN i % 50 = 0 THEN 'failed' ELSE 'ok' END,
       'window:w' || (i // 3 % ($1 // 30)), 'mediawiki/extensions/Ext' || (i % 300)
  FROM range($1 * 6 // 10) t(i);

INSERT INTO trains (train_key, version, first_rollforward_at, last_rollforward_at, total_time_s, rollbacks, group0_at, group1_at, group2_at, total_delay_days, reached_group2)
SELECT 'train:1.' || (30 + i // 50) || '.0-wmf.' || (i % 50), '1.' || (30 + i // 50) || '.0-wmf.' || (i % 50),
       TIMESTAMP '2019-01-01' + to_days(i * 7), TIMESTAMP '2019-01-03' + to_days(i * 7), 172800, i % 4,
       TIMESTAMP '2019-01-01' + to_days(i * 7), TIMESTAMP '2019-01-02' + to_days(i * 7), TIMESTAMP '2019-01-03' + to_days(i * 7), i % 3, true
  FROM range(300) t(i);

INSERT INTO train_events (event_key, train_key, version, wiki_group, kind, occurred_at)
SELECT t.train_key || '/x/' || g, t.train_key, t.version, g, 'rollforward', t.first_rollforward_at + to_days(gi)
  FROM trains t, (VALUES ('group0', 0), ('group1', 1), ('group2', 2)) gs(g, gi);

INSERT INTO incidents (incident_key, title, started_at, ended_at, summary)
SELECT 'incident:i' || i, 'Incident ' || i, TIMESTAMP '2019-01-05' + to_days(i * 4), TIMESTAMP '2019-01-05 02:00' + to_days(i * 4), 'summary'
  FROM range(500) t(i);

INSERT INTO ci_builds (build_key, system, pipeline, job, build_number, result, duration_s, started_at, repo, change_key, patchset)
SELECT 'build:jenkins:quibble/' || i, 'jenkins', 'gate-and-submit', 'quibble-' || (i % 8), i, CASE WHEN i % 9 = 0 THEN 'failure' ELSE 'success' END,
       300 + i % 900, TIMESTAMP '2019-01-01' + to_minutes(i), 'mediawiki/extensions/Ext' || (i % 300), 'change:gerrit.wikimedia.org:' || (i // 4), 1
  FROM range($2 // 25) t(i);

INSERT INTO test_results (result_key, build_key, repo, suite, class, name, status, duration_ms, run_at)
SELECT 'build:jenkins:quibble/' || (i // 25) || '/unit/C' || (i % 25) || '/test#1', 'build:jenkins:quibble/' || (i // 25),
       'mediawiki/extensions/Ext' || (i // 25 % 300), 'unit', 'C' || (i % 25), 'test' || (i % 1000),
       CASE WHEN i % 97 = 0 THEN 'fail' WHEN i % 41 = 0 THEN 'skip' ELSE 'pass' END, i % 500, TIMESTAMP '2019-01-01' + to_minutes(i // 25)
  FROM range($2) t(i);

INSERT INTO links (src_key, dst_key, rule, evidence, confidence, first_seen_at)
SELECT 'change:gerrit.wikimedia.org:' || i, 'task:T' || (i // 2), 'change-bug-footer', 'Bug: T' || (i // 2), 'high', TIMESTAMP '2019-01-01' + to_minutes(i * 3)
  FROM range($1) t(i)
UNION ALL
SELECT 'deploy:sal:' || i, 'change:gerrit.wikimedia.org:' || (i * 10 // 6), 'sal-gerrit-ref', '[[gerrit:' || (i * 10 // 6) || ']]', 'high', TIMESTAMP '2019-01-01 13:00' + to_minutes(i * 5)
  FROM range($1 * 6 // 10) t(i);
