// Pulse on the real operations/mediawiki-config history (git only), against hand counts
// by git itself: for whole UTC months, `merge commits` must equal
// `git log --merges --since --until` and `commits landed` `git log --no-merges` on the
// imported branch. The mirror is brought with the `fetch` tool under /work/.mirror and
// never committed; without it this test skips, saying so.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/lib/log.ts';
import { gitSource } from '../../src/sources/git/index.ts';
import { openStore } from '../../src/store/index.ts';
import { runSource } from '../../src/sync/pipeline.ts';
import { runMetric } from '../../src/metrics/run.ts';
import { pulse } from '../../src/metrics/pulse/pulse.ts';

const MIRROR = '/work/.mirror/wikimedia+operations-mediawiki-config/repo';
const present = existsSync(MIRROR);
if (!present) console.warn(`pulse on real history skipped: needs ${MIRROR} (bring it with the fetch tool)`);

/** Months with merges (2016, before the repository stopped merging) and without (2018). */
const MONTHS = [['2016-02-01', '2016-03-01'], ['2018-03-01', '2018-04-01'], ['2018-06-01', '2018-07-01']];

function gitCount(flag: string, since: string, until: string): number {
  const last = new Date(new Date(`${until}T00:00:00Z`).getTime() - 1000).toISOString().replace('.000', '');
  const out = execFileSync('git', ['-C', MIRROR, 'log', 'master', flag, `--since=${since}T00:00:00Z`, `--until=${last}`, '--format=%H'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return out.split('\n').filter(Boolean).length;
}

describe.skipIf(!present)('pulse on the real mediawiki-config history', () => {
  it('counts merges and commits as git log does, month by month', { timeout: 1_800_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shiplog-pulse-real-'));
    const store = await openStore(join(dir, 'db.duckdb'));
    try {
      const summary = await runSource({ store, log: silentLogger(), clock: () => new Date(), fetch: globalThis.fetch },
        { source: gitSource, config: undefined, paths: [MIRROR], options: { name: 'operations/mediawiki-config' } });
      expect(summary.errors).toEqual([]);
      for (const [since, until] of MONTHS) {
        const r = await runMetric(pulse, { store, clock: () => new Date() }, { since, until });
        const fig = Object.fromEntries(r.rows.filter((x) => x.section === 'figures').map((x) => [x.name, x.value]));
        const hand = { merges: gitCount('--merges', since, until), commits: gitCount('--no-merges', since, until) };
        console.info(`pulse ${since}..${until}: merge commits ${fig['merge commits']} (git log --merges ${hand.merges}), commits landed ${fig['commits landed']} (git log --no-merges ${hand.commits})`);
        expect([fig['merge commits'], fig['commits landed']]).toEqual([hand.merges, hand.commits]);
        expect(r.coverage.gaps).toContain('changes: no data loaded'); // git only: the Gerrit figures say so
      }
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
