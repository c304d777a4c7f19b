// The stewardship side of the demo world: years of history for each extension and skin
// (manifest, dev dependencies, lint and test files; adopters, laggards, an archived one,
// a broken one), LibUp's targets over time, CI templates over time, the extension-list,
// mediawiki.org pages and Gerrit project states. Pure and deterministic from the seed;
// the emitters write it in the real formats. Versions and dates are the demo's own.
import { rng, type Rng } from './rng.ts';
import type { FastCommit } from './fast-import.ts';
import type { DemoWorld } from './types.ts';

const DAY = 86_400_000;
const d = (s: string) => new Date(`${s}T00:00:00Z`);
const add = (t: Date, days: number) => new Date(t.getTime() + Math.round(days * DAY));

export const HUMANS = [{ name: 'Ana Abara', email: 'anaa@example.org' }, { name: 'Bryan Berg', email: 'bryanb@example.org' }, { name: 'Chen Costa', email: 'chenc@example.org' }];
export const LIBUP = { name: 'libraryupgrader', email: 'tools.libraryupgrader@tools.wmflabs.org' };
export const L10N = { name: 'Translation updater bot', email: 'l10n-bot@translatewiki.net' };

/** LibUp's targets over time (the demo's): package → [date, version]. */
export const TARGETS: Record<string, { manager: 'composer' | 'npm'; steps: [string, string][] }> = {
  'mediawiki/mediawiki-codesniffer': { manager: 'composer', steps: [['2019-07-26', '26.0.0'], ['2020-05-26', '31.0.0'], ['2021-04-29', '36.0.0'], ['2022-05-07', '39.0.0'], ['2023-02-25', '41.0.0'], ['2024-03-16', '43.0.0'], ['2025-04-10', '46.0.0']] },
  'mediawiki/mediawiki-phan-config': { manager: 'composer', steps: [['2019-09-12', '0.7.1'], ['2020-06-15', '0.10.2'], ['2022-06-10', '0.11.1'], ['2024-02-10', '0.14.0'], ['2025-06-01', '0.15.1']] },
  'eslint-config-wikimedia': { manager: 'npm', steps: [['2019-08-27', '0.14.0'], ['2021-01-20', '0.18.0'], ['2022-06-08', '0.22.1'], ['2023-06-02', '0.25.1'], ['2024-05-10', '0.27.0'], ['2025-05-20', '0.29.1']] },
  'grunt-banana-checker': { manager: 'npm', steps: [['2019-08-27', '0.8.1'], ['2022-01-11', '0.9.0'], ['2024-05-10', '0.11.1']] },
};
const BEFORE_LIBUP: Record<string, string> = { 'mediawiki/mediawiki-codesniffer': '0.7.2', 'mediawiki/mediawiki-phan-config': '0.2.0', 'eslint-config-wikimedia': '0.4.0', 'grunt-banana-checker': '0.5.0' };

export type Role = 'adopter' | 'laggard' | 'archived' | 'broken' | 'solo';

export interface StewardRepo {
  name: string; // mediawiki/extensions/X
  kind: 'extension' | 'skin';
  role: Role;
  deployed: boolean;
  /** Part of the world's git repositories (their 2026 commits follow this history), or written apart. */
  inWorld: boolean;
}

/**
 * Roles of the world's extensions and skins, plus three written apart: an archived one, a
 * broken one, and a deployed one that one person keeps alive while it lags (needs attention).
 */
export function stewardRepos(world: DemoWorld): StewardRepo[] {
  const mine = world.repos.filter((r) => r.kind === 'extension' || r.kind === 'skin').map((r, i): StewardRepo => ({
    name: r.name, kind: r.kind as 'extension' | 'skin', role: i % 4 === 3 ? 'laggard' : 'adopter', deployed: r.deployed, inWorld: true,
  }));
  return [...mine,
    { name: 'mediawiki/extensions/LabsManager', kind: 'extension', role: 'archived', deployed: false, inWorld: false },
    { name: 'mediawiki/extensions/SemanticGuard', kind: 'extension', role: 'broken', deployed: false, inWorld: false },
    { name: 'mediawiki/extensions/SoloGadget', kind: 'extension', role: 'solo', deployed: true, inWorld: false }];
}

/** The archived one's dates (as OpenStackManager's): last human commit, bot-only until, archived in CI, on mediawiki.org, Gerrit read-only. */
export const ARCHIVED_DATES = { lastHuman: d('2024-01-12'), lastBot: d('2024-03-27'), ci: d('2024-06-24'), wiki: d('2024-07-02'), undeployed: d('2024-06-10') };

function manifest(name: string, kind: string, o: { hooks: boolean; ns: boolean; mw: string }): string {
  const m: Record<string, unknown> = { name, version: '1.0.0', 'license-name': 'GPL-2.0-or-later', requires: { MediaWiki: o.mw }, manifest_version: 2 };
  if (o.ns) m.AutoloadNamespaces = { [`MediaWiki\\\\${kind === 'skin' ? 'Skins' : 'Extension'}\\\\${name}\\\\`]: 'includes/' };
  else m.AutoloadClasses = { [`${name}Hooks`]: 'includes/Hooks.php' };
  m.Hooks = o.hooks ? { BeforePageDisplay: 'main' } : { BeforePageDisplay: `${name}Hooks::onBeforePageDisplay` };
  if (o.hooks) m.HookHandlers = { main: { class: `MediaWiki\\Extension\\${name}\\Hooks` } };
  return `${JSON.stringify(m, null, '\t')}\n`;
}

interface Step {
  at: Date;
  who: { name: string; email: string };
  msg: string;
  files?: Record<string, string>;
  deletes?: string[];
  dep?: [string, string]; // a dependency bumped to a version
  mw?: string; // requires.MediaWiki changed
  hooks?: boolean;
  ns?: boolean;
  manifest?: 'add' | 'conflict';
}

/** Years of history for one repository, oldest first, ending before the world starts. */
export function historyCommits(repo: StewardRepo, world: DemoWorld): FastCommit[] {
  const r: Rng = rng(world.seed * 1000 + [...repo.name].reduce((a, c) => a + c.charCodeAt(0), 0));
  const name = repo.name.split('/').pop()!;
  const mf = repo.kind === 'skin' ? 'skin.json' : 'extension.json';
  const human = () => (repo.role === 'solo' ? HUMANS[2] : r.pick(HUMANS));
  const lag = repo.role === 'laggard' || repo.role === 'solo' ? 240 : repo.role === 'broken' ? 120 : 25;
  const solo = HUMANS[2];
  const start = add(d('2014-03-01'), r.int(0, 700));
  const end = repo.role === 'archived' ? ARCHIVED_DATES.lastBot : repo.role === 'solo' ? world.end : add(world.start, -40);
  const steps: Step[] = [];
  const reg = repo.role === 'laggard' ? add(d('2020-02-01'), r.int(0, 200)) : add(d('2016-05-01'), r.int(0, 300));
  steps.push({ at: start, who: human(), msg: `Initial commit of ${name}`, files: { [`${name}.php`]: `<?php\n$wgExtensionCredits['other'][] = [ 'name' => '${name}' ];\n`, 'tests/phpunit/HooksTest.php': '<?php\n' }, dep: ['mediawiki/mediawiki-codesniffer', BEFORE_LIBUP['mediawiki/mediawiki-codesniffer']] });
  steps.push({ at: add(start, 60), who: human(), msg: 'Add Gruntfile and ESLint', files: { 'Gruntfile.js': 'module.exports = function () {};\n', '.eslintrc.json': '{\n\t"extends": "wikimedia"\n}\n' }, dep: ['eslint-config-wikimedia', BEFORE_LIBUP['eslint-config-wikimedia']] });
  steps.push({ at: add(start, 61), who: human(), msg: 'Add banana checker', dep: ['grunt-banana-checker', BEFORE_LIBUP['grunt-banana-checker']] });
  steps.push({ at: reg, who: human(), msg: `Convert ${name} to extension registration`, manifest: 'add', files: { [`${name}.php`]: `<?php\nwfLoadExtension( '${name}' );\n` } });
  steps.push({ at: add(reg, 400), who: human(), msg: `Remove ${name}.php entry point`, deletes: [`${name}.php`] });
  steps.push({ at: add(d('2017-10-01'), r.int(0, repo.role === 'laggard' ? 900 : 200)), who: LIBUP, msg: 'build: Add .phpcs.xml', files: { '.phpcs.xml': '<?xml version="1.0"?>\n<ruleset><rule ref="./vendor/mediawiki/mediawiki-codesniffer/MediaWiki"/></ruleset>\n' } });
  steps.push({ at: add(d('2018-01-15'), r.int(0, 300)), who: human(), msg: 'eslint: set root', files: { '.eslintrc.json': '{\n\t"root": true,\n\t"extends": ["wikimedia/client"]\n}\n' } });
  steps.push({ at: add(d('2018-04-01'), r.int(0, 100)), who: human(), msg: 'Add CODE_OF_CONDUCT.md', files: { 'CODE_OF_CONDUCT.md': 'The development of this software is covered by a [Code of Conduct](https://www.mediawiki.org/wiki/Special:MyLanguage/Code_of_Conduct).\n' } });
  if (repo.role !== 'laggard' && repo.role !== 'solo') {
    steps.push({ at: add(d('2019-03-01'), r.int(0, 150)), who: human(), msg: 'Add phan', files: { '.phan/config.php': "<?php\nreturn require __DIR__ . '/../vendor/mediawiki/mediawiki-phan-config/src/config.php';\n" }, dep: ['mediawiki/mediawiki-phan-config', BEFORE_LIBUP['mediawiki/mediawiki-phan-config']] });
    steps.push({ at: add(d('2020-03-01'), r.int(0, 500)), who: human(), msg: 'Use PSR-4 autoloading', ns: true });
    steps.push({ at: add(d('2021-01-15'), r.int(0, repo.role === 'archived' ? 900 : 600)), who: human(), msg: 'Use HookHandlers for core hooks', hooks: true });
  }
  const hasPhan = repo.role !== 'laggard' && repo.role !== 'solo';
  for (const [pkgName, t] of Object.entries(TARGETS)) {
    if (pkgName === 'mediawiki/mediawiki-phan-config' && !hasPhan) continue;
    for (const [day, version] of t.steps) steps.push({ at: add(d(day), lag + r.int(0, lag)), who: LIBUP, msg: `build: Updating ${pkgName} to ${version}`, dep: [pkgName, version] });
  }
  for (let y = 2016; y <= 2025; y++) steps.push({ at: add(d(`${y}-06-15`), r.int(0, 60)), who: human(), msg: `build: Update MediaWiki requirement to 1.${27 + (y - 2016) * 2}`, mw: `>= 1.${27 + (y - 2016) * 2}` });
  for (let t = add(start, 90); t < end; t = add(t, r.int(25, 50))) steps.push({ at: t, who: L10N, msg: 'Localisation updates from https://translatewiki.net.', files: { 'i18n/en.json': `{ "${name.toLowerCase()}-desc": "${t.toISOString().slice(0, 10)}" }\n` } });
  if (repo.role === 'broken') steps.push({ at: d('2022-03-03'), who: human(), msg: 'Merge branch feature (a conflict left in)', manifest: 'conflict' });
  if (repo.role === 'archived') {
    steps.push({ at: ARCHIVED_DATES.lastHuman, who: HUMANS[0], msg: 'build: Update MediaWiki requirement to 1.42', mw: '>= 1.42' });
    steps.push({ at: ARCHIVED_DATES.lastBot, who: L10N, msg: 'Localisation updates from https://translatewiki.net.', files: { 'i18n/en.json': `{ "${name.toLowerCase()}-desc": "last" }\n` } });
  }
  if (repo.role === 'solo') for (let t = d('2024-01-10'); t < world.end; t = add(t, 30)) steps.push({ at: t, who: solo, msg: `Fix ${name} for the wiki of ${t.toISOString().slice(0, 7)}`, files: { 'includes/Gadget.php': `<?php // ${t.toISOString()}\n` } });
  const isHuman = (w: Step['who']) => HUMANS.includes(w);
  const kept = steps
    .filter((c) => c.at <= end && (repo.role !== 'archived' || !isHuman(c.who) || c.at <= ARCHIVED_DATES.lastHuman))
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  const deps: Record<string, string> = {};
  const state = { hooks: false, ns: false, mw: '>= 1.25.0' };
  let registered = false;
  const composer = () => `${JSON.stringify({ 'require-dev': Object.fromEntries(Object.entries(deps).filter(([k]) => TARGETS[k].manager === 'composer')), scripts: { test: ['parallel-lint . --exclude vendor', 'phpcs -sp'] } }, null, '\t')}\n`;
  const pkg = () => `${JSON.stringify({ private: true, scripts: { test: 'grunt test' }, devDependencies: { grunt: '1.0.4', ...Object.fromEntries(Object.entries(deps).filter(([k]) => TARGETS[k].manager === 'npm')) } }, null, '\t')}\n`;
  const commits: FastCommit[] = [];
  const commit = (at: Date, who: Step['who'], msg: string, files: Record<string, string>, deletes?: string[]) => commits.push({
    ref: 'refs/heads/master', author: { ...who, at },
    committer: { ...(isHuman(who) ? { name: 'jenkins-bot', email: 'jenkins-bot@gerrit.wikimedia.org' } : who), at },
    message: `${msg}\n\nChange-Id: I${r.hex(40)}\n`, files: Object.entries(files).map(([path, content]) => ({ path, content })), deletes,
  });
  for (const s of kept) {
    const files: Record<string, string> = { ...(s.files ?? {}) };
    if (s.dep) {
      deps[s.dep[0]] = s.dep[1];
      files[TARGETS[s.dep[0]].manager === 'composer' ? 'composer.json' : 'package.json'] = TARGETS[s.dep[0]].manager === 'composer' ? composer() : pkg();
    }
    if (s.mw) state.mw = s.mw;
    if (s.hooks) state.hooks = true;
    if (s.ns) state.ns = true;
    if (s.manifest === 'add') registered = true;
    if ((s.mw && !registered)) continue;
    if (registered && (s.manifest === 'add' || s.mw || s.hooks || s.ns)) files[mf] = manifest(name, repo.kind, state);
    if (s.manifest === 'conflict') files[mf] = `{\n<<<<<<< HEAD\n\t"name": "${name}"\n=======\n\t"name": "${name}2"\n>>>>>>> feature\n}\n`;
    commit(s.at, s.who, s.msg, files, s.deletes);
    if (s.manifest === 'conflict') commit(add(s.at, 1), HUMANS[1], 'Fix the conflict left in the manifest', { [mf]: manifest(name, repo.kind, state) });
  }
  return commits;
}
