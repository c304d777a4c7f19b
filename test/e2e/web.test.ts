// The dashboards in a real browser (Debian's chromium through playwright-core): every
// page loads without errors and with its title, a click-through deployment → change →
// task, the SQL console runs a query, the explorer draws a chart, deep links restore
// state, and data that carries HTML is shown as text (no script runs). The table, links,
// UTC, error-state and dark-mode checks are in web-ui.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { XSS } from '../../src/api/test-world.ts';
import { CHROMIUM, CHROMIUM_ARGS, emptyWorld, hasChromium, startWebServer, type WebServer } from './web-server.ts';

if (!hasChromium) console.warn(`skipping the browser tests: ${CHROMIUM} is missing (apt-get install -y chromium)`);

describe.skipIf(!hasChromium)(`web UI in chromium (${hasChromium ? CHROMIUM : `skipped: ${CHROMIUM} missing`})`, () => {
  let server: WebServer;
  let browser: Browser;
  const problems: string[] = [];

  beforeAll(async () => {
    server = await startWebServer();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(hash: string): Promise<Page> {
    const page = await browser.newPage();
    page.on('pageerror', (e) => problems.push(`${hash}: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`${hash}: console: ${m.text()}`);
    });
    page.on('response', (r) => {
      if (r.status() >= 400 && !r.url().includes('/api/reports/')) problems.push(`${hash}: HTTP ${r.status()} for ${r.url()}`);
    });
    page.on('dialog', (d) => {
      problems.push(`${hash}: a dialog opened: ${d.message()}`);
      void d.dismiss();
    });
    await page.goto(`${server.url}/${hash}`);
    return page;
  }

  const PAGES: [string, string, string][] = [
    ['#/overview', 'Overview', 'Latest deployments'],
    ['#/deployments', 'Deployments', 'sal a1'],
    ['#/windows?since=2024-02-01', 'Windows', 'European mid-day backport window'],
    ['#/trains', 'Trains', '1.42.0-wmf.20'],
    ['#/dora', 'DORA on the train model', 'promotions_per_week'],
    ['#/tasks', 'Tasks', 'T101'],
    ['#/tests', 'Tests and CI', ''],
    ['#/entity?key=task:T100', 'Entity', 'change 1001'],
    ['#/people', 'People', 'Bob Builder'],
    ['#/person/person:bob', 'Person', 'irc:bob'],
    ['#/sql', 'SQL', 'Deploys per deployer'],
    ['#/explore', 'Explorer', 'Group 1'],
    ['#/reports', 'Reports', ''],
    ['#/status', 'Status', 'unparseable <time> in SAL line'],
  ];
  for (const [hash, title, text] of PAGES) {
    it(`loads ${hash}`, async () => {
      const page = await open(hash);
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      if (text) await page.getByText(text, { exact: false }).first().waitFor();
      expect(await page.title()).toMatch(new RegExp(`^(.+ · )?${title.split(' ')[0]} · shiplog$`));
      await page.close();
      expect(problems.filter((p) => p.startsWith(hash))).toEqual([]);
    });
  }

  it('shows the windows report of the registry inline on the Deployments page', async () => {
    const page = await open('#/deployments?since=2024-02-01&until=2024-02-03');
    await page.getByTestId('report-windows').getByText('European mid-day backport window').waitFor();
    expect(await page.getByTestId('deployments').innerText()).not.toContain('sal a2');
    await page.close();
  });

  it('clicks through from a deployment to its change and on to its task', async () => {
    const page = await open('#/deployments?deployer=alice');
    await page.locator('[data-testid=deployments] a.key', { hasText: 'sal a1' }).click();
    await page.getByTestId('entity-key').filter({ hasText: 'deploy:sal:a1' }).waitFor();
    expect(await page.title()).toBe('sal a1 · Entity · shiplog');
    await page.getByTestId('tree').getByText('sal-gerrit-ref').waitFor();
    await page.getByTestId('tree').locator('a.key[title="change:gerrit.wikimedia.org:1001"]').first().click();
    await page.getByTestId('entity-key').filter({ hasText: 'change:gerrit.wikimedia.org:1001' }).waitFor();
    await expect.poll(() => page.getByTestId('fields').innerText()).toContain(XSS.change);
    await page.getByTestId('tree').locator('a.key[title="task:T100"]').first().click();
    await page.getByTestId('entity-key').filter({ hasText: 'task:T100' }).waitFor();
    expect(page.url()).toContain('#/entity?key=task%3AT100');
    await expect.poll(() => page.getByTestId('fields').innerText()).toContain(XSS.task);
    await page.close();
  });

  it('runs a query in the SQL console and shows the rows', async () => {
    const page = await open('#/sql');
    await page.locator('textarea[name=sql]').fill("SELECT task_id, title FROM tasks WHERE task_id = 'T100'");
    await page.getByTestId('run-sql').click();
    await page.getByTestId('sql-count').filter({ hasText: '1 rows' }).waitFor();
    expect(await page.getByTestId('sql-result').innerText()).toContain(XSS.task);
    expect(page.url()).toContain('q=SELECT');
    await page.locator('textarea[name=sql]').fill('DROP TABLE tasks');
    await page.getByTestId('run-sql').click();
    await page.getByTestId('sql-error').filter({ hasText: 'DROP is DDL' }).waitFor();
    const download = page.waitForEvent('download');
    await page.locator('textarea[name=sql]').fill('SELECT 1 AS one');
    await page.getByRole('button', { name: 'Download CSV' }).click();
    expect((await download).suggestedFilename()).toBe('query.csv');
    await page.close();
  });

  it('draws an explorer chart from the URL state and redraws on a change', async () => {
    const page = await open('#/explore?table=deployments&g1=kind&bucket=day&chart=bars');
    await page.locator('[data-testid=chart] svg').first().waitFor();
    expect(await page.getByTestId('explore-result').innerText()).toContain('backport');
    await page.locator('select[name=g1]').selectOption('deployer');
    await page.getByTestId('explore-result').getByText('Bob Builder').waitFor();
    expect(await page.getByTestId('chart').innerText()).toContain('Bob Builder');
    expect(page.url()).toContain('g1=deployer');
    await page.locator('select[name=bucket]').selectOption('none');
    await page.locator('[data-testid=chart] svg').first().waitFor();
    await page.close();
  });

  it('shows HTML in data as text and runs none of it', async () => {
    const page = await open('#/entity?key=task:T100&depth=2');
    await page.getByTestId('tree').getByText(XSS.change, { exact: true }).waitFor();
    const commits = await open('#/sql?q=' + encodeURIComponent('SELECT subject FROM commits ORDER BY committed_at'));
    await commits.getByTestId('sql-result').getByText(XSS.commit).waitFor();
    const people = await open('#/deployments');
    await people.getByTestId('deployments').getByText(XSS.person, { exact: true }).waitFor();
    for (const p of [page, commits, people]) {
      expect(await p.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
      expect(await p.locator('main script, main img').count()).toBe(0);
      await p.close();
    }
    expect(problems.filter((p) => p.includes('dialog'))).toEqual([]);
  });
});

describe.skipIf(!hasChromium)('web UI on an empty store (every page works before any source has data)', () => {
  it('loads every page without errors', async () => {
    const server = await startWebServer({ world: await emptyWorld() });
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const problems: string[] = [];
    try {
      for (const hash of ['#/overview', '#/deployments', '#/windows', '#/trains', '#/tasks', '#/tests', '#/entity?key=task:T1', '#/sql?q=SELECT%201', '#/explore', '#/reports', '#/status']) {
        const page = await browser.newPage();
        page.on('pageerror', (e) => problems.push(`${hash}: ${e.message}`));
        page.on('response', (r) => {
          if (r.status() >= 500) problems.push(`${hash}: HTTP ${r.status()} for ${r.url()}`);
        });
        await page.goto(`${server.url}/${hash}`);
        await page.locator('main h1').waitFor();
        await page.waitForLoadState('networkidle');
        expect(await page.locator('.error').count(), `${hash} shows an error`).toBe(0);
        expect(await page.locator('[data-state=loading]').count(), `${hash} is still loading`).toBe(0);
        await page.close();
      }
    } finally {
      await browser.close();
      await server.close();
    }
    expect(problems).toEqual([]);
  }, 120_000);
});
