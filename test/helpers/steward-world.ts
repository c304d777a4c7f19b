// A small stewardship world loaded through the real sources, for the API and browser
// tests: an OpenStackManager-like history (last human commit 2024-01-12, LibUp until
// 2024-03-27), a zuul/layout.yaml archiving it on 2024-06-24, mediawiki.org pages and a
// Gerrit projects answer (the fixtures of wiki-pages and gerrit-projects).
import { fileURLToPath } from 'node:url';
import { silentLogger } from '../../src/lib/log.ts';
import { findSource } from '../../src/sources/registry.ts';
import type { Store } from '../../src/store/index.ts';
import { runSource } from '../../src/sync/pipeline.ts';
import { gitHistory, LIBUP } from './git-history.ts';

export const OSM = 'mediawiki/extensions/OpenStackManager';
const fixture = (p: string) => fileURLToPath(new URL(`../../src/sources/${p}`, import.meta.url));

export async function loadStewardWorld(store: Store): Promise<void> {
  const load = async (source: string, paths: string[], options: Record<string, unknown> = {}) => {
    const s = await runSource({ store, log: silentLogger(), clock: () => new Date('2026-01-01T00:00:00Z'), fetch }, { source: findSource(source)!, config: undefined, paths, options });
    if (s.errors.length) throw new Error(`${source}: ${s.errors.join('; ')}`);
  };
  const ext = gitHistory('shiplog-steward-');
  ext.commit('2019-11-10T17:46:33Z', 'Use extension registration', { 'extension.json': '{"name":"OpenStackManager","manifest_version":2}', 'composer.json': '{"require-dev":{"mediawiki/mediawiki-codesniffer":"41.0.0"}}', 'tests/phpunit/ATest.php': '<?php\n' });
  ext.commit('2023-09-26T19:19:35Z', 'Use HookHandlers for core hooks', { 'extension.json': '{"name":"OpenStackManager","manifest_version":2,"HookHandlers":{"main":{"class":"X"}}}' });
  ext.commit('2024-01-12T19:12:44Z', 'build: Update MediaWiki requirement to 1.42', { 'extension.json': '{"name":"OpenStackManager","manifest_version":2,"HookHandlers":{"main":{"class":"X"}},"requires":{"MediaWiki":">= 1.42"}}' });
  ext.commit('2024-03-27T07:18:01Z', 'build: Updating mediawiki/mediawiki-codesniffer to 43.0.0', { 'composer.json': '{"require-dev":{"mediawiki/mediawiki-codesniffer":"43.0.0"}}' }, { author: LIBUP });
  const ci = gitHistory('shiplog-steward-ci-');
  ci.commit('2019-01-01T00:00:00Z', 'layout', { 'zuul/layout.yaml': 'projects:\n  - name: mediawiki/extensions/OpenStackManager\n    template:\n      - name: extension-quibble\n      - name: in-wikimedia-production\n\n  - name: mediawiki/extensions/Echo\n    template:\n      - name: extension-quibble\n      - name: in-wikimedia-production\n' });
  ci.commit('2024-06-24T18:10:03Z', 'Archive OpenStackManager', { 'zuul/layout.yaml': 'projects:\n  - name: mediawiki/extensions/OpenStackManager\n    template:\n      - name: archived\n\n  - name: mediawiki/extensions/Echo\n    template:\n      - name: extension-quibble\n      - name: in-wikimedia-production\n' });
  try {
    await load('extensions', [ext.dir], { name: OSM });
    await load('ci-config', [ci.dir], { name: 'integration/config' });
    await load('wiki-pages', [fixture('wiki-pages/fixtures/extension-pages.json'), fixture('wiki-pages/fixtures/developers-maintainers.json')]);
  } finally {
    ext.remove();
    ci.remove();
  }
}
