// Hand-made inputs for the derive steps, each with what its output tables must show: used by
// derive.chdb.test.ts to run every step on DuckDB and ClickHouse and compare the rows.
import { expect } from 'vitest';

type Row = Record<string, unknown>;

export interface DeriveCase {
  name: string;
  /** Rows written (store.write) before the steps run. */
  input: Record<string, Row[]>;
  /** Per output table: a check of the DuckDB rows (plain JSON, times as ISO text). */
  expect: Record<string, (rows: Row[]) => void>;
}

const at = (s: string) => new Date(`2026-02-${s}Z`);
const pick = (rows: Row[], cols: string[]) => rows.map((r) => Object.fromEntries(cols.map((c) => [c, r[c] ?? null])));

export const CASES: DeriveCase[] = [
  {
    name: 'test-results-from-builds: repo and run_at from the build',
    input: {
      ci_builds: [
        { build_key: 'build:jenkins:h/ci/job/a/1', system: 'jenkins', repo: 'mediawiki/core', started_at: at('01T10:00:00'), reported_at: at('01T10:30:00') },
        { build_key: 'build:jenkins:h/ci/job/a/2', system: 'jenkins', repo: null, started_at: null, reported_at: at('02T10:30:00') },
      ],
      test_results: [
        { result_key: 'r1', build_key: 'build:jenkins:h/ci/job/a/1', name: 't1', status: 'pass' },
        { result_key: 'r2', build_key: 'build:jenkins:h/ci/job/a/1', name: 't2', status: 'fail', repo: 'other', run_at: at('01T09:00:00') },
        { result_key: 'r3', build_key: 'build:jenkins:h/ci/job/a/2', name: 't3', status: 'pass' },
        { result_key: 'r4', build_key: 'build:junit:nowhere', name: 't4', status: 'skip' },
      ],
    },
    expect: {
      test_results: (rows) => expect(pick(rows, ['result_key', 'repo', 'run_at'])).toEqual([
        { result_key: 'r1', repo: 'mediawiki/core', run_at: '2026-02-01T10:00:00.000Z' },
        { result_key: 'r2', repo: 'other', run_at: '2026-02-01T09:00:00.000Z' },
        { result_key: 'r3', repo: null, run_at: '2026-02-02T10:30:00.000Z' },
        { result_key: 'r4', repo: null, run_at: null },
      ]),
    },
  },
  {
    name: 'windows, config deploys and the link rules',
    // No log_entries: the SAL step would rebuild the SAL deployments from them.
    input: {
      repos: [{ repo_key: 'repo:operations/mediawiki-config', name: 'operations/mediawiki-config', default_branch: 'master' }],
      windows: [
        { window_key: 'window:cal-1', name: 'UTC late backport', kind: 'backport', source: 'calendar', planned_start: at('03T10:00:00'), planned_end: at('03T11:00:00'), deployers: ['alice'] },
        { window_key: 'window:cal-2', name: 'Train', kind: 'train', source: 'calendar', planned_start: at('04T18:00:00'), planned_end: at('04T20:00:00') },
        { window_key: 'window:wf-1', name: null, kind: 'backport', source: 'workflow', opened_at: at('03T10:05:00'), closed_at: at('03T10:40:00') },
      ],
      deployments: [
        { deploy_key: 'deploy:sal:s1', kind: 'backport', started_at: at('03T10:10:00'), finished_at: at('03T10:20:00'), deployer: 'alice', outcome: 'ok' },
        { deploy_key: 'deploy:sal:s2', kind: 'train-promote', started_at: at('04T18:30:00'), finished_at: at('04T18:45:00'), deployer: 'bob', outcome: 'ok' },
        { deploy_key: 'deploy:sal:s3', kind: 'sync-file', started_at: at('05T08:00:00'), finished_at: at('05T08:01:00'), deployer: 'carol', outcome: 'ok', window_key: 'window:gone' },
        { deploy_key: 'deploy:workflow:w1', kind: 'backport', started_at: at('03T10:09:30'), finished_at: at('03T10:25:00'), deployer: 'alice', outcome: 'ok' },
        { deploy_key: 'deploy:git:aaa111', kind: 'config-merge', started_at: at('02T09:00:00'), finished_at: at('02T09:00:00'), duration_s: 0, deployer: 'git:dev@example.org', repo: 'operations/mediawiki-config' },
        { deploy_key: 'deploy:git:bbb222', kind: 'config-merge', started_at: at('02T12:00:00'), finished_at: at('02T12:00:00'), duration_s: 0, deployer: 'git:dev@example.org', repo: 'operations/mediawiki-config' },
      ],
      deployment_items: [
        { item_key: 'deploy:git:aaa111/1', deploy_key: 'deploy:git:aaa111', change_id: 'Iaaa' },
        { item_key: 'deploy:git:bbb222/1', deploy_key: 'deploy:git:bbb222', change_id: 'Ibbb' },
        { item_key: 'deploy:sal:s1/1', deploy_key: 'deploy:sal:s1', change_number: 7 },
      ],
      commits: [
        { commit_key: 'commit:operations/mediawiki-config:aaa111', repo: 'operations/mediawiki-config', sha: 'aaa111', committed_at: at('02T09:00:00'), author_email: 'Dev@example.org', change_id: 'Iaaa' },
        { commit_key: 'commit:operations/mediawiki-config:bbb222', repo: 'operations/mediawiki-config', sha: 'bbb222', committed_at: at('02T12:00:00'), author_email: 'dev@example.org', change_id: 'Ibbb' },
      ],
      changes: [
        { change_key: 'change:g:5', host: 'g', number: 5, change_id: 'Iaaa', project: 'operations/mediawiki-config', branch: 'master', status: 'merged', created_at: at('01T08:00:00'), merged_at: at('02T09:30:00'), submitter: 'gerrit:1', depends_on: ['Iccc'] },
        { change_key: 'change:g:6', host: 'g', number: 6, change_id: 'Iaaa', project: 'operations/mediawiki-config', branch: 'wmf/1', status: 'merged', merged_at: at('02T09:40:00') },
        { change_key: 'change:g:7', host: 'g', number: 7, change_id: 'Iccc', project: 'mediawiki/core', branch: 'master', status: 'open', created_at: at('01T07:00:00') },
      ],
      patchsets: [{ patchset_key: 'change:g:5/1', change_key: 'change:g:5', number: 1, sha: 'aaa111' }],
      votes: [
        { vote_key: 'change:g:5/1/Code-Review/gerrit:2/1', change_key: 'change:g:5', patchset: 1, label: 'Code-Review', value: 2, voter: 'gerrit:2', voted_at: at('02T09:20:00') },
        { vote_key: 'change:g:5/1/Code-Review/gerrit:3/2', change_key: 'change:g:5', patchset: 1, label: 'Code-Review', value: 2, voter: 'gerrit:3', voted_at: at('02T09:50:00') },
      ],
      incidents: [
        { incident_key: 'incident:i1', title: 'outage', started_at: at('03T11:00:00'), sal_ids: ['s1'], changes: [7], preceding_hours: 2 },
        { incident_key: 'incident:i2', title: 'quiet', started_at: at('05T08:30:00') },
      ],
      ci_builds: [
        { build_key: 'build:jenkins:h/ci/job/j/9', system: 'jenkins', url: 'https://h/ci/job/j/9/', started_at: at('01T10:00:00') },
        { build_key: 'build:zuul:h/ci/job/j/9', system: 'zuul', reported_at: at('01T10:20:00') },
      ],
    },
    expect: {
      deployments: (rows) => expect(pick(rows, ['deploy_key', 'window_key', 'started_at', 'deployer', 'time_basis'])).toEqual([
        { deploy_key: 'deploy:git:aaa111', window_key: null, started_at: '2026-02-02T09:30:00.000Z', deployer: 'gerrit:2', time_basis: 'gerrit-submit' },
        { deploy_key: 'deploy:git:bbb222', window_key: null, started_at: '2026-02-02T12:00:00.000Z', deployer: 'git:dev@example.org', time_basis: 'git-commit' },
        { deploy_key: 'deploy:sal:s1', window_key: 'window:wf-1', started_at: '2026-02-03T10:10:00.000Z', deployer: 'alice', time_basis: null },
        { deploy_key: 'deploy:sal:s2', window_key: 'window:cal-2', started_at: '2026-02-04T18:30:00.000Z', deployer: 'bob', time_basis: null },
        { deploy_key: 'deploy:sal:s3', window_key: null, started_at: '2026-02-05T08:00:00.000Z', deployer: 'carol', time_basis: null },
        { deploy_key: 'deploy:workflow:w1', window_key: 'window:wf-1', started_at: '2026-02-03T10:09:30.000Z', deployer: 'alice', time_basis: null },
      ]),
      deployment_items: (rows) => expect(pick(rows, ['item_key', 'change_key'])).toEqual([
        { item_key: 'deploy:git:aaa111/1', change_key: 'change:g:5' },
        { item_key: 'deploy:git:bbb222/1', change_key: null },
        { item_key: 'deploy:sal:s1/1', change_key: null },
      ]),
      links: (rows) => expect(pick(rows, ['rule', 'src_key', 'dst_key']).map((r) => `${r.rule} ${r.src_key} ${r.dst_key}`).sort()).toEqual([
        'change-id commit:operations/mediawiki-config:aaa111 change:g:5',
        'config-deploy-change deploy:git:aaa111 change:g:5',
        'depends-on change:g:5 change:g:7',
        'deploy-in-window deploy:sal:s1 window:wf-1',
        'deploy-in-window deploy:sal:s2 window:cal-2',
        'deploy-in-window deploy:workflow:w1 window:wf-1',
        'incident-reference incident:i1 deploy:sal:s1',
        'jenkins-zuul-url build:jenkins:h/ci/job/j/9 build:zuul:h/ci/job/j/9',
        'same-deploy deploy:workflow:w1 deploy:sal:s1',
        'time-proximity incident:i1 deploy:sal:s1',
        'time-proximity incident:i1 deploy:workflow:w1',
        'time-proximity incident:i2 deploy:sal:s3',
        'window-plan window:wf-1 window:cal-1',
      ]),
    },
  },
];
