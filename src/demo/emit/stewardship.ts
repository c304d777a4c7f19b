// Writes the stewardship inputs of the demo world in their real formats and says how to
// import them: two extensions apart from the world (an archived one, as OpenStackManager;
// a broken one with a conflicted manifest), integration/config's zuul/layout.yaml history,
// LibUp's releases.json history (both formats), wmf-config/extension-list history,
// mediawiki.org API answers ({{Extension}} pages, Developers/Maintainers) and a Gerrit
// GET /projects/?d answer.
import { utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoImport } from '../emitters.ts';
import { writeRepo, type FastCommit } from '../fast-import.ts';
import { ARCHIVED_DATES, historyCommits, stewardRepos, TARGETS, type StewardRepo } from '../stewardship.ts';
import type { DemoWorld } from '../types.ts';

const BOT = { name: 'jenkins-bot', email: 'jenkins-bot@gerrit.wikimedia.org' };
const d = (s: string) => new Date(`${s}T00:00:00Z`);
const commit = (at: Date, message: string, files: Record<string, string>): FastCommit => ({
  ref: 'refs/heads/master', author: { name: 'Ana Abara', email: 'anaa@example.org', at }, committer: { ...BOT, at }, message: `${message}\n`,
  files: Object.entries(files).map(([path, content]) => ({ path, content })),
});

export function layoutYaml(repos: StewardRepo[], at: Date): string {
  const php = at < d('2018-06-01') ? ['php55'] : at < d('2022-09-30') ? ['php70', 'php72'] : at < d('2025-10-01') ? ['php74', 'php81'] : ['php81', 'php83'];
  const quibble = at < d('2018-06-01') ? 'extension-unittests' : 'extension-quibble';
  const lines = ['# Zuul v2 layout (demo)', 'pipelines:', '  - name: test', '', 'project-templates:',
    `  - name: ${quibble}`, '    test:', ...php.map((p) => `      - quibble-vendor-mysql-${p}`), '    gate-and-submit:', ...php.map((p) => `      - quibble-vendor-mysql-${p}`), '',
    '  - name: archived', '    test:', '      - fail-archived-repositories', '', '  - name: extension-broken', '    test:', '      - noop', '',
    '  - name: in-wikimedia-production', '    gate-and-submit-wmf: []', '', 'projects:', '  - name: mediawiki/core', '    template:', '      - name: in-wikimedia-production', ''];
  for (const r of repos) {
    const t: string[] = [];
    if (r.role === 'archived' && at >= ARCHIVED_DATES.ci) t.push('archived');
    else if (r.role === 'broken' && at >= d('2021-06-01')) t.push('extension-broken');
    else {
      if (r.deployed || (r.role === 'archived' && at >= d('2016-01-01'))) t.push('in-wikimedia-production');
      t.push(quibble);
      if (at >= d('2019-06-01') && r.role === 'adopter') t.push('extension-coverage');
    }
    lines.push(`  - name: ${r.name}`, '    template:', ...t.map((x) => `      - name: ${x}`), '');
  }
  return `${lines.join('\n')}\n`;
}

function ciCommits(repos: StewardRepo[]): FastCommit[] {
  const dates = ['2015-01-10', '2016-01-01', '2018-06-01', '2019-06-01', '2021-06-01', '2022-09-30', '2025-10-01'].map(d);
  dates.push(new Date('2024-06-24T18:10:03Z'));
  return dates.sort((a, b) => a.getTime() - b.getTime()).map((at) => commit(at, `Update layout (${at.toISOString().slice(0, 10)})`, { 'zuul/layout.yaml': layoutYaml(repos, at) }));
}

function releasesJson(at: Date): string {
  const current: Record<string, { manager: string; to: string }> = {};
  for (const [pkg, t] of Object.entries(TARGETS)) {
    const step = t.steps.filter(([day]) => d(day) <= at).pop();
    if (step) current[pkg] = { manager: t.manager, to: step[1] };
  }
  const by = (m: string, f: (to: string) => unknown) => Object.fromEntries(Object.entries(current).filter(([, v]) => v.manager === m).map(([k, v]) => [k, f(v.to)]));
  if (at < d('2020-12-23')) return `${JSON.stringify({ composer: by('composer', (to) => [to]), npm: by('npm', (to) => [to]), push: true }, null, 4)}\n`;
  const branch = { composer: by('composer', (to) => ({ to, weight: 10 })), npm: by('npm', (to) => ({ to, weight: 10 })) };
  return `${JSON.stringify({ version: 2, push: true, [at < d('2021-05-15') ? 'master' : 'main']: branch, REL1_35: { composer: { 'mediawiki/mediawiki-codesniffer': { to: '34.0.0', weight: 10 } } } }, null, 4)}\n`;
}

function libupCommits(): FastCommit[] {
  const days = [...new Set(Object.values(TARGETS).flatMap((t) => t.steps.map(([day]) => day)).concat(['2020-12-23', '2021-05-15']))].sort();
  return days.map((day) => commit(d(day), `releases: targets of ${day}`, { 'releases.json': releasesJson(d(day)) }));
}

function extensionListCommits(repos: StewardRepo[]): FastCommit[] {
  const list = (at: Date) => repos.filter((r) => (r.deployed || (r.role === 'archived' && at < ARCHIVED_DATES.undeployed)))
    .map((r) => { const [, kind, name] = r.name.split('/'); return at < d('2017-01-01') ? `$IP/${kind}/${name}/${name}.php` : `$IP/${kind}/${name}/${kind === 'skins' ? 'skin' : 'extension'}.json`; })
    .sort().join('\n');
  return [d('2014-01-01'), d('2017-01-01'), ARCHIVED_DATES.undeployed].map((at) => commit(at, 'Update extension-list', { 'wmf-config/extension-list': `${list(at)}\n`, 'wmf-config/InitialiseSettings.php': '<?php\n' }));
}

const rev = (revid: number, at: string, content: string) => ({ revid, parentid: revid - 1, timestamp: at, slots: { main: { contentmodel: 'wikitext', contentformat: 'text/x-wiki', content } } });

function wikiPages(world: DemoWorld, repos: StewardRepo[]): string {
  const teams = ['Growth team', 'Editing team', 'Web team', 'Language team'];
  const pages = repos.map((r, i) => {
    const name = r.name.split('/').pop()!;
    const title = `${r.kind === 'skin' ? 'Skin' : 'Extension'}:${name}`;
    const status = r.role === 'broken' ? 'experimental' : r.role === 'laggard' ? 'beta' : 'stable';
    const box = (s: string) => `{{${r.kind === 'skin' ? 'Skin' : 'Extension'}\n|name = ${name}\n|status = ${s}\n|maintainer = [[User:${world.people[i % world.people.length].name}|${world.people[i % world.people.length].name}]]\n|phabricator = MediaWiki-${r.kind === 'skin' ? 'skins' : 'extensions'}-${name}\n|compatibility policy = rel\n}}\n`;
    const revisions = [rev(3_000_000 + i * 10, '2019-05-01T10:00:00Z', box(status))];
    if (r.role === 'archived') revisions.push(rev(3_000_001 + i * 10, `${ARCHIVED_DATES.wiki.toISOString().slice(0, 19)}Z`, `{{Archived extension|2999999|task=T368512}}\n${box('unmaintained')}`));
    return { pageid: 40_000 + i, ns: r.kind === 'skin' ? 1204 : 102, title, revisions };
  });
  const rows = repos.filter((r) => r.role !== 'archived').map((r, i) =>
    `|-\n| [[${r.kind === 'skin' ? 'Skin' : 'Extension'}:${r.name.split('/').pop()}|${r.name.split('/').pop()}]] || demo || [[${teams[i % teams.length]}]] || [[User:${world.people[(i * 3) % world.people.length].name}|${world.people[(i * 3) % world.people.length].name}]] || ||`);
  const dm = `Developers and maintainers (demo).\n\n== Extensions and skins ==\n{| class="wikitable sortable"\n! Component !! Description !! Steward !! Individual maintainer(s) !! Consulted !! Informed\n${rows.join('\n')}\n|}\n`;
  pages.push({ pageid: 9999, ns: 0, title: 'Developers/Maintainers', revisions: [rev(3_500_000, '2025-11-01T00:00:00Z', dm)] });
  return `${JSON.stringify({ batchcomplete: true, query: { pages } }, null, 1)}\n`;
}

export async function emitStewardship(world: DemoWorld, dir: string): Promise<DemoImport[]> {
  const repos = stewardRepos(world);
  const base = join(dir, 'stewardship');
  mkdirSync(base, { recursive: true });
  const out: DemoImport[] = [];
  const apart: string[] = [];
  for (const r of repos.filter((x) => !x.inWorld)) {
    const path = join(base, `${r.name.replaceAll('/', '-')}.git`); // the extensions source reads the name from the folder
    await writeRepo(path, historyCommits(r, world));
    apart.push(path);
  }
  out.push({ source: 'extensions', paths: apart });
  const past = (c: FastCommit) => c.committer.at <= world.end; // the world ends at the clock's now: nothing after it
  const ci = join(base, 'integration-config.git');
  await writeRepo(ci, ciCommits(repos).filter(past));
  const libup = join(base, 'labs-libraryupgrader-config.git');
  await writeRepo(libup, libupCommits().filter(past));
  const list = join(base, 'operations-mediawiki-config-extension-list.git');
  await writeRepo(list, extensionListCommits(repos).filter(past));
  const wiki = join(base, 'mediawiki-org-pages.json');
  writeFileSync(wiki, wikiPages(world, repos));
  const gerrit = join(base, 'gerrit-projects.json');
  writeFileSync(gerrit, `)]}'\n${JSON.stringify(Object.fromEntries(repos.map((r) => [r.name, { id: encodeURIComponent(r.name), state: r.role === 'archived' ? 'READ_ONLY' : 'ACTIVE' }])))}\n`);
  utimesSync(gerrit, world.end, world.end); // the snapshot's date: when it was "fetched"
  out.push(
    { source: 'ci-config', paths: [ci], options: { name: 'integration/config' } },
    { source: 'libup-targets', paths: [libup], options: { name: 'labs/libraryupgrader/config' } },
    { source: 'extension-list', paths: [list], options: { name: 'operations/mediawiki-config' } },
    { source: 'wiki-pages', paths: [wiki] },
    { source: 'gerrit-projects', paths: [gerrit] },
  );
  return out;
}
