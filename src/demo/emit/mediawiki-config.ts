// Writes the demo's operations/mediawiki-config as a real git repository (git fast-import):
// one commit per merged world change of that repository, in merge order, authored by its
// owner and committed by jenkins-bot at the merge. A config change edits its wmf-config
// file; a train change (`scap deploy-promote`) rewrites wikiversions.json, rolling its group
// forward to the version or back to the one it had before. The first commit also carries the
// initial files, so every commit is a change with a number. `import git --kind
// mediawiki-config` then derives config deployments and trains.
import { join } from 'node:path';
import type { DemoImport } from '../emitters.ts';
import { writeRepo, type FastCommit } from '../fast-import.ts';
import type { DemoChange, DemoWorld } from '../types.ts';
import { configFileOf } from '../world-deploys.ts';
import { commitMessage } from './git.ts';

export const REPO = 'operations/mediawiki-config';
const BOT = { name: 'jenkins-bot', email: 'jenkins-bot@gerrit.wikimedia.org' };

/** A few wikis per group; the first of each is the canary train-stats reads. */
export const GROUP_WIKIS: Record<string, string[]> = {
  testwikis: ['testwiki', 'test2wiki', 'testwikidatawiki'],
  group0: ['mediawikiwiki', 'officewiki', 'foundationwiki'],
  group1: ['commonswiki', 'wikidatawiki', 'metawiki', 'enwiktionary'],
  group2: ['enwiki', 'dewiki', 'frwiki', 'jawiki', 'eswiki'],
};

/** wikiversions.json as the real file is written: sorted, 4-space indent, "php-" prefix. */
export function wikiversionsJson(versions: Map<string, string>): string {
  const lines = [...versions.keys()].sort().map((w) => `    "${w}": "php-${versions.get(w)}"`);
  return `{\n${lines.join(',\n')}\n}\n`;
}

function previousVersion(v: string): string {
  const m = /^(\d+\.\d+\.\d+-wmf\.)(\d+)$/.exec(v);
  return m && Number(m[2]) > 1 ? `${m[1]}${Number(m[2]) - 1}` : v.replace(/wmf\.\d+$/, 'wmf.0');
}

export function* mediawikiConfigCommits(world: DemoWorld): Generator<FastCommit> {
  const people = new Map(world.people.map((p) => [p.id, p]));
  const first = world.trains[0] ? previousVersion(world.trains[0].version) : '1.46.0-wmf.9';
  const current = new Map<string, string>(Object.keys(GROUP_WIKIS).map((g) => [g, first])); // group → version
  const before = new Map<string, string>(); // `${version}/${group}` → the version the group had before
  const state = () => new Map(Object.entries(GROUP_WIKIS).flatMap(([g, wikis]) => wikis.map((w) => [w, current.get(g)!] as [string, string])));
  const merged = world.changes
    .filter((c): c is DemoChange & { mergedAt: Date } => c.repo === REPO && c.branch === 'master' && c.status === 'merged' && c.mergedAt !== null)
    .sort((a, b) => a.mergedAt.getTime() - b.mergedAt.getTime());
  let initial = true;
  for (const ch of merged) {
    const files: FastCommit['files'] = [];
    if (initial) files.push({ path: 'wikiversions.json', content: wikiversionsJson(state()) }, { path: 'README', content: `${REPO}\n` });
    if (ch.train) {
      const { version, group, kind } = ch.train;
      const key = `${version}/${group}`;
      if (kind === 'rollforward') {
        if (current.get(group) !== version) before.set(key, current.get(group)!);
        current.set(group, version);
      } else {
        current.set(group, before.get(key) ?? previousVersion(version));
      }
      if (!initial) files.push({ path: 'wikiversions.json', content: wikiversionsJson(state()) });
      else files[0] = { path: 'wikiversions.json', content: wikiversionsJson(state()) };
    } else {
      files.push({ path: configFileOf(ch), content: `<?php\n// ${ch.number}: ${ch.subject}\n` });
    }
    initial = false;
    const owner = people.get(ch.owner)!;
    yield {
      ref: 'refs/heads/master', author: { name: owner.name, email: owner.email, at: ch.patchsets[ch.patchsets.length - 1].at },
      committer: { ...BOT, at: ch.mergedAt }, message: commitMessage(ch), files,
    };
  }
}

export async function emitMediawikiConfig(world: DemoWorld, dir: string): Promise<DemoImport[]> {
  const path = join(dir, 'git', 'operations-mediawiki-config.git');
  await writeRepo(path, mediawikiConfigCommits(world));
  return [{ source: 'git', paths: [path], options: { name: REPO, kind: 'mediawiki-config', branch: 'master' } }];
}
