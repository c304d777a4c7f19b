// wiki-pages on API answers written in mediawiki.org's format: {{Extension}} status,
// maintainer and Phabricator project as snapshots per revision, {{Archived extension}},
// an invalid status shown as unknown, the Developers/Maintainers tables, and a file that
// is not an API answer rejected with its name.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../lib/log.ts';
import { openStore } from '../../store/index.ts';
import { runSource } from '../../sync/pipeline.ts';
import { revisionsOf } from './collect.ts';
import { wikiPagesSource } from './index.ts';
import { findTemplates, plainText } from './wikitext.ts';

const fx = (f: string) => new URL(`./fixtures/${f}`, import.meta.url).pathname;

describe('wiki-pages', () => {
  it('reads templates with nested templates and links kept whole', () => {
    const [t] = findTemplates('x {{Extension|status = beta|author={{u|A}}, [[User:B|B]]|phabricator=X}} y', ['extension']);
    expect(Object.fromEntries(t.params)).toEqual({ status: 'beta', author: '{{u|A}}, [[User:B|B]]', phabricator: 'X' });
    expect(plainText('{{u|A}}, [[User:B|B]] <translate>x</translate>')).toBe('A, B x');
  });

  it('reads both API answer formats and refuses anything else', () => {
    expect(revisionsOf(readFileSync(fx('extension-pages.json'), 'utf8'))).toHaveLength(6);
    const v1 = JSON.stringify({ query: { pages: { 7: { title: 'Extension:X', revisions: [{ revid: 1, timestamp: '2020-01-01T00:00:00Z', '*': '{{Extension|status=stable}}' }] } } } });
    expect(revisionsOf(v1)).toEqual([{ title: 'Extension:X', revid: 1, timestamp: '2020-01-01T00:00:00Z', content: '{{Extension|status=stable}}' }]);
    expect(revisionsOf('{"error":{"code":"badvalue"}}')).toMatch(/no query.pages/);
  });

  it('keeps every status signal with its date, and the stewards of the newest revision', async () => {
    const store = await openStore(':memory:');
    const s = await runSource({ store, log: silentLogger(), clock: () => new Date('2026-01-01T00:00:00Z'), fetch }, {
      source: wikiPagesSource, config: undefined, paths: [fx('extension-pages.json'), fx('developers-maintainers.json')], options: {},
    });
    expect(s.errors).toEqual([]);
    const facts = await store.all<Record<string, unknown>>(
      "SELECT repo, fact, value, strftime(since_at, '%Y-%m-%d') AS since, strftime(until_at, '%Y-%m-%d') AS until FROM repo_facts WHERE repo = 'mediawiki/extensions/OpenStackManager' ORDER BY fact, since_at");
    expect(facts.map((f) => [f.fact, f.value, f.since, f.until])).toEqual([
      ['wiki.archived', 'false', '2019-11-20', '2024-07-02'], ['wiki.archived', 'true', '2024-07-02', null],
      ['wiki.compatibility_policy', 'master', '2019-11-20', '2024-07-02'], ['wiki.compatibility_policy', null, '2024-07-02', null],
      ['wiki.maintainer', 'Andrew Bogott', '2019-11-20', '2024-07-02'], ['wiki.maintainer', null, '2024-07-02', null],
      ['wiki.phabricator', 'OpenStackManager', '2019-11-20', null],
      ['wiki.status', 'beta', '2019-11-20', '2024-07-02'], ['wiki.status', 'unmaintained', '2024-07-02', null],
    ]);
    // Echo's second revision repeats every value: one period each
    expect(await store.all("SELECT count(*)::INT AS n FROM repo_facts WHERE repo = 'mediawiki/extensions/Echo' AND fact = 'wiki.status'")).toEqual([{ n: 1 }]);
    const st = await store.all('SELECT component, repo, steward_team, maintainers FROM stewards ORDER BY section, component');
    expect(st).toEqual([
      { component: 'Cite', repo: 'mediawiki/extensions/Cite', steward_team: 'Wikimedia Deutschland Technical Wishes', maintainers: ['Thiemo Kreuz'] },
      { component: 'Echo', repo: 'mediawiki/extensions/Echo', steward_team: 'Growth team', maintainers: ['Kosta Harlan', 'Example'] },
      { component: 'Math', repo: 'mediawiki/extensions/Math', steward_team: 'none', maintainers: ['Physikerwelt'] },
      { component: 'OpenStackManager', repo: 'mediawiki/extensions/OpenStackManager', steward_team: null, maintainers: [] },
      { component: 'MonoBook', repo: 'mediawiki/skins/MonoBook', steward_team: 'Web team', maintainers: ['Jon Robson'] },
    ]);
    const [l] = await store.all<{ status: string; archived: boolean; maturity: string }>("SELECT status, archived, maturity FROM repo_lifecycle WHERE repo = 'mediawiki/extensions/OpenStackManager'");
    expect(l).toEqual({ status: 'archived', archived: true, maturity: 'unmaintained' });
    await store.close();
  });
});
