// `sync phabricator` end to end against a local Conduit-like server: three cursor pages,
// a 429 with Retry-After, a 500, a bad token, and a restricted task whose content must not
// reach raw_records, tasks, task_events or links.
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../lib/log.ts';
import { openStore, type Store } from '../../store/index.ts';
import { runSource } from '../../sync/pipeline.ts';
import { conduitError, startConduit, type Handler } from './fixtures/conduit-server.ts';
import { conduitWorld, task, TASKS, T0 } from './fixtures/world.ts';
import { phabricatorSource } from './index.ts';

const NOW = new Date('2026-01-01T00:00:00Z');
let close: (() => Promise<void>) | undefined;
afterEach(async () => close?.());

async function sync(store: Store, handler: Handler, extra: Record<string, unknown> = {}) {
  const server = await startConduit(handler);
  close = server.close;
  const sleeps: number[] = [];
  const config = phabricatorSource.configSchema.parse({ url: server.url, token: 'api-secrettoken0000000000000000', page_size: 2, backoff_ms: 100, ...extra });
  const summary = await runSource(
    { store, log: silentLogger(), clock: () => NOW, fetch: globalThis.fetch, sleep: async (ms: number) => void sleeps.push(ms), random: () => 0.5 },
    { source: phabricatorSource, config, paths: [], options: {} },
  );
  return { summary, sleeps, requests: server.requests, url: server.url };
}

/** The world, with a 429 (Retry-After: 2) on page 2 and a 500 on page 3, once each. */
function flaky(): Handler {
  const failed = new Set<string>();
  const world = conduitWorld();
  return (req) => {
    const after = req.form.get('after');
    if (req.method === 'maniphest.search' && after === '2' && !failed.has('429')) {
      failed.add('429');
      return { status: 429, headers: { 'retry-after': '2' }, body: 'Too Many Requests' };
    }
    if (req.method === 'maniphest.search' && after === '4' && !failed.has('500')) {
      failed.add('500');
      return { status: 500, body: '<html>Internal error</html>' };
    }
    return world(req);
  };
}

async function everyText(store: Store): Promise<string> {
  const tables = ['raw_records', 'tasks', 'task_events', 'links', 'rejects', 'identities', 'phab_projects'];
  const parts = await Promise.all(tables.map(async (t) => JSON.stringify(await store.all(`SELECT * FROM ${t}`))));
  return parts.join('\n');
}

describe('sync phabricator', () => {
  it('pages with after, retries 429 (honouring Retry-After) and 500, and stores tasks, history and links', async () => {
    const store = await openStore(':memory:');
    const { summary, sleeps, requests } = await sync(store, flaky());
    expect(summary.errors).toEqual([]);
    const searches = requests.filter((r) => r.method === 'maniphest.search' && !r.form.has('constraints[parentIDs][0]'));
    expect(searches.map((r) => r.form.get('after'))).toEqual([null, '2', '2', '4', '4']);
    expect(sleeps).toEqual([2000, 75]); // Retry-After: 2 s, then backoff_ms·2^0 at 75 % (jitter 0.5)
    const t1History = requests.filter((r) => r.method === 'transaction.search' && r.form.get('objectIdentifier') === 'T1');
    expect(t1History.map((r) => r.form.get('after'))).toEqual([null, '3']);
    expect(searches[0].form.get('api.token')).toBe('api-secrettoken0000000000000000');
    expect(searches[0].form.get('attachments[projects]')).toBe('1');
    expect(searches[0].form.get('attachments[subscribers]')).toBe('1');
    expect(searches[0].form.get('order')).toBe('outdated');

    const tasks = await store.all<Record<string, unknown>>('SELECT task_id, title, status, status_class, subtype, priority_value, priority_name, projects, restricted, release_version, closed_at FROM tasks ORDER BY task_id');
    expect(tasks.map((t) => t.task_id)).toEqual(['T1', 'T2', 'T3', 'T4', 'T5', 'T6']);
    expect(tasks[0]).toEqual({
      task_id: 'T1', title: 'Task 1', status: 'resolved', status_class: 'closed', subtype: 'bug', priority_value: 90,
      priority_name: 'Needs Triage', projects: ['MediaWiki-extensions-Math'], restricted: false, release_version: null,
      closed_at: new Date((T0 + 5 * 86400) * 1000),
    });
    expect(tasks[5]).toMatchObject({ status: 'stalled', status_class: 'open' });
    expect(tasks[3]).toMatchObject({ subtype: 'release', release_version: '1.45.0-wmf.5' });

    const events = await store.all<Record<string, unknown>>("SELECT kind, old_value, new_value, author FROM task_events WHERE task_key = 'task:T1' ORDER BY occurred_at, kind");
    expect(events).toEqual([
      { kind: 'create', old_value: null, new_value: null, author: 'phabricator:PHID-USER-author00000000000000' },
      { kind: 'priority', old_value: '90', new_value: '80', author: 'phabricator:PHID-USER-owner000000000000000' },
      { kind: 'comment', old_value: null, new_value: null, author: 'phabricator:PHID-USER-idceizaw6elwiwm5xshb' },
      { kind: 'status', old_value: 'open', new_value: 'resolved', author: 'phabricator:PHID-USER-owner000000000000000' },
    ]);
    const links = await store.all<Record<string, unknown>>('SELECT src_key, dst_key, rule, evidence, confidence FROM links ORDER BY rule, src_key');
    expect(links).toEqual([
      { src_key: 'task:T1', dst_key: 'change:gerrit.wikimedia.org:393751', rule: 'gerritbot', evidence: 'Change 393751 had a related patch set uploaded (by Gilles; owner: Gilles):', confidence: 'high' },
      { src_key: 'task:T4', dst_key: 'train:1.45.0-wmf.5', rule: 'release-task', evidence: 'custom.release.version: 1.45.0-wmf.5', confidence: 'high' },
      { src_key: 'task:T2', dst_key: 'task:T4', rule: 'subtask', evidence: 'subtask of T4', confidence: 'high' },
      { src_key: 'task:T3', dst_key: 'task:T4', rule: 'subtask', evidence: 'subtask of T4', confidence: 'high' },
    ]);
    const people = await store.all('SELECT identity_key, username FROM identities ORDER BY identity_key');
    expect(people).toHaveLength(3);
    await store.close();
  });

  it('never writes a restricted task\'s content: raw_records, tasks, task_events, links, rejects', async () => {
    const store = await openStore(':memory:');
    const { requests } = await sync(store, conduitWorld());
    expect(requests.some((r) => r.method === 'transaction.search' && r.form.get('objectIdentifier') === 'T3')).toBe(false);
    expect(await everyText(store)).not.toMatch(/SECRET|PHID-PROJ-security|PHID-TASK-x+3"/);
    const [raw] = await store.all<{ payload: string }>("SELECT payload FROM raw_records WHERE kind = 'task' AND key = 'T3@restricted'");
    expect(JSON.parse(raw.payload)).toEqual({ id: 3, type: 'TASK', restricted: true, observed_at: '2026-01-01T00:00:00.000Z' });
    const [t3] = await store.all<Record<string, unknown>>("SELECT * FROM tasks WHERE task_id = 'T3'");
    expect(t3).toMatchObject({ restricted: true, title: null, status: null, author: null, projects: null, created_at: null });
    expect(await store.all("SELECT * FROM task_events WHERE task_key = 'task:T3'")).toEqual([]);
    await store.close();
  });

  it('purges what an earlier sync stored of a task that has since become restricted', async () => {
    const store = await openStore(':memory:');
    const wasPublic = TASKS.map((t) => (t.id === 3 ? task(3, { title: 'WAS-PUBLIC title', modified: T0 }) : t));
    await sync(store, conduitWorld(wasPublic));
    expect(await everyText(store)).toMatch(/WAS-PUBLIC/);
    expect(await everyText(store)).toContain('{\\"id\\":3,\\"type\\":\\"TASK\\",\\"fields'); // in T4's subtask list
    await close!();
    const nowSecret = TASKS.map((t) => (t.id === 3 ? { ...t, fields: { ...t.fields, dateModified: T0 + 99 * 86400, name: 'WAS-PUBLIC title' } } : t));
    await sync(store, conduitWorld(nowSecret));
    expect(await everyText(store)).not.toMatch(/WAS-PUBLIC|SECRET/);
    expect(await everyText(store)).not.toContain('{\\"id\\":3,\\"type\\":\\"TASK\\",\\"fields');
    expect(await store.all("SELECT kind FROM raw_records WHERE key LIKE 'T3%'")).toEqual([{ kind: 'task' }]);
    await store.close();
  });

  it('resumes incrementally: a re-run with nothing new costs one request', async () => {
    const store = await openStore(':memory:');
    await sync(store, conduitWorld());
    await close!();
    const { requests, summary } = await sync(store, conduitWorld());
    expect(summary.errors).toEqual([]);
    expect(requests.map((r) => r.method)).toEqual(['maniphest.search']);
    const since = Number(requests[0].form.get('constraints[modifiedStart]'));
    expect(since).toBe(T0 + 6 * 86400 + 3600 - 300);
    await store.close();
  });

  it('fails at once on a bad token, naming the URL and hiding the token', async () => {
    const store = await openStore(':memory:');
    const { summary, requests, url } = await sync(store, () => conduitError('ERR-INVALID-AUTH', 'API token "api-secrettoken0000000000000000" is not valid.'));
    expect(requests).toHaveLength(1);
    expect(summary.errors).toHaveLength(1);
    expect(summary.errors[0]).toContain(`${url}/api/maniphest.search`);
    expect(summary.errors[0]).toContain('ERR-INVALID-AUTH');
    expect(summary.errors[0]).not.toContain('secrettoken');
    const [state] = await store.all<{ last_error: string }>("SELECT last_error FROM sync_state WHERE source = 'phabricator'");
    expect(state.last_error).toContain('check sources.phabricator.token');
    await store.close();
  });

  it('reads one scope per configured project, resolving a #slug once (the cursor keeps its PHID)', async () => {
    const store = await openStore(':memory:');
    const first = await sync(store, conduitWorld(), { projects: ['#mediawiki-extensions-math'] });
    expect(first.summary.errors).toEqual([]);
    expect(first.requests.filter((r) => r.method === 'phid.lookup')).toHaveLength(1);
    const search = first.requests.find((r) => r.method === 'maniphest.search')!;
    expect(search.form.get('constraints[projects][0]')).toBe('PHID-PROJ-math000000000000000');
    expect((await store.all('SELECT task_id FROM tasks ORDER BY task_id')).map((r: any) => r.task_id)).toEqual(['T1', 'T2', 'T3', 'T4', 'T6']);
    await close!();
    const again = await sync(store, conduitWorld(), { projects: ['#mediawiki-extensions-math'] });
    expect(again.requests.map((r) => r.method)).toEqual(['maniphest.search']);
    await close!();
    const unknown = await sync(store, conduitWorld(), { projects: ['#no-such-project'] });
    expect(unknown.summary.errors[0]).toMatch(/"#no-such-project" is not a project at http:\/\/127.0.0.1:\d+\/api\/phid.lookup/);
    await store.close();
  });
});
