// Writes the world's repositories (all but operations/mediawiki-config, which the
// mediawiki-config emitter writes with its wikiversions history) as real git
// repositories: one commit per merged change on master, in merge order, authored by the
// change owner and committed by jenkins-bot, with Bug:/Depends-On/Change-Id footers.
import { join } from 'node:path';
import type { DemoImport } from '../emitters.ts';
import { writeRepo, type FastCommit } from '../fast-import.ts';
import type { DemoChange, DemoWorld } from '../types.ts';

const BOT = { name: 'jenkins-bot', email: 'jenkins-bot@gerrit.wikimedia.org' };

export function commitMessage(ch: DemoChange): string {
  const lines = [ch.subject, '', `Part of the ${ch.repo.split('/').pop()} work.`, ''];
  for (const t of ch.tasks) lines.push(`Bug: T${t}`);
  if (ch.dependsOn) lines.push(`Depends-On: ${ch.dependsOn}`);
  lines.push(`Change-Id: ${ch.changeId}`);
  return `${lines.join('\n')}\n`;
}

function* repoCommits(repo: string, world: DemoWorld): Generator<FastCommit> {
  const people = new Map(world.people.map((p) => [p.id, p]));
  const short = repo.split('/').pop() ?? repo;
  const kind = world.repos.find((r) => r.name === repo)?.kind;
  const start = new Date(world.start.getTime() - 86_400_000 * 30);
  yield {
    ref: 'refs/heads/master', author: { ...BOT, at: start }, committer: { ...BOT, at: start },
    message: `Initial import of ${repo}\n`,
    files: [
      { path: 'README.md', content: `# ${repo}\n` },
      ...(kind === 'extension' || kind === 'skin'
        ? [{ path: kind === 'skin' ? 'skin.json' : 'extension.json', content: JSON.stringify({ name: short, manifest_version: 2 }, null, '\t') + '\n' }]
        : []),
    ],
  };
  const merged = world.changes
    .filter((c) => c.repo === repo && c.status === 'merged' && c.mergedAt)
    .sort((a, b) => a.mergedAt!.getTime() - b.mergedAt!.getTime());
  for (const ch of merged) {
    const owner = people.get(ch.owner)!;
    yield {
      ref: 'refs/heads/master',
      author: { name: owner.name, email: owner.email, at: ch.patchsets[ch.patchsets.length - 1].at },
      committer: { ...BOT, at: ch.mergedAt! },
      message: commitMessage(ch),
      files: [{ path: `includes/Change${ch.number % 37}.php`, content: `<?php\n// ${ch.number}: ${ch.subject}\n` }],
    };
  }
}

export async function emitGit(world: DemoWorld, dir: string): Promise<DemoImport[]> {
  const out: DemoImport[] = [];
  for (const repo of world.repos) {
    if (repo.name === 'operations/mediawiki-config') continue;
    const path = join(dir, 'git', `${repo.name.replaceAll('/', '-')}.git`);
    await writeRepo(path, repoCommits(repo.name, world));
    out.push({ source: 'git', paths: [path], options: { name: repo.name, kind: repo.kind } });
  }
  return out;
}
