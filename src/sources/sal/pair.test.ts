// Pairing of SAL entries into deployments: nearest Started for the same deployer and
// message, failures and aborts, re-runs, unfinished runs, the testserver pause and its
// rollback, single-line syncs whose start is computed from the duration.
import { describe, expect, it } from 'vitest';
import { pairEntries, type PairEntry } from './pair.ts';

let n = 0;
function entry(at: string, user: string | null, message: string, host: string | null = 'deploy1002'): PairEntry {
  n++;
  return { entryKey: `sal:e${n}`, loggedAt: new Date(`2024-03-05T${at}Z`), userName: user, host, message, rawId: `sal:es-doc:e${n}#x` };
}

const BP = 'Backport for [[gerrit:1000|Fix a (T1)]], [[gerrit:1001|Fix b]]';

describe('pairEntries', () => {
  it('pairs each Finished with the nearest Started of the same deployer and message', () => {
    const r = pairEntries([
      entry('10:00:00', 'alice', `Started scap sync-world: ${BP}`),
      entry('10:01:00', 'bob', `Started scap sync-world: ${BP}`),
      entry('10:02:00', 'alice', `Started scap sync-world: ${BP}`), // re-run: the first stays unfinished
      entry('10:09:00', 'alice', `Finished scap sync-world: ${BP} (duration: 07m 00s)`),
      entry('10:12:00', 'bob', `Finished scap sync-world: ${BP} (duration: 11m 00s)`),
    ]);
    const byKey = Object.fromEntries(r.deployments.map((d) => [d.deploy_key, d]));
    expect(byKey['deploy:sal:e3']).toMatchObject({ kind: 'backport', outcome: 'ok', duration_s: 420, deployer: 'alice', finished_at: new Date('2024-03-05T10:09:00Z') });
    expect(byKey['deploy:sal:e2']).toMatchObject({ outcome: 'ok', duration_s: 660, deployer: 'bob' });
    expect(byKey['deploy:sal:e1']).toMatchObject({ outcome: 'unfinished', finished_at: null, duration_s: null });
    expect(r.deployments).toHaveLength(3);
    const items = r.items.filter((i) => i.deploy_key === 'deploy:sal:e3');
    expect(items.map((i) => [i.change_number, i.task_id])).toEqual([[1000, null], [1001, null], [null, 'T1']]);
    expect(r.links.filter((l) => l.src_key === 'deploy:sal:e3').map((l) => [l.dst_key, l.rule])).toEqual([
      ['change:gerrit.wikimedia.org:1000', 'sal-gerrit-markup'], ['change:gerrit.wikimedia.org:1001', 'sal-gerrit-markup'], ['task:T1', 'sal-task-ref'],
    ]);
  });

  it('ends a run with sync-world failed or aborted, and marks the testserver pause and rollback', () => {
    const r = pairEntries([
      entry('11:00:00', 'alice', `Started scap sync-world: ${BP}`),
      entry('11:04:00', 'alice', `alice, bob: ${BP} synced to the testservers (see https://wikitech.wikimedia.org/wiki/Mwdebug). Changes can now be verified there.`),
      entry('11:06:00', 'alice', 'sync-world failed: <CalledProcessError> boom (scap version: 4.150.0) (duration: 06m 01s)'),
      entry('12:00:00', 'carol', 'Started scap sync-world: Backport for [[gerrit:2000|x]]'),
      entry('12:01:00', 'carol', 'carol: Backport for [[gerrit:2000|x]] synced to the testservers (https://wikitech.wikimedia.org/wiki/Mwdebug)'),
      entry('12:03:00', 'carol', 'carol: Rolling back deployment'),
      entry('12:05:00', 'carol', 'Finished scap sync-world: Backport for [[gerrit:2000|x]] (duration: 05m 00s)'),
      entry('13:00:00', 'dave', 'Started scap: testwikis to 1.42.0-wmf.20  refs T360000'),
      entry('13:00:30', 'dave', 'sync-world aborted: testwikis to 1.42.0-wmf.20  refs T360000 (duration: 00m 30s)'),
    ]);
    const [a, c, d] = r.deployments;
    expect(a).toMatchObject({ kind: 'backport', outcome: 'failed', staged: true, duration_s: 361 });
    expect(c).toMatchObject({ kind: 'backport', outcome: 'aborted', staged: true, duration_s: 300 });
    expect(d).toMatchObject({ kind: 'train-promote', outcome: 'aborted', staged: false, duration_s: 30 });
    expect(r.items.filter((i) => i.deploy_key === d.deploy_key).map((i) => [i.task_id, i.version, i.wiki_group]))
      .toEqual([['T360000', null, null], [null, '1.42.0-wmf.20', 'testwikis']]);
  });

  it('keeps single-line syncs, computing the start from the duration, and end lines whose start is missing', () => {
    const r = pairEntries([
      entry('09:00:47', 'alice', 'Synchronized wmf-config/InitialiseSettings.php: SWAT: [[gerrit:3000|Enable (T3)]] (duration: 00m 47s)'),
      entry('09:10:00', 'alice', 'rebuilt and synchronized wikiversions files: group2 to 1.42.0-wmf.20  refs T360000'),
      entry('09:20:00', 'bob', 'Finished scap php-fpm-restart: opcache (duration: 01m 40s)'),
      entry('09:30:00', 'bob', 'scap failed: RuntimeError x (duration: 02m 00s)'),
    ]);
    expect(r.deployments.map((d) => [d.kind, d.outcome, d.started_at, d.duration_s])).toEqual([
      ['sync-file', 'ok', new Date('2024-03-05T09:00:00Z'), 47],
      ['train-promote', 'ok', new Date('2024-03-05T09:10:00Z'), null],
      ['php-fpm-restart', 'ok', new Date('2024-03-05T09:18:20Z'), 100],
      ['sync-world', 'failed', new Date('2024-03-05T09:28:00Z'), 120],
    ]);
    expect(r.items.find((i) => i.path)).toMatchObject({ path: 'wmf-config/InitialiseSettings.php' });
  });

  it('pairs scap3 deploys, locks and cookbooks by repo or cookbook name', () => {
    const r = pairEntries([
      entry('08:00:00', 'joal', 'Started deploy [airflow-dags/analytics@8b8a456]: Fix job'),
      entry('08:00:10', 'cumin1002', 'START - Cookbook sre.hosts.reboot-single for host mw1400.eqiad.wmnet', null),
      entry('08:00:20', 'joal', 'Locking from deployment [ALL REPOSITORIES]: freeze (planned duration: 30m 00s)'),
      entry('08:00:31', 'joal', 'Finished deploy [airflow-dags/analytics@8b8a456]: Fix job (duration: 00m 31s)'),
      entry('08:05:00', 'cumin1002', 'END (FAIL) - Cookbook sre.hosts.reboot-single (exit_code=99) for host mw1400.eqiad.wmnet', null),
      entry('08:20:20', 'joal', 'Unlocked for deployment [ALL REPOSITORIES]: freeze (duration: 20m 00s)'),
      entry('08:30:00', 'joal', 'Started restart [cxserver/deploy@abcdef1]: restart'),
    ]);
    expect(r.deployments.map((d) => [d.kind, d.outcome, d.duration_s, d.repo])).toEqual([
      ['scap3-deploy', 'ok', 31, 'airflow-dags/analytics'],
      ['cookbook', 'failed', 290, null],
      ['lock', 'ok', 1200, 'ALL REPOSITORIES'],
      ['scap3-restart', 'ok', null, 'cxserver/deploy'],
    ]);
  });

  it('closes a start left open for two days as unfinished, and ignores human lines', () => {
    const r = pairEntries([
      { ...entry('10:00:00', 'alice', 'Started scap sync-world: x'), loggedAt: new Date('2024-03-01T10:00:00Z') },
      entry('10:00:00', 'alice', 'Finished scap sync-world: x (duration: 01m 00s)'),
      entry('10:05:00', 'marostegui', 'Add tmp1 index back on db1101:3318 - T194273', null),
    ]);
    expect(r.deployments.map((d) => [d.deploy_key, d.outcome])).toEqual([['deploy:sal:e' + (n - 2), 'unfinished'], ['deploy:sal:e' + (n - 1), 'ok']]);
  });
});
