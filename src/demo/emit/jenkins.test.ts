// The jenkins emitter writes world builds as recorded Jenkins responses with JUnit artifacts;
// `import jenkins <dir>` reads them back through the same collector a live Jenkins uses, and
// the derived test cases carry the flaky and long-failing tests the test-health reports find.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../lib/log.ts';
import { jenkinsSource } from '../../sources/jenkins/index.ts';
import { openStore } from '../../store/index.ts';
import { runSource } from '../../sync/pipeline.ts';
import { buildWorld } from '../world.ts';

const NOW = new Date('2026-05-06T09:30:00Z'); // a Wednesday morning: this week's train is half way
import { emitJenkins } from './jenkins.ts';
import { testsOf } from './jenkins-tests.ts';

describe('emitJenkins', () => {
  it('round-trips builds and every derived test case through the jenkins source', async () => {
    const full = buildWorld({ seed: 3, now: NOW });
    const world = { ...full, changes: full.changes.slice(0, 60) };
    const dir = mkdtempSync(join(tmpdir(), 'shiplog-jenkins-emit-'));
    const store = await openStore(':memory:');
    try {
      const [imp] = await emitJenkins(world, dir);
      const run = () => runSource({ store, log: silentLogger(), clock: () => world.end, fetch: globalThis.fetch },
        { source: jenkinsSource, config: undefined, paths: imp.paths, options: {} });
      const summary = await run();
      expect(summary.errors).toEqual([]);
      expect(await store.all('SELECT reason FROM rejects')).toEqual([]);
      const builds = world.changes.flatMap((c) => c.builds);
      const cases = builds.flatMap((b) => testsOf(b, world.start, world.end));
      const [{ n }] = await store.all<{ n: number }>("SELECT count(*) AS n FROM ci_builds WHERE system = 'jenkins'");
      expect(n).toBe(builds.length);
      const counts = await store.all<{ status: string; n: number }>('SELECT status, count(*) AS n FROM test_results GROUP BY status ORDER BY status');
      const want = Object.entries(cases.reduce((m, c) => ({ ...m, [c.status]: (m[c.status] ?? 0) + 1 }), {} as Record<string, number>))
        .sort().map(([status, k]) => ({ status, n: k }));
      expect(counts).toEqual(want);
      const [{ norepo }] = await store.all<{ norepo: number }>('SELECT count(*) AS norepo FROM test_results WHERE repo IS NULL OR run_at IS NULL');
      expect(norepo).toBe(0);
      // a second import finds nothing new
      expect((await run()).raw).toBe(0);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('derives the same cases for the same build, with flaky tests failing only sometimes', () => {
    const world = buildWorld({ seed: 3, now: NOW });
    const failing = world.changes.flatMap((c) => c.builds).filter((b) => b.result === 'FAILURE' && b.testCount > 5);
    expect(testsOf(failing[0], world.start, world.end)).toEqual(testsOf(failing[0], world.start, world.end));
    const flaky = failing.map((b) => testsOf(b, world.start, world.end)[5]?.status);
    expect(flaky).toContain('fail');
    expect(flaky).toContain('pass');
  });
});
