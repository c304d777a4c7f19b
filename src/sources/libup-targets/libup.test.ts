// libup-targets and extension-list on small histories written with git: LibUp's two
// releases.json formats (2019 lists, then version 2 with branches, master renamed main),
// a target bumped, a package dropped, the file removed at the end (targets stay); and
// extensions entering and leaving wmf-config/extension-list.
import { afterAll, describe, expect, it } from 'vitest';
import { gitHistory } from '../../../test/helpers/git-history.ts';
import { silentLogger } from '../../lib/log.ts';
import { openStore } from '../../store/index.ts';
import { runSource } from '../../sync/pipeline.ts';
import { extensionListSource } from '../extension-list/index.ts';
import { libupTargetsSource } from './index.ts';

const hs: { remove(): void }[] = [];
afterAll(() => hs.forEach((h) => h.remove()));

describe('libup-targets', () => {
  it('reads each target change with its date, in both formats, a removed package ending its target', async () => {
    const h = gitHistory('shiplog-libup-');
    hs.push(h);
    h.commit('2019-07-25T00:00:00Z', 'Initial', { 'releases.json': JSON.stringify({ composer: { 'mediawiki/mediawiki-codesniffer': ['26.0.0'] }, npm: { grunt: ['1.0.4'] } }) });
    h.commit('2020-12-23T00:00:00Z', 'v2', { 'releases.json': JSON.stringify({ version: 2, push: true, master: { composer: { 'mediawiki/mediawiki-codesniffer': { to: '26.0.0', weight: 10 } }, npm: { grunt: { to: '1.0.4', weight: 10 } } } }) });
    h.commit('2021-05-15T00:00:00Z', 'rename master', { 'releases.json': JSON.stringify({ version: 2, push: true, main: { composer: { 'mediawiki/mediawiki-codesniffer': { to: '36.0.0', weight: 10, skip: ['35.'] } } }, REL1_35: { composer: { 'mediawiki/mediawiki-codesniffer': { to: '34.0.0', weight: 10 } } } }) });
    h.commit('2024-05-04T00:00:00Z', 'Empty repo', { 'releases.json': null, README: 'moved' });
    const store = await openStore(':memory:');
    const s = await runSource({ store, log: silentLogger(), clock: () => new Date('2026-01-01T00:00:00Z'), fetch }, { source: libupTargetsSource, config: undefined, paths: [h.dir], options: { name: 'labs/libraryupgrader/config' } });
    expect(s.errors).toEqual([]);
    const rows = await store.all<Record<string, unknown>>("SELECT branch, fact, target, skip, strftime(since_at, '%Y-%m-%d') AS since, strftime(until_at, '%Y-%m-%d') AS until FROM standards_targets ORDER BY branch, fact, since_at");
    expect(rows.map((r) => [r.branch, r.fact, r.target, r.since, r.until])).toEqual([
      ['REL1_35', 'dep.mediawiki/mediawiki-codesniffer', '34.0.0', '2021-05-15', null],
      ['main', 'dep.grunt', '1.0.4', '2019-07-25', '2021-05-15'],
      ['main', 'dep.grunt', null, '2021-05-15', null],
      ['main', 'dep.mediawiki/mediawiki-codesniffer', '26.0.0', '2019-07-25', '2021-05-15'],
      ['main', 'dep.mediawiki/mediawiki-codesniffer', '36.0.0', '2021-05-15', null],
    ]);
    expect(rows.find((r) => r.target === '36.0.0')?.skip).toEqual(['35.']);
    await store.close();
  });
});

describe('extension-list', () => {
  it('dates when an extension or skin enters and leaves the list', async () => {
    const h = gitHistory('shiplog-extlist-');
    hs.push(h);
    h.commit('2012-02-24T00:00:00Z', 'Add list', { 'wmf-config/extension-list': '$IP/extensions/Echo/Echo.php\n$IP/extensions/OpenStackManager/OpenStackManager.php\n' });
    h.commit('2017-01-01T00:00:00Z', 'registration', { 'wmf-config/extension-list': '$IP/extensions/Echo/extension.json\n$IP/extensions/OpenStackManager/extension.json\n$IP/skins/MonoBook/skin.json\n' });
    h.commit('2020-01-01T00:00:00Z', 'unrelated', { 'wmf-config/InitialiseSettings.php': '<?php\n' });
    h.commit('2024-06-01T00:00:00Z', 'Undeploy OpenStackManager', { 'wmf-config/extension-list': '$IP/extensions/Echo/extension.json\n$IP/skins/MonoBook/skin.json\n' });
    const store = await openStore(':memory:');
    const s = await runSource({ store, log: silentLogger(), clock: () => new Date('2026-01-01T00:00:00Z'), fetch }, { source: extensionListSource, config: undefined, paths: [h.dir], options: { name: 'operations/mediawiki-config' } });
    expect(s.errors).toEqual([]);
    const rows = await store.all<Record<string, unknown>>("SELECT repo, value, strftime(since_at, '%Y-%m-%d') AS since, strftime(until_at, '%Y-%m-%d') AS until FROM repo_facts ORDER BY repo, since_at");
    expect(rows.map((r) => [r.repo, r.value, r.since, r.until])).toEqual([
      ['mediawiki/extensions/Echo', 'true', '2012-02-24', null],
      ['mediawiki/extensions/OpenStackManager', 'true', '2012-02-24', '2024-06-01'],
      ['mediawiki/extensions/OpenStackManager', 'false', '2024-06-01', null],
      ['mediawiki/skins/MonoBook', 'true', '2017-01-01', null],
    ]);
    await store.close();
  });
});
