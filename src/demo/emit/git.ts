// Writes the world's repositories (all but operations/mediawiki-config, which the
// mediawiki-config emitter writes with its wikiversions history) as real git
// repositories: an initial import at the world's start, then one commit per change merged
// on master, in merge order, authored by the change owner and committed by jenkins-bot,
// with Bug:/Depends-On/Change-Id footers. Extensions and skins start with years of
// manifest and dependency history (src/demo/stewardship.ts) and are read by the
// extensions source too.
import { join } from 'node:path';
import type { DemoImport } from '../emitters.ts';
import { writeRepo, type FastCommit } from '../fast-import.ts';
import type { DemoChange, DemoRepo, DemoWorld } from '../types.ts';
import { codeFileOf } from '../world-deploys.ts';
import { historyCommits, stewardRepos } from '../stewardship.ts';

const BOT = { name: 'jenkins-bot', email: 'jenkins-bot@gerrit.wikimedia.org' };

/** The commit message of a change's patch sets: subject, body, footers (Gerrit's order). */
export function commitMessage(ch: DemoChange): string {
  const lines = [ch.subject, ''];
  if (!ch.train) lines.push(`Part of the ${ch.repo.split('/').pop()} work.`, '');
  for (const t of ch.tasks) lines.push(`Bug: T${t}`);
  if (ch.dependsOn) lines.push(`Depends-On: ${ch.dependsOn}`);
  lines.push(`Change-Id: ${ch.changeId}`);
  if (ch.cherryPickOf) lines.push(`(cherry picked from commit ${ch.cherryPickOf})`);
  return `${lines.join('\n')}\n`;
}

function* repoCommits(repo: string, world: DemoWorld): Generator<FastCommit> {
  const people = new Map(world.people.map((p) => [p.id, p]));
  const short = repo.split('/').pop() ?? repo;
  const kind = world.repos.find((r) => r.name === repo)?.kind;
  const start = world.start;
  const steward = stewardRepos(world).find((s) => s.name === repo && s.inWorld);
  if (steward) yield* historyCommits(steward, world);
  yield {
    ref: 'refs/heads/master', author: { ...BOT, at: start }, committer: { ...BOT, at: start },
    message: `Initial import of ${repo}\n`,
    files: [
      { path: 'README.md', content: `# ${repo}\n` },
      ...((kind === 'extension' || kind === 'skin') && !steward
        ? [{ path: kind === 'skin' ? 'skin.json' : 'extension.json', content: JSON.stringify({ name: short, manifest_version: 2 }, null, '\t') + '\n' }]
        : []),
    ],
  };
  const merged = world.changes
    .filter((c) => c.repo === repo && c.branch === 'master' && c.status === 'merged' && c.mergedAt)
    .sort((a, b) => a.mergedAt!.getTime() - b.mergedAt!.getTime());
  for (const ch of merged) {
    const owner = people.get(ch.owner)!;
    yield {
      ref: 'refs/heads/master',
      author: { name: owner.name, email: owner.email, at: ch.patchsets[ch.patchsets.length - 1].at },
      committer: { ...BOT, at: ch.mergedAt! },
      message: commitMessage(ch),
      files: [{ path: codeFileOf(ch), content: `<?php\n// ${ch.number}: ${ch.subject}\n` }],
    };
  }
}

export async function emitGit(world: DemoWorld, dir: string): Promise<DemoImport[]> {
  const repos: { path: string; name: string; kind: DemoRepo['kind']; branch: string }[] = [];
  for (const repo of world.repos) {
    if (repo.name === 'operations/mediawiki-config') continue;
    const path = join(dir, 'git', `${repo.name.replaceAll('/', '-')}.git`);
    await writeRepo(path, repoCommits(repo.name, world));
    repos.push({ path, name: repo.name, kind: repo.kind, branch: 'master' });
  }
  const extensions = repos.filter((r) => r.kind === 'extension' || r.kind === 'skin');
  return [
    { source: 'git', paths: repos.map((r) => r.path), config: { repos } },
    // the same folders through the extensions source: one import, one derive (names from the folders)
    { source: 'extensions', paths: extensions.map((r) => r.path) },
  ];
}
