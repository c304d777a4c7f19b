// Hand-worked: Echo's testSave passed in b1, core change 900 was merged an hour later, and
// the test failed in b2 and on two more changes of one topic (2 unrelated) until b5: 900
// is the only core or vendor change in between (901 came before the pass, vendor's 902
// after the failure). testFlaky failed on one change only: not a breakage. Core's
// testParse broke after two core merges and failed on a change and on the main line: the
// newest, 904, is named, and the verdict says it is not certain.
import { describe, expect, it } from 'vitest';
import { openStore } from '../../store/index.ts';
import { runMetric } from '../run.ts';
import { testsBrokenByChange } from './tests_broken_by_change.ts';

const t = (s: string) => new Date(`2025-03-${s}Z`);

async function world() {
  const store = await openStore(':memory:');
  const ch = (n: number, project: string, o: Record<string, unknown>) => ({ change_key: `change:g:${n}`, host: 'g', number: n, project, branch: 'master', ...o });
  await store.write('changes', [
    ch(900, 'mediawiki/core', { status: 'merged', merged_at: t('01T11:00:00'), subject: 'Remove deprecated Title alias', owner_name: 'Ann Core' }),
    ch(901, 'mediawiki/core', { status: 'merged', merged_at: t('01T09:00:00'), subject: 'Before the pass' }),
    ch(902, 'mediawiki/vendor', { status: 'merged', merged_at: t('01T13:00:00'), subject: 'After the failure' }),
    ch(903, 'mediawiki/core', { status: 'merged', merged_at: t('03T11:00:00'), subject: 'Parser: one' }),
    ch(904, 'mediawiki/core', { status: 'merged', merged_at: t('03T11:30:00'), subject: 'Parser: two', owner_name: 'Bo Parser' }),
    ch(905, 'mediawiki/core', { status: 'open', subject: 'not merged' }),
    ch(12, 'mediawiki/extensions/Echo', { status: 'new' }), ch(13, 'mediawiki/extensions/Echo', { status: 'new', topic: 'x' }),
    ch(14, 'mediawiki/extensions/Echo', { status: 'new', topic: 'x' }),
  ]);
  const build = (id: string, repo: string, at: string, change: number | null, pipeline = 'test') => ({
    build_key: `build:j:${id}`, system: 'jenkins', repo, started_at: t(at), pipeline, change_key: change === null ? null : `change:g:${change}`, result: 'failure',
  });
  const ECHO = 'mediawiki/extensions/Echo';
  await store.write('ci_builds', [
    build('b1', ECHO, '01T10:00:00', 11), build('b2', ECHO, '01T12:00:00', 12), build('b3', ECHO, '01T14:00:00', 13),
    build('b4', ECHO, '01T15:00:00', 14), build('b5', ECHO, '02T10:00:00', 15),
    build('b6', 'mediawiki/core', '03T10:00:00', 19), build('b7', 'mediawiki/core', '03T12:00:00', 20), build('b8', 'mediawiki/core', '03T12:30:00', null, 'postmerge'),
  ]);
  const res = (b: string, name: string, status: string, message: string | null = null) => ({
    result_key: `build:j:${b}/s/C/${name}#0`, build_key: `build:j:${b}`, suite: 's', class: 'C', name, status, message,
  });
  await store.write('test_results', [
    res('b1', 'testSave', 'pass'), res('b2', 'testSave', 'fail', 'Call to undefined method Title::newFromTextThrow()'),
    res('b3', 'testSave', 'error', 'Call to undefined method'), res('b4', 'testSave', 'fail'), res('b5', 'testSave', 'pass'),
    res('b1', 'testFlaky', 'pass'), res('b2', 'testFlaky', 'fail', 'timeout'), res('b3', 'testFlaky', 'pass'),
    res('b6', 'testParse', 'pass'), res('b7', 'testParse', 'fail', 'Parser output differs'), res('b8', 'testParse', 'fail'),
  ]);
  return store;
}

describe('report tests_broken_by_change', () => {
  it('names the dependency change between the last pass and the first failure, with both runs as evidence', async () => {
    const store = await world();
    const r = await runMetric(testsBrokenByChange, { store, clock: () => new Date() }, {});
    expect(r.rows.map((x) => [x.repo, x.name, x.broken_by, x.candidates, x.unrelated_changes, x.failed_runs])).toEqual([
      ['mediawiki/core', 'testParse', 'change:g:904', ['change:g:904', 'change:g:903'], 2, 2],
      ['mediawiki/extensions/Echo', 'testSave', 'change:g:900', ['change:g:900'], 2, 3],
    ]);
    const save = r.rows[1];
    expect(save).toMatchObject({
      broken_by_subject: 'Remove deprecated Title alias', broken_by_owner: 'Ann Core',
      verdict: 'the only core or vendor change merged between the last pass and the first failure',
      last_pass_build: 'build:j:b1', first_fail_build: 'build:j:b2', first_message: 'Call to undefined method Title::newFromTextThrow()',
    });
    expect(save.evidence).toBe('passed in build:j:b1 at 2025-03-01T10:00:00Z; failed in build:j:b2 at 2025-03-01T12:00:00Z'
      + ' ("Call to undefined method Title::newFromTextThrow()"), then on 2 unrelated changes; merged in between: 900 "Remove deprecated Title alias" by Ann Core merged 2025-03-01T11:00:00Z');
    expect(r.rows[0].verdict).toMatch(/^the newest of 2 .* \(not certain\)$/);
    // a flaky failure on one change is a breakage only when asked for min_changes=1
    const one = await runMetric(testsBrokenByChange, { store, clock: () => new Date() }, { min_changes: '1', repo: 'mediawiki/extensions/Echo' });
    expect(one.rows.map((x) => [x.name, x.broken_by])).toEqual([['testFlaky', 'change:g:900'], ['testSave', 'change:g:900']]);
    const before = await runMetric(testsBrokenByChange, { store, clock: () => new Date() }, { until: '2025-03-02' });
    expect(before.rows.map((x) => x.name)).toEqual(['testSave']);
    await store.close();
  });
});
