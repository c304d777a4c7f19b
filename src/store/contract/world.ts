// The hand-made dataset the contract suite answers reports and routes from on every
// engine: the steward metrics' world and the API test world's rows (src/api/test-world.ts
// seedRows), plus the commits a git import would have written and a few CI builds, all
// through store.write, so no engine's SQL builds it.
import { seedRows, NOW } from '../../api/test-world.ts';
import { seedStewardWorld } from '../../metrics/steward_activity/steward.fixture.ts';
import type { Store } from '../index.ts';

export { NOW };

export async function seedContractWorld(store: Store): Promise<void> {
  await seedStewardWorld(store);
  await seedRows(store);
  const day = (d: number, h: number) => new Date(Date.UTC(2024, 1, d, h));
  await store.write('commits', [
    { commit_key: 'commit:mediawiki/extensions/Example:a1', repo: 'mediawiki/extensions/Example', sha: 'a1', parents: [], is_merge: false, first_parent: true, author_name: 'Alice', author_email: 'alice@example.org', authored_at: day(1, 9), committed_at: day(1, 9), subject: 'Initial import', files: ['file0.txt'], bug_tasks: [] },
    { commit_key: 'commit:mediawiki/extensions/Example:a2', repo: 'mediawiki/extensions/Example', sha: 'a2', parents: ['a1'], is_merge: false, first_parent: true, author_name: 'Alice', author_email: 'alice@example.org', authored_at: day(2, 10), committed_at: day(2, 10), subject: 'Escape subjects', change_id: 'I0000000000000000000000000000000000001001', files: ['file1.txt'], bug_tasks: ['T100'] },
  ]);
  await store.write('test_results', [2, 3, 4, 5].flatMap((d) => [
    { result_key: `build:jenkins:quibble/${d}/unit/SaveTest/testSave#1`, build_key: `build:jenkins:quibble/${d}`, repo: 'mediawiki/extensions/Example', suite: 'unit', class: 'SaveTest', name: 'testSave', status: d % 2 ? 'pass' : 'fail', duration_ms: d, run_at: day(d + 1, 9) },
    { result_key: `build:jenkins:quibble/${d}/unit/SaveTest/testLoad#1`, build_key: `build:jenkins:quibble/${d}`, repo: 'mediawiki/extensions/Example', suite: 'unit', class: 'SaveTest', name: 'testLoad', status: 'pass', duration_ms: 3, run_at: day(d + 1, 9) },
  ]));
  const raw = (key: string, hash: string) => ({ raw_id: `sal:entry:${key}#${hash}`, source: 'sal', scope: 'sal.txt', kind: 'entry', key, fetched_at: NOW, url: 'sal.txt', payload: key, content_hash: hash });
  await store.storeRaw([raw('a', '0000000000000001'), raw('b', '0000000000000002')]);
  await store.upsert('sync_state', [{ source: 'sal', scope: 'sal.txt', cursor: '2', last_run_at: NOW, last_success_at: day(20, 12), items_total: 2 }]);
  await store.write('ci_builds', [2, 3, 4, 5].map((d) => (
    { build_key: `build:jenkins:quibble/${d}`, system: 'jenkins', pipeline: d === 4 ? 'test' : 'gate-and-submit', job: 'quibble', build_number: d, result: d % 2 ? 'success' : 'failure', duration_s: 600 + d, started_at: day(d + 1, 9), repo: 'mediawiki/extensions/Example' }
  )));
}
