// ci-config on the real integration/config mirror, when present: the line scanner reads
// the same template lists as a YAML parser at HEAD and in 2016, and OpenStackManager was
// marked archived on 2024-06-24 (commit de20830b). Skipped, saying why, without the mirror.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../lib/log.ts';
import { openStore } from '../../store/index.ts';
import { runSource } from '../../sync/pipeline.ts';
import { ciConfigSource } from './index.ts';
import { parseLayout } from './layout.ts';

const DIR = '/work/.mirror/wikimedia+integration-config/repo';
const present = existsSync(DIR);
const show = (rev: string) => execFileSync('git', ['-C', DIR, 'show', `${rev}:zuul/layout.yaml`], { encoding: 'utf8', maxBuffer: 64 << 20 });

describe.skipIf(!present)(present ? 'ci-config on the real mirror' : 'ci-config on the real mirror (skipped: /work/.mirror/wikimedia+integration-config is not on this machine)', () => {
  it.each(['HEAD', 'HEAD@{2016-06-01}'.replace('HEAD@{2016-06-01}', execFileSync('git', ['-C', DIR, 'rev-list', '-1', '--first-parent', '--before=2016-06-01', 'HEAD'], { encoding: 'utf8' }).trim())])(
    'reads the template lists a YAML parser reads (%s)', (rev) => {
      const text = show(rev);
      const doc = parse(text, { maxAliasCount: -1 }) as { projects: { name: string; template?: { name: string }[] }[] };
      const expected = new Map(doc.projects.map((p) => [p.name, (p.template ?? []).map((t) => t.name)]));
      const got = parseLayout(text.split('\n')).projects;
      expect(got.size).toBe(expected.size);
      for (const [name, templates] of expected) expect(got.get(name)?.templates, name).toEqual(templates);
    });

  it('dates OpenStackManager\'s archival to 2024-06-24', async () => {
    const store = await openStore(':memory:');
    const s = await runSource({ store, log: silentLogger(), clock: () => new Date(), fetch }, { source: ciConfigSource, config: undefined, paths: [DIR], options: {} });
    expect(s.errors).toEqual([]);
    const [r] = await store.all<{ since_at: Date; since_commit: string }>(
      "SELECT since_at, since_commit FROM repo_facts WHERE repo = 'mediawiki/extensions/OpenStackManager' AND fact = 'ci.archived' AND value = 'true'");
    expect(r.since_at.toISOString().slice(0, 10)).toBe('2024-06-24');
    expect(r.since_commit.startsWith('de20830b')).toBe(true);
    expect(await store.all('SELECT reason FROM rejects')).toEqual([]);
    await store.close();
  }, 300_000);
});
