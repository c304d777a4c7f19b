// The demo world written as NoteDB and read back through the gerrit-notedb source: every
// world change, vote and CI build comes back (times to the second, as git keeps them),
// with the job URLs the jenkins emitter uses.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../lib/log.ts';
import { gerritNotedbSource } from '../../sources/gerrit-notedb/index.ts';
import { openStore } from '../../store/index.ts';
import { runSource } from '../../sync/pipeline.ts';
import { buildWorld } from '../world.ts';

const NOW = new Date('2026-05-06T09:30:00Z'); // a Wednesday morning: this week's train is half way
import { emitGerritNotedb } from './gerrit-notedb.ts';

const dir = mkdtempSync(join(tmpdir(), 'shiplog-demo-notedb-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('demo emitter gerrit-notedb', () => {
  it('round-trips the world changes, votes and builds', async () => {
    const full = buildWorld({ seed: 7, now: NOW });
    const world = { ...full, changes: full.changes.slice(0, 120) }; // a slice keeps the test quick
    const imports = await emitGerritNotedb(world, dir);
    const store = await openStore(':memory:');
    const deps = { store, log: silentLogger(), clock: () => world.end, fetch: globalThis.fetch };
    expect(imports).toHaveLength(1); // every mirror in one sync, as sources.gerrit-notedb.mirrors lists them
    const s = await runSource(deps, { source: gerritNotedbSource, config: gerritNotedbSource.configSchema.parse(imports[0].config), paths: [], options: {} });
    expect(s.errors).toEqual([]);
    expect(s.rejected).toBe(0);
    const projects = new Set(world.changes.map((c) => c.repo));
    expect((await store.all<{ scope: string }>('SELECT scope FROM sync_state ORDER BY 1')).map((r) => r.scope)).toEqual([...projects].sort());
    const count = async (sql: string) => (await store.all<{ n: number }>(sql))[0].n;
    expect(await count('SELECT count(*) AS n FROM changes')).toBe(world.changes.length);
    expect(await count('SELECT count(*) AS n FROM votes')).toBe(world.changes.reduce((n, c) => n + c.votes.length, 0));
    expect(await count("SELECT count(*) AS n FROM ci_builds WHERE system = 'zuul'")).toBe(world.changes.reduce((n, c) => n + c.builds.length, 0));
    const ch = world.changes.find((c) => c.status === 'merged' && c.builds.some((b) => b.pipeline === 'gate-and-submit'))!;
    const b = ch.builds.find((x) => x.pipeline === 'gate-and-submit')!;
    expect(await store.all('SELECT status, merged_at, bug_tasks FROM changes WHERE number = $1', [ch.number])).toEqual([
      { status: 'merged', merged_at: new Date(Math.floor(ch.mergedAt!.getTime() / 1000) * 1000), bug_tasks: ch.tasks.map((t) => `T${t}`) },
    ]);
    expect(await store.all('SELECT result, duration_s, pipeline, url FROM ci_builds WHERE build_key = $1', [`build:zuul:integration.wikimedia.org/ci/job/${b.id}`])).toEqual([
      { result: b.result.toLowerCase(), duration_s: b.durationS, pipeline: 'gate-and-submit', url: `https://integration.wikimedia.org/ci/job/${b.id}/console` },
    ]);
    await store.close();
  }, 120_000);
});
