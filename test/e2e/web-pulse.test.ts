// The Pulse page in a real browser (Debian's chromium through playwright-core), on the
// hand-made week of src/metrics/pulse/pulse.fixture.ts: the figures as tiles, deploys,
// repositories, people and new contributors, the pulse@1 stamp with per-source coverage;
// a period the data only partly covers says so under the figures; the Reports page shows
// the provenance line under a report; and the page works on an empty store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { NOW, seedPulseWorld } from '../../src/metrics/pulse/pulse.fixture.ts';
import { openStore } from '../../src/store/index.ts';
import { CHROMIUM, CHROMIUM_ARGS, emptyWorld, hasChromium, startWebServer, type WebServer } from './web-server.ts';

describe.skipIf(!hasChromium)(`pulse page in chromium (${hasChromium ? CHROMIUM : `skipped: ${CHROMIUM} missing`})`, () => {
  let server: WebServer;
  let empty: WebServer;
  let browser: Browser;
  const problems: string[] = [];

  beforeAll(async () => {
    const store = await seedPulseWorld(await openStore(':memory:'));
    server = await startWebServer({ world: { store, dir: '', close: () => store.close() }, clock: () => NOW });
    empty = await startWebServer({ world: await emptyWorld(), clock: () => NOW });
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
    await page.locator('main h1').waitFor();
    return page;
  }
  const tile = (page: Page, name: string) => page.getByTestId('figure').filter({ hasText: name }).locator('b').innerText();

  it('shows the figures, lists and stamp of a week', async () => {
    const page = await open(server, '#/pulse?since=2018-03-04&until=2018-03-11');
    await page.getByTestId('figures').waitFor();
    expect(await page.title()).toBe('Pulse · shiplog');
    expect(await tile(page, 'changes merged')).toBe('2');
    expect(await tile(page, 'commits landed')).toBe('4');
    expect(await tile(page, 'rollbacks')).toBe('1');
    // git data spans the whole week; Gerrit's begins inside it (2018-03-04 09:00), and the tile says so
    expect(await page.getByTestId('figure').filter({ hasText: 'commits landed' }).getByTestId('figure-coverage').count()).toBe(0);
    expect(await page.getByTestId('figure').filter({ hasText: 'changes merged' }).getByTestId('figure-coverage').innerText()).toBe('partly covered, its data (gerrit-notedb) begins 2018-03-04');
    expect(await page.getByTestId('pulse-repositories').innerText()).toContain('config');
    expect(await page.getByTestId('pulse-people').innerText()).toContain('Ann Example');
    expect(await page.getByTestId('pulse-new-contributors').innerText()).toContain('bob');
    const stamp = await page.getByTestId('coverage').innerText();
    expect(stamp).toContain('pulse@1');
    expect(stamp).toContain('commits: git 2018-03-01 to 2018-03-12 (collected 2018-03-20)');
    await page.close();
    expect(problems).toEqual([]);
  });

  it('says under a figure when its data does not cover the period', async () => {
    const page = await open(server, '#/pulse?since=2018-02-20&until=2018-03-05');
    await page.getByTestId('figures').waitFor();
    const merged = page.getByTestId('figure').filter({ hasText: 'changes merged' });
    expect(await merged.getByTestId('figure-coverage').innerText()).toBe('partly covered, its data (gerrit-notedb) begins 2018-03-04');
    expect(await page.getByTestId('coverage-gap').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('incidents: the period ends before its data begins')]));
    await page.close();
    expect(problems).toEqual([]);
  });

  it('stamps a report on the Reports page with id@version and its coverage', async () => {
    const page = await open(server, '#/reports?id=deploys&since=2018-03-01&until=2018-03-20');
    const line = await page.getByTestId('coverage').innerText();
    expect(line).toContain('deploys@3');
    expect(line).toContain('deployments: sal 2018-03-05 to 2018-03-15');
    // an older definition is kept and runs from its link, stamped with its own version
    await page.getByTestId('older-versions').getByRole('link', { name: 'deploys@1' }).click();
    await page.getByTestId('coverage').filter({ hasText: 'deploys@1' }).waitFor();
    await page.close();
    expect(problems).toEqual([]);
  });

  it('works on an empty store, saying no data is loaded', async () => {
    const page = await open(empty, '#/pulse');
    await page.getByTestId('figures').waitFor();
    expect(await tile(page, 'changes merged')).toBe('0');
    expect(await page.getByTestId('figure-coverage').first().innerText()).toBe('no data loaded');
    await page.close();
    expect(problems).toEqual([]);
  });
});
