// gerrit-projects: a saved GET /projects/?d answer (with Gerrit's )]}' line), snapshots
// folded into periods, a live fetch through an injected fetch, and errors named.
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../lib/log.ts';
import { openStore } from '../../store/index.ts';
import { runSource } from '../../sync/pipeline.ts';
import { gerritProjectsSource, projectStates } from './index.ts';

const FILE = new URL('./fixtures/projects.json', import.meta.url).pathname;

describe('gerrit-projects', () => {
  it('reads project states after the )]}\' line, ACTIVE when not given', () => {
    const s = projectStates(")]}'\n{\"a\":{\"id\":\"a\"},\"b\":{\"id\":\"b\",\"state\":\"READ_ONLY\"}}");
    expect(s).toEqual(new Map([['a', 'ACTIVE'], ['b', 'READ_ONLY']]));
    expect(projectStates('<html>')).toMatch(/not a Gerrit JSON answer/);
  });

  it('keeps extension and skin states as periods; repeated snapshots fold into one', async () => {
    const store = await openStore(':memory:');
    const answer = (await import('node:fs')).readFileSync(FILE, 'utf8');
    let day = 1;
    const fakeFetch = (async () => new Response(answer, { status: 200 })) as typeof fetch;
    for (; day <= 3; day++) {
      const s = await runSource({ store, log: silentLogger(), clock: () => new Date(`2026-01-0${day}T00:00:00Z`), fetch: fakeFetch }, {
        source: gerritProjectsSource, config: { url: 'https://gerrit.example.org/r', prefixes: [] }, paths: [], options: {},
      });
      expect(s.errors).toEqual([]);
    }
    const rows = await store.all("SELECT repo, value, strftime(since_at, '%Y-%m-%d') AS since FROM repo_facts ORDER BY repo");
    expect(rows).toEqual([
      { repo: 'mediawiki/extensions/Echo', value: 'ACTIVE', since: '2026-01-01' },
      { repo: 'mediawiki/extensions/OpenStackManager', value: 'READ_ONLY', since: '2026-01-01' },
      { repo: 'mediawiki/extensions/SemanticACL', value: 'ACTIVE', since: '2026-01-01' },
      { repo: 'mediawiki/skins/MonoBook', value: 'ACTIVE', since: '2026-01-01' },
    ]);
    const failing = (async () => new Response('no', { status: 503 })) as typeof fetch;
    const s = await runSource({ store, log: silentLogger(), clock: () => new Date('2026-01-09T00:00:00Z'), fetch: failing, sleep: async () => {} }, {
      source: gerritProjectsSource, config: { url: 'https://gerrit.example.org/r', prefixes: [] }, paths: [], options: {},
    });
    expect(s.errors[0]).toMatch('https://gerrit.example.org/r/projects/?d: HTTP 503 (after 5 attempts)');
    await store.close();
  });
});
