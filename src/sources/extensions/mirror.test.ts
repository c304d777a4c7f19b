// The extensions source on the real mirrors, when present: OpenStackManager's last human
// commit (2024-01-12) and bot-only commits until 2024-03-27, and adoption dates that match
// the repositories' own history as `git log -S` / `--diff-filter=A` find it. Skipped,
// saying why, where the mirrors are absent (CI has none).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../lib/log.ts';
import { openStore, type Store } from '../../store/index.ts';
import { runSource } from '../../sync/pipeline.ts';
import { extensionsSource } from './index.ts';

const MIRROR = (name: string) => `/work/.mirror/wikimedia+mediawiki-${name}/repo`;
const REPOS = ['extensions-OpenStackManager', 'extensions-Echo', 'extensions-SemanticACL', 'skins-MonoBook'];
const present = REPOS.every((r) => existsSync(MIRROR(r)));
const git = (dir: string, args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' }).trim();

describe.skipIf(!present)(present ? 'extensions on the real mirrors' : 'extensions on the real mirrors (skipped: /work/.mirror/wikimedia+mediawiki-* mirrors are not on this machine)', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore(':memory:');
    for (const r of REPOS) {
      const s = await runSource({ store, log: silentLogger(), clock: () => new Date(), fetch }, { source: extensionsSource, config: undefined, paths: [MIRROR(r)], options: {} });
      expect(s.errors).toEqual([]);
    }
  }, 120_000);
  afterAll(() => store?.close());

  const first = async (repo: string, fact: string, value: string) => (await store.all<{ c: string }>(
    'SELECT since_commit AS c FROM repo_facts WHERE repo = $1 AND fact = $2 AND value = $3 ORDER BY since_at LIMIT 1', [repo, fact, value]))[0]?.c;

  it('finds OpenStackManager\'s last human commit and its bot-only commits after it', async () => {
    const [l] = await store.all<{ h: Date; b: Date }>("SELECT last_human_commit_at AS h, last_bot_commit_at AS b FROM repo_lifecycle WHERE repo = 'mediawiki/extensions/OpenStackManager'");
    expect(l.h.toISOString().slice(0, 10)).toBe('2024-01-12');
    expect(l.b.toISOString().slice(0, 10)).toBe('2024-03-27');
  });

  it('dates adoptions by the commits git log finds', async () => {
    const echo = MIRROR('extensions-Echo');
    const oldest = (args: string[]) => git(echo, ['log', '--first-parent', '--reverse', '--format=%H', ...args]).split('\n')[0];
    expect(await first('mediawiki/extensions/Echo', 'manifest.present', 'extension.json')).toBe(oldest(['--diff-filter=A', '--', 'extension.json']));
    expect(await first('mediawiki/extensions/Echo', 'manifest.hook_handlers', 'true')).toBe(oldest(['-S"HookHandlers"', '--', 'extension.json']));
    expect(await first('mediawiki/extensions/Echo', 'eslint.root', 'true')).toBe(oldest(['-S"root": true', '--', '.eslintrc.json']));
    const mono = MIRROR('skins-MonoBook');
    expect(await first('mediawiki/skins/MonoBook', 'manifest.present', 'skin.json')).toBe(
      git(mono, ['log', '--first-parent', '--reverse', '--diff-filter=A', '--format=%H', '--', 'skin.json']).split('\n')[0]);
  });

  it('reads every mirror without a reject', async () => {
    expect(await store.all('SELECT location, reason FROM rejects')).toEqual([]);
  });
});
