// `import phabricator <dir>` of recorded Conduit responses: perceval's real maniphest.search
// pages and user.query / phid.query answers, a transaction.search with GerritBot's real
// comment, a restricted task with its history, and a truncated file.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../lib/log.ts';
import { openStore } from '../../store/index.ts';
import { runSource } from '../../sync/pipeline.ts';
import { renormalize } from '../../sync/renormalize.ts';
import { phabricatorSource } from './index.ts';

const dir = fileURLToPath(new URL('./fixtures/recorded', import.meta.url));
const samples = '/work/shared/samples/phabricator/perceval';
const deps = async () => ({ store: await openStore(':memory:'), log: silentLogger(), clock: () => new Date('2026-01-01T00:00:00Z'), fetch: globalThis.fetch });

describe('import phabricator <dir>', () => {
  it('stores tasks, history, people and projects, redacts the restricted task and rejects what it cannot read', async () => {
    const d = await deps();
    const summary = await runSource(d, { source: phabricatorSource, config: undefined, paths: [dir], options: {} });
    expect(summary.errors).toEqual([]);
    const tasks = await d.store.all<Record<string, unknown>>('SELECT task_id, title, status_class, priority_name, projects, restricted FROM tasks ORDER BY task_id');
    expect(tasks).toEqual([
      { task_id: 'T296', title: 'Task 296', status_class: 'open', priority_name: 'Low', projects: ['Team: Devel', 'PHID-PROJ-2qnt6thbrd7qnx5bitzy'], restricted: false },
      { task_id: 'T4242', title: null, status_class: null, priority_name: null, projects: null, restricted: true },
      { task_id: 'T69', title: 'Tasks #69', status_class: 'closed', priority_name: 'Unbreak Now!', projects: [], restricted: false },
      { task_id: 'T73', title: 'Task #73', status_class: 'closed', priority_name: 'Unbreak Now!', projects: [], restricted: false },
      { task_id: 'T78', title: 'Task #78', status_class: 'closed', priority_name: 'Unbreak Now!', projects: [], restricted: false },
    ]);
    expect(await d.store.all("SELECT dst_key, rule FROM links WHERE src_key = 'task:T69'")).toEqual([{ dst_key: 'change:gerrit.wikimedia.org:393751', rule: 'gerritbot' }]);
    // transaction.search.restricted.json: the restricted task's comment is refused, T73's owner change after it is kept.
    expect(await d.store.all('SELECT task_key, kind, new_value FROM task_events ORDER BY task_key, kind')).toEqual([
      { task_key: 'task:T69', kind: 'comment', new_value: null },
      { task_key: 'task:T69', kind: 'status', new_value: 'resolved' },
      { task_key: 'task:T73', kind: 'owner', new_value: 'phabricator:PHID-USER-mjr7pnwpg6slsnjcqki7' },
    ]);
    const [jdoe] = await d.store.all<Record<string, unknown>>("SELECT name, username FROM identities WHERE account = 'PHID-USER-2uk52xorcqb6sjvp467y'");
    expect(jdoe).toEqual({ name: 'John Doe', username: 'jdoe' });
    const rejects = await d.store.all<{ location: string; reason: string }>('SELECT location, reason FROM rejects ORDER BY location');
    expect(rejects.map((r) => [r.location.split('/').pop(), r.reason.split(':')[0]])).toEqual([
      ['broken.json', 'not a JSON Conduit response'],
      ['transaction.search.restricted.json', 'task T4242 is restricted'],
    ]);
    const all = JSON.stringify(await d.store.all('SELECT * FROM raw_records')) + JSON.stringify(await d.store.all('SELECT * FROM task_events'));
    expect(all).not.toContain('SECRET');
    await d.store.close();
  });

  it('renormalizes from raw_records to the same tables', async () => {
    const d = await deps();
    await runSource(d, { source: phabricatorSource, config: undefined, paths: [dir], options: {} });
    const before = await d.store.all('SELECT * FROM tasks ORDER BY task_key');
    await renormalize(d.store, [phabricatorSource as never], d.clock);
    expect(await d.store.all('SELECT * FROM tasks ORDER BY task_key')).toEqual(before);
    await d.store.close();
  });
});

describe.skipIf(!existsSync(samples))(`conformance with ${samples} (skipped when the shared samples are absent)`, () => {
  it('reads perceval maniphest.gettasktransactions-era task pages', async () => {
    const d = await deps();
    await runSource(d, { source: phabricatorSource, config: undefined, paths: [`${samples}/phabricator_tasks.json`, `${samples}/phabricator_tasks_next.json`], options: {} });
    const [{ n }] = await d.store.all<{ n: number }>('SELECT count(*) AS n FROM tasks');
    expect(n).toBe(4);
    await d.store.close();
  });
});
