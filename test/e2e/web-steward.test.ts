// The stewardship pages in a real browser (Debian's chromium through playwright-core), on a
// store filled through the real sources (test/helpers/steward-world.ts): the steward page
// of OpenStackManager shows its status and its three lifecycle dates with their sources,
// compliance scores and a timeline chart, links out; the overview lists the fleet, links to
// each steward page, filters and toggles "needs attention"; both pages work on an empty store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { openStore } from '../../src/store/index.ts';
import { loadStewardWorld, OSM } from '../helpers/steward-world.ts';
import { CHROMIUM, CHROMIUM_ARGS, emptyWorld, hasChromium, startWebServer, type WebServer } from './web-server.ts';

describe.skipIf(!hasChromium)(`stewardship pages in chromium (${hasChromium ? CHROMIUM : `skipped: ${CHROMIUM} missing`})`, () => {
  let server: WebServer;
  let empty: WebServer;
  let browser: Browser;
  const problems: string[] = [];

  beforeAll(async () => {
    const store = await openStore(':memory:');
    await loadStewardWorld(store);
    server = await startWebServer({ world: { store, dir: '', close: () => store.close() }, clock: () => new Date('2026-01-01T00:00:00Z') });
    empty = await startWebServer({ world: await emptyWorld() });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await empty?.close();
  });

  async function open(s: WebServer, hash: string): Promise<Page> {
    const page = await browser.newPage();
    page.on('pageerror', (e) => problems.push(`${hash}: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`${hash}: console: ${m.text()}`);
    });
    await page.goto(`${s.url}/${hash}`);
    return page;
  }

  it('shows a steward page with every lifecycle date, its sources and compliance', async () => {
    const page = await open(server, `#/steward/${OSM}`);
    await page.getByRole('heading', { level: 1, name: OSM }).waitFor();
    await page.getByTestId('status').filter({ hasText: 'archived' }).waitFor();
    expect(await page.title()).toBe('OpenStackManager · Steward · shiplog');
    const dates = await page.getByTestId('steward-dates').innerText();
    for (const [day, what, source] of [['2024-01-12', 'last human commit', 'repository history'], ['2024-03-27', 'last bot-only commit', 'repository history'],
      ['2024-06-24', 'archived in CI', 'CI (zuul/layout.yaml)'], ['2024-07-02', '{{Archived extension}} on mediawiki.org', 'mediawiki.org {{Archived extension}}']]) {
      expect(dates).toContain(day);
      expect(dates).toContain(what);
      expect(dates).toContain(source);
    }
    expect(await page.getByTestId('score-required').innerText()).toMatch(/\d+ %/);
    await page.locator('[data-testid=compliance] [data-testid=chart] svg').first().waitFor();
    await page.locator('[data-testid=activity] [data-testid=chart] svg').first().waitFor();
    const out = await page.getByTestId('links-out').locator('a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(out).toEqual(expect.arrayContaining(['https://gerrit.wikimedia.org/r/q/project:mediawiki%2Fextensions%2FOpenStackManager', 'https://phabricator.wikimedia.org/tag/openstackmanager/']));
    await page.close();
    expect(problems).toEqual([]);
  });

  it('lists the fleet, filters it, toggles needs attention and links to each steward page', async () => {
    const page = await open(server, '#/stewardship');
    await page.getByRole('heading', { level: 1, name: 'Stewardship' }).waitFor();
    await page.getByTestId('summary').waitFor();
    expect(await page.getByTestId('stewardship').innerText()).toContain('mediawiki/extensions/Echo');
    await page.locator('[data-testid=stewardship] th[data-col=status] button').click(); // sortable
    await page.getByTestId('attention-toggle').click();
    await expect.poll(() => page.url()).toContain('attention=true');
    await page.goto(`${server.url}/#/stewardship?status=archived`);
    await page.getByTestId('steward-link').filter({ hasText: OSM }).click();
    await page.getByRole('heading', { level: 1, name: OSM }).waitFor();
    expect(page.url()).toContain(`#/steward/${OSM}`);
    await page.close();
    expect(problems).toEqual([]);
  });

  it('works on an empty store: the overview is empty, an unknown repository says so', async () => {
    const page = await open(empty, '#/stewardship');
    await page.getByTestId('summary').filter({ hasText: '0 extensions and skins' }).waitFor();
    await page.goto(`${empty.url}/#/steward/mediawiki/extensions/Nope`);
    await page.getByRole('alert').filter({ hasText: 'no extension or skin mediawiki/extensions/Nope' }).waitFor();
    await page.close();
  });
});
