// The rows of the flat-cost benchmark, one definition for both ways they are made: test
// result i and change i as JavaScript rows (written through the store's append and upsert
// paths) and as the SQL that bulk-fills the store before the measured batches. Shaped like
// what the junit and gerrit sources write: PHPUnit cases of 5,000-case builds (20 methods a
// class, data sets, 2% failures with a message), Gerrit changes with subjects and bug lists.
import type { Row } from '../../src/store/index.ts';

export const CASES_PER_BUILD = 5000;
const JOB = 'build:jenkins:integration.wikimedia.org/ci/job/quibble-vendor-mysql-php81-phpunit';
const T0 = Date.UTC(2025, 0, 1);

export function testResult(i: number): Row {
  const b = Math.floor(i / CASES_PER_BUILD);
  const k = i % CASES_PER_BUILD;
  const c = Math.floor(k / 20);
  const m = k % 20;
  const buildKey = `${JOB}/${b}`;
  const cls = `MediaWiki\\Tests\\Area${c % 50}\\Class${c}Test`;
  const name = `testMethod${m} with data set #${m % 4}`;
  const fail = (i * 2654435761) % 50 === 0;
  return {
    result_key: `${buildKey}/core:unit/${cls}/${name}#f${b % 997}.${k}`,
    build_key: buildKey, repo: 'mediawiki/core', suite: 'core:unit', class: cls, name,
    file: `/workspace/src/tests/phpunit/Class${c}Test.php`, status: fail ? 'fail' : 'pass',
    duration_ms: ((i * 7919) % 20000) / 10, message: fail ? `Failed asserting that two strings are identical (${cls}::testMethod${m})` : null,
    run_at: new Date(T0 + b * 60_000), raw_id: `jenkins:cases:${buildKey}@f${b % 997}:${k - (k % 2500)}#${(b * 31 + Math.floor(k / 2500)).toString(16).padStart(16, '0')}`,
    line: 20 + m, data_set: `#${m % 4}`, original_status: fail ? 'failure' : 'none',
  };
}

/** The same rows as SQL, for i in [from, to). */
export function testResultsSql(from: number, to: number): string {
  return `
INSERT INTO test_results (result_key, build_key, repo, suite, class, name, file, status, duration_ms, message, run_at, raw_id, line, data_set, original_status)
SELECT '${JOB}/' || b || '/core:unit/' || cls || '/' || name || '#f' || (b % 997) || '.' || k,
       '${JOB}/' || b, 'mediawiki/core', 'core:unit', cls, name, '/workspace/src/tests/phpunit/Class' || c || 'Test.php',
       CASE WHEN fail THEN 'fail' ELSE 'pass' END, ((i * 7919) % 20000) / 10,
       CASE WHEN fail THEN 'Failed asserting that two strings are identical (' || cls || '::testMethod' || m || ')' END,
       make_timestamp(${T0 * 1000}::BIGINT + b * 60000000::BIGINT),
       'jenkins:cases:${JOB}/' || b || '@f' || (b % 997) || ':' || (k - k % 2500) || '#' || lpad(printf('%x', b * 31 + k // 2500), 16, '0'),
       20 + m, '#' || (m % 4), CASE WHEN fail THEN 'failure' ELSE 'none' END
  FROM (SELECT i, b, k, c, m, 'MediaWiki\\Tests\\Area' || (c % 50) || '\\Class' || c || 'Test' AS cls,
               'testMethod' || m || ' with data set #' || (m % 4) AS name, (i * 2654435761) % 50 = 0 AS fail
          FROM (SELECT i, i // ${CASES_PER_BUILD} AS b, i % ${CASES_PER_BUILD} AS k, (i % ${CASES_PER_BUILD}) // 20 AS c, i % 20 AS m
                  FROM range(${from}::BIGINT, ${to}::BIGINT) t(i)))`;
}

const HOST = 'gerrit.wikimedia.org';

/** Change n at version v (a later version has a later updated_at and another subject). */
export function change(n: number, v = 0): Row {
  return {
    change_key: `change:${HOST}:${n}`, host: HOST, number: n, change_id: `I${(n * 2654435761).toString(16).padStart(40, '0').slice(-40)}`,
    project: `mediawiki/extensions/Ext${n % 300}`, branch: 'master', subject: `Fix ${n % 97} in Foo (v${v})`,
    owner: `gerrit:${n % 400}`, owner_name: `Person ${n % 400}`, status: v > 0 ? 'merged' : 'open', original_status: v > 0 ? 'MERGED' : 'NEW',
    created_at: new Date(T0 + n * 1000), updated_at: new Date(T0 + n * 1000 + v * 3_600_000), merged_at: v > 0 ? new Date(T0 + n * 1000 + v * 3_600_000) : null,
    patchset_count: 1 + v, current_sha: (n * 40503 + v).toString(16).padStart(40, '0'), bug_tasks: [`T${200_000 + (n % 5000)}`],
    raw_id: `gerrit:change:${n}#${v.toString(16).padStart(16, '0')}`,
  };
}

export function changesSql(from: number, to: number): string {
  return `
INSERT INTO changes (change_key, host, number, change_id, project, branch, subject, owner, owner_name, status, original_status,
                     created_at, updated_at, patchset_count, current_sha, bug_tasks, raw_id)
SELECT 'change:${HOST}:' || n, '${HOST}', n, 'I' || lpad(printf('%x', n * 2654435761), 40, '0'), 'mediawiki/extensions/Ext' || (n % 300), 'master',
       'Fix ' || (n % 97) || ' in Foo (v0)', 'gerrit:' || (n % 400), 'Person ' || (n % 400), 'open', 'NEW',
       make_timestamp(${T0 * 1000}::BIGINT + n * 1000000::BIGINT), make_timestamp(${T0 * 1000}::BIGINT + n * 1000000::BIGINT), 1,
       lpad(printf('%x', n * 40503), 40, '0'), ['T' || (200000 + n % 5000)], 'gerrit:change:' || n || '#' || lpad('0', 16, '0')
  FROM range(${from}::BIGINT, ${to}::BIGINT) t(n)`;
}
