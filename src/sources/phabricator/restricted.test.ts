// Restricted stays restricted: a transaction.search response filed under a public task but
// holding a restricted task's transactions stores none of them (recorded and live); and
// whichever order recordings are imported in, a task's row is its newest state — an older
// public recording re-imported after a newer restricted one brings nothing back, a newer
// public state does, and a later restriction takes it away again.
import { mkdtempSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../lib/log.ts';
import { openStore, type Store } from '../../store/index.ts';
import { runSource } from '../../sync/pipeline.ts';
import { startConduit } from './fixtures/conduit-server.ts';
import { conduitWorld, task, T0 } from './fixtures/world.ts';
import { phabricatorSource } from './index.ts';

const NOW = new Date('2026-01-01T00:00:00Z');
const phid = (id: number) => `PHID-TASK-${String(id).padStart(20, 'x')}`;
const restricted = (id: number, o: Record<string, unknown> = {}) => task(id, { view: 'PHID-PROJ-security0000000000000', subtype: 'security', ...o });
const comment = (id: number, taskId: number, text: string) => ({
  id, type: 'comment', authorPHID: 'PHID-USER-author00000000000000', objectPHID: phid(taskId), dateCreated: T0 + id,
  comments: [{ id, version: 1, removed: false, content: { raw: text } }], fields: {},
});
const envelope = (data: unknown[]) => JSON.stringify({ result: { data, cursor: { after: null } }, error_code: null, error_info: null });

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'phab-restricted-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A folder of recorded responses, its files dated `recordedAt`. */
function recording(name: string, files: Record<string, string>, recordedAt: Date): string {
  const dir = join(root, name);
  mkdirSync(dir);
  for (const [file, text] of Object.entries(files)) {
    writeFileSync(join(dir, file), text);
    utimesSync(join(dir, file), recordedAt, recordedAt);
  }
  return dir;
}

const importDir = (store: Store, dir: string) =>
  runSource({ store, log: silentLogger(), clock: () => NOW, fetch: globalThis.fetch }, { source: phabricatorSource, config: undefined, paths: [dir], options: {} });

async function everyText(store: Store): Promise<string> {
  const tables = ['raw_records', 'tasks', 'task_events', 'links', 'rejects'];
  return (await Promise.all(tables.map(async (t) => JSON.stringify(await store.all(`SELECT * FROM ${t}`))))).join('\n');
}

describe('transactions are filed under their own object', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => close?.());

  it('a recorded transaction.search named after a public task stores no restricted task transaction', async () => {
    const store = await openStore(':memory:');
    const dir = recording('misfiled', {
      'maniphest.search.json': envelope([task(1, {}), restricted(2, { title: 'SECRET-TITLE' })]),
      'transaction.search.T1.json': envelope([comment(11, 2, 'SECRET-COMMENT of T2'), comment(12, 1, 'public comment on T1')]),
    }, NOW);
    await importDir(store, dir);
    expect(await everyText(store)).not.toMatch(/SECRET/);
    expect(await store.all('SELECT event_key, comment FROM task_events')).toEqual([{ event_key: 'task:T1/12', comment: 'public comment on T1' }]);
    const [reject] = await store.all<{ reason: string }>("SELECT reason FROM rejects WHERE kind = 'transaction'");
    expect(reject.reason).toMatch(/transaction 11 belongs to T2, not to T1/);
    await store.close();
  });

  it('a live transaction.search answer for a public task holding another task\'s transaction stores none of it', async () => {
    const store = await openStore(':memory:');
    const world = conduitWorld([task(1, {}), restricted(2, { title: 'SECRET-TITLE' })]);
    const server = await startConduit((req) => {
      if (req.method === 'transaction.search' && req.form.get('objectIdentifier') === 'T1') {
        return { status: 200, body: envelope([comment(21, 2, 'SECRET-COMMENT via T1'), comment(22, 1, 'fine')]) };
      }
      return world(req);
    });
    close = server.close;
    const config = phabricatorSource.configSchema.parse({ url: server.url, token: 'api-secrettoken0000000000000000', page_size: 2 });
    await runSource({ store, log: silentLogger(), clock: () => NOW, fetch: globalThis.fetch }, { source: phabricatorSource, config, paths: [], options: {} });
    expect(await everyText(store)).not.toMatch(/SECRET/);
    expect(await store.all("SELECT event_key FROM task_events WHERE kind = 'comment'")).toEqual([{ event_key: 'task:T1/22' }]);
    await store.close();
  });
});

describe('the newest state of a task wins, whatever the import order', () => {
  it('an older public recording after a newer restricted one brings back no title or comment', async () => {
    const store = await openStore(':memory:');
    const newer = recording('newer', { 'maniphest.search.json': envelope([restricted(5)]) }, new Date('2025-06-01T00:00:00Z'));
    const older = recording('older', {
      'maniphest.search.json': envelope([task(5, { title: 'SECRET-OLD-TITLE', modified: Date.parse('2025-01-01T00:00:00Z') / 1000 })]),
      'transaction.search.T5.json': envelope([comment(51, 5, 'SECRET-OLD-COMMENT')]),
    }, new Date('2025-01-02T00:00:00Z'));
    await importDir(store, newer);
    await importDir(store, older);
    expect(await store.all("SELECT restricted, title FROM tasks WHERE task_id = 'T5'")).toEqual([{ restricted: true, title: null }]);
    expect(await everyText(store)).not.toMatch(/SECRET/);

    // a public state newer than the restriction is shown ...
    const published = recording('published', {
      'maniphest.search.json': envelope([task(5, { title: 'Now public', modified: Date.parse('2025-07-01T00:00:00Z') / 1000 })]),
    }, new Date('2025-07-02T00:00:00Z'));
    await importDir(store, published);
    expect(await store.all("SELECT restricted, title FROM tasks WHERE task_id = 'T5'")).toEqual([{ restricted: false, title: 'Now public' }]);

    // ... until it is seen restricted again, even though that redacted record looks like the first one
    const again = recording('again', { 'maniphest.search.json': envelope([restricted(5)]) }, new Date('2025-08-01T00:00:00Z'));
    await importDir(store, again);
    expect(await store.all("SELECT restricted, title FROM tasks WHERE task_id = 'T5'")).toEqual([{ restricted: true, title: null }]);
    expect(await everyText(store)).not.toMatch(/Now public|SECRET/);
    await store.close();
  });

  it('between two public states the newer dateModified wins', async () => {
    const store = await openStore(':memory:');
    const at = (iso: string) => Date.parse(iso) / 1000;
    await importDir(store, recording('b', { 'maniphest.search.json': envelope([task(6, { title: 'B (newer)', modified: at('2024-02-01T00:00:00Z') })]) }, NOW));
    await importDir(store, recording('a', { 'maniphest.search.json': envelope([task(6, { title: 'A (older)', modified: at('2024-01-01T00:00:00Z') })]) }, NOW));
    expect(await store.all("SELECT title FROM tasks WHERE task_id = 'T6'")).toEqual([{ title: 'B (newer)' }]);
    await store.close();
  });
});
