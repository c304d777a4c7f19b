-- A synthetic CI history for bench/junit.ts, written straight with SQL: $1 test results,
-- 25 per build; builds of 300 repositories over ~9 months, a third on the main line
-- (gate-and-submit), the rest on changes (4 builds per change, 2 patch sets, one repository
-- and one set of test names per change). Statuses
-- are deterministic functions of the row number: ~1% failures, some tests flaky.
INSERT INTO ci_builds (build_key, system, pipeline, job, build_number, url, result, duration_s, started_at, repo, change_key, patchset)
SELECT 'build:jenkins:h/ci/job/j' || (i % 8) || '/' || i, 'jenkins', CASE WHEN i % 3 = 0 THEN 'gate-and-submit' ELSE 'test' END,
       'mediawiki-quibble-vendor-mysql-php8' || (i % 4), i, 'https://h/ci/job/j' || (i % 8) || '/' || i || '/',
       CASE WHEN i % 9 = 0 THEN 'failure' ELSE 'success' END, 300 + i % 900, TIMESTAMP '2025-01-01' + to_minutes(i),
       'mediawiki/extensions/Ext' || (i // 4 % 300), 'change:gerrit.wikimedia.org:' || (i // 4), 1 + (i // 2) % 2
  FROM range($1 // 25) t(i);

INSERT INTO test_results (result_key, build_key, repo, suite, class, name, status, duration_ms, run_at, original_status)
SELECT 'build:jenkins:h/ci/job/j' || (b % 8) || '/' || b || '/unit/C' || (k % 5) || '/test' || k || '#' || i,
       'build:jenkins:h/ci/job/j' || (b % 8) || '/' || b, 'mediawiki/extensions/Ext' || (b // 4 % 300), 'unit', 'C' || (k % 5), 'test' || k,
       CASE WHEN hash(i) % 97 = 0 THEN 'fail' WHEN k = 7 AND hash(b) % 5 = 0 THEN 'fail' WHEN hash(i) % 41 = 0 THEN 'skip' ELSE 'pass' END,
       i % 500, TIMESTAMP '2025-01-01' + to_minutes(b), 'none'
  FROM (SELECT i, i // 25 AS b, (i % 25) + 25 * ((i // 100) % 40) AS k FROM range($1) t(i));
