// Writes the demo's operations/mediawiki-config as a real git repository (git fast-import):
// one commit per merged world change of that repository (Bug:/Change-Id footers, a
// wmf-config file) and one wikiversions.json commit per train step of world.trains
// (roll-forward of a group to its version, rollback to the version it had before), in
// time order. `import git --kind mediawiki-config` then derives config deployments and trains.
import { join } from 'node:path';
import type { DemoImport } from '../emitters.ts';
import { writeRepo, type FastCommit } from '../fast-import.ts';
import { rng } from '../rng.ts';
import type { DemoWorld } from '../types.ts';
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

interface Event { at: Date; commit: () => FastCommit }

export function* mediawikiConfigCommits(world: DemoWorld): Generator<FastCommit> {
  const r = rng(world.seed * 7919 + 120);
  const people = new Map(world.people.map((p) => [p.id, p]));
  const trains = [...world.trains].sort((a, b) => a.branchedAt.getTime() - b.branchedAt.getTime());
  const current = new Map<string, string>(); // group → version
  const first = trains[0] ? previousVersion(trains[0].version) : '1.45.0-wmf.1';
  for (const g of Object.keys(GROUP_WIKIS)) current.set(g, first);
  const state = () => new Map(Object.entries(GROUP_WIKIS).flatMap(([g, wikis]) => wikis.map((w) => [w, current.get(g)!] as [string, string])));
  const start = new Date(world.start.getTime() - 86_400_000 * 30);
  yield {
    ref: 'refs/heads/master', author: { ...BOT, at: start }, committer: { ...BOT, at: start },
    message: 'Initial import of operations/mediawiki-config\n',
    files: [{ path: 'wikiversions.json', content: wikiversionsJson(state()) }, { path: 'wmf-config/InitialiseSettings.php', content: '<?php\n' }],
  };
  const events: Event[] = [];
  for (const ch of world.changes) {
    if (ch.repo !== REPO || ch.status !== 'merged' || !ch.mergedAt) continue;
    const owner = people.get(ch.owner)!;
    events.push({ at: ch.mergedAt, commit: () => ({
      ref: 'refs/heads/master', author: { name: owner.name, email: owner.email, at: ch.patchsets[ch.patchsets.length - 1].at },
      committer: { ...BOT, at: ch.mergedAt! }, message: commitMessage(ch),
      files: [{ path: `wmf-config/Settings${ch.number % 7}.php`, content: `<?php\n// ${ch.number}: ${ch.subject}\n` }],
    }) });
  }
  const before = new Map<string, string>(); // `${version}/${group}` → version the group had before
  for (const t of trains) {
    for (const step of t.steps) {
      events.push({ at: step.at, commit: () => {
        const key = `${t.version}/${step.group}`;
        let subject: string;
        if (step.kind === 'rollforward') {
          before.set(key, current.get(step.group) === t.version ? before.get(key) ?? first : current.get(step.group)!);
          current.set(step.group, t.version);
          subject = `${step.group} wikis to ${t.version}`;
        } else {
          current.set(step.group, before.get(key) ?? previousVersion(t.version));
          subject = `Revert "${step.group} wikis to ${t.version}"`;
        }
        const deployer = world.people.filter((p) => p.deployer)[r.int(0, Math.max(world.people.filter((p) => p.deployer).length - 1, 0))] ?? { name: 'Train Conductor', email: 'train@example.org' };
        return {
          ref: 'refs/heads/master', author: { name: deployer.name, email: deployer.email, at: step.at }, committer: { ...BOT, at: step.at },
          message: `${subject}\n\nBug: T${t.blockerTask}\nChange-Id: I${r.hex(40)}\n`,
          files: [{ path: 'wikiversions.json', content: wikiversionsJson(state()) }],
        };
      } });
    }
  }
  events.sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const e of events) yield e.commit();
}

export async function emitMediawikiConfig(world: DemoWorld, dir: string): Promise<DemoImport[]> {
  const path = join(dir, 'git', 'operations-mediawiki-config.git');
  await writeRepo(path, mediawikiConfigCommits(world));
  return [{ source: 'git', paths: [path], options: { name: REPO, kind: 'mediawiki-config' } }];
}
