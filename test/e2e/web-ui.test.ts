// What makes the dashboards readable, in a real browser (Debian's chromium): tables sort
// and let people choose columns (kept across a reload), entities and wikitext link out to
// their own systems from the configured bases, every time is UTC and says so (also in a
// browser set to another zone), bars stay whole inside the plot, an API failure shows as
// an error (never as 0 or "nothing yet"), a bad date gets the API's words, dark mode
// follows the system, and the Windows page shows a window at a glance.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { notADate } from '../../src/model/time.ts';
import { CHROMIUM, CHROMIUM_ARGS, hasChromium, startWebServer, type WebServer } from './web-server.ts';

describe.skipIf(!hasChromium)(`readable dashboards in chromium (${hasChromium ? CHROMIUM : `skipped: ${CHROMIUM} missing`})`, () => {
  let server: WebServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startWebServer({ config: { links: { gerrit: 'https://review.example.org/r' } } });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(hash: string, options: BrowserContextOptions = {}): Promise<Page> {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    await page.goto(`${server.url}/${hash}`);
    await page.locator('main h1').waitFor();
    return page;
  }
  const close = (page: Page) => page.context().close();
  const column = (page: Page, table: string, col: string) => page.getByTestId(table).locator('tbody tr').evaluateAll(
    (trs, c) => trs.map((tr) => {
      const i = [...tr.closest('table')!.querySelectorAll('thead th')].findIndex((th) => (th as HTMLElement).dataset.col === c);
      return i < 0 ? null : (tr.children[i] as HTMLElement).innerText;
    }), col);

  it('sorts a table by a header, numbers as numbers, and back', async () => {
    const page = await open('#/deployments');
    await page.getByTestId('deployments').locator('tbody tr').first().waitFor();
    const header = page.getByTestId('deployments').locator('th[data-col=duration_s]');
    await header.locator('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    expect(await column(page, 'deployments', 'duration_s')).toEqual(['10 min', '5 min', '42 s']);
    await header.locator('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    expect(await column(page, 'deployments', 'duration_s')).toEqual(['42 s', '5 min', '10 min']);
    const who = page.getByTestId('deployments').locator('th[data-col=deployer] button');
    await who.click();
    expect(await column(page, 'deployments', 'deployer')).toEqual(['Alice Example', 'Bob Builder', expect.stringContaining('Carol')]);
    expect(await page.getByTestId('deployments').locator('td.k-duration').first().evaluate((td) => getComputedStyle(td).textAlign)).toBe('right');
    await close(page);
  });

  it('lets people choose columns, keeps the choice across a reload, and restores the defaults', async () => {
    const page = await open('#/deployments');
    const table = page.getByTestId('deployments');
    await table.locator('th[data-col=kind]').waitFor();
    expect(await table.locator('th[data-col=host]').count()).toBe(0);
    await table.locator('summary', { hasText: 'Columns' }).click();
    await table.locator('input[name=kind]').uncheck();
    await table.locator('input[name=host]').check();
    expect(await table.locator('th[data-col=kind]').count()).toBe(0);
    await table.locator('th[data-col=host]').waitFor();
    expect(await column(page, 'deployments', 'host')).toContain('deploy1002');
    await page.reload();
    await table.locator('th[data-col=host]').waitFor();
    expect(await table.locator('th[data-col=kind]').count()).toBe(0);
    await table.locator('summary', { hasText: 'Columns' }).click();
    await table.getByRole('button', { name: 'Defaults' }).click();
    await table.locator('th[data-col=kind]').waitFor();
    expect(await table.locator('th[data-col=host]').count()).toBe(0);
    await close(page);
  });

  it('keeps the header in view while the rows scroll, and cuts long cells to one line with the full text on hover', async () => {
    const page = await open('#/deployments');
    const th = page.getByTestId('deployments').locator('th').first();
    await th.waitFor();
    expect(await th.evaluate((e) => getComputedStyle(e).position)).toBe('sticky');
    const message = page.getByTestId('deployments').locator('tr', { hasText: 'sal a1' }).locator('td.k-message');
    expect(await message.evaluate((e) => [getComputedStyle(e).whiteSpace, getComputedStyle(e).textOverflow])).toEqual(['nowrap', 'ellipsis']);
    expect(await message.getAttribute('title')).toMatch(/^Backport: \[\[gerrit:1001\|/);
    await close(page);
  });

  it('links entities and wikitext to their own systems from the configured bases, and to their shiplog page', async () => {
    const page = await open('#/deployments');
    const table = page.getByTestId('deployments');
    const gerrit = table.locator('a.wikilink').first();
    await gerrit.waitFor();
    expect(await gerrit.getAttribute('href')).toBe('https://review.example.org/r/c/1001');
    expect(await gerrit.getAttribute('rel')).toContain('noopener');
    expect(await gerrit.innerText()).toContain('Fix the save button');
    expect(await table.locator('tr', { hasText: 'sal a1' }).locator('a[data-out=SAL]').getAttribute('href')).toBe('https://sal.toolforge.org/production?d=2024-02-02');
    expect(await table.locator('a.key', { hasText: 'sal a1' }).getAttribute('href')).toBe('#/entity?key=deploy%3Asal%3Aa1');
    const entity = await open('#/entity?key=task:T100');
    await entity.locator('a[data-out=Phabricator]').first().waitFor();
    expect(await entity.locator('a[data-out=Phabricator]').first().getAttribute('href')).toBe('https://phabricator.wikimedia.org/T100');
    expect(await entity.getByTestId('tree').locator('a[data-out=Gerrit]').first().getAttribute('href')).toBe('https://review.example.org/r/c/1001');
    await Promise.all([close(page), close(entity)]);
  });

  it('shows every time in UTC and says so, also in a browser set to another zone', async () => {
    const page = await open('#/deployments?bucket=day', { timezoneId: 'America/Los_Angeles' });
    expect(await page.locator('header .zone').innerText()).toBe('times in UTC');
    const table = page.getByTestId('deployments');
    expect(await table.locator('th[data-col=started_at]').innerText()).toMatch(/started at\s*UTC/);
    expect(await column(page, 'deployments', 'started_at')).toEqual(['2024-02-06 19:00', '2024-02-05 14:00', '2024-02-02 12:00']);
    const chart = page.getByTestId('chart').first();
    await chart.locator('svg').first().waitFor();
    const text = await chart.innerText();
    expect(text).toContain('day (UTC)');
    expect(text).toContain('2024-02-02');
    expect(await page.locator('label', { hasText: 'Since (UTC)' }).count()).toBe(1);
    await close(page);
  });

  it('draws bars whole inside the plot, from 0, with axis titles and a legend', async () => {
    const page = await open('#/deployments?bucket=week');
    const svg = page.getByTestId('chart').locator('svg').last();
    await svg.waitFor();
    const geometry = await svg.evaluate((s) => {
      const rule = s.querySelector('g[aria-label=rule] line')!;
      const rects = [...s.querySelectorAll('g[aria-label=rect] rect')].map((r) => (r as SVGRectElement).getBBox());
      return { x1: Number(rule.getAttribute('x1')), x2: Number(rule.getAttribute('x2')), rects: rects.map((b) => [b.x, b.x + b.width, b.width]) };
    });
    expect(geometry.rects.length).toBeGreaterThan(0);
    for (const [left, right, width] of geometry.rects) {
      expect(left).toBeGreaterThanOrEqual(geometry.x1 - 0.5);
      expect(right).toBeLessThanOrEqual(geometry.x2 + 0.5);
      expect(width).toBeGreaterThan(2);
    }
    const labels = await svg.locator('[aria-label$="axis label"]').evaluateAll((els) => els.map((e) => e.textContent ?? ''));
    expect(labels.join(' | ')).toMatch(/deployments.*\|.*week from Monday \(UTC\)|week from Monday \(UTC\).*\|.*deployments/);
    expect(await svg.locator('[aria-label="y-axis tick label"] text').first().textContent()).toBe('0');
    expect(await page.getByTestId('chart').innerText()).toMatch(/backport[\s\S]*sync-file/);
    await close(page);
  });

  it('shows an API failure as an error, not as zero or "nothing yet"', async () => {
    const context = await browser.newContext();
    await context.route('**/api/explore**', (r) => r.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'store_failure', message: 'the store is busy' } }) }));
    await context.route('**/api/tables/deployments**', (r) => r.fulfill({ status: 503, contentType: 'text/plain', body: 'Service Unavailable' }));
    const page = await context.newPage();
    await page.goto(`${server.url}/#/overview`);
    const alerts = page.getByRole('alert');
    await alerts.first().waitFor();
    await expect.poll(() => alerts.count()).toBe(2);
    expect(await alerts.first().innerText()).toMatch(/Could not load activity\.\s+the store is busy \(HTTP 503\)/);
    expect(await alerts.last().innerText()).toMatch(/Could not load the latest deployments\..*HTTP 503/);
    expect(await page.getByTestId('totals').count()).toBe(0);
    expect(await page.locator('[data-state=empty]').count()).toBe(0);
    expect(await page.locator('main').innerText()).not.toMatch(/\b0 merges|Nothing to chart|No deployments/);
    await context.close();
  });

  it('refuses a bad date in a date field with the API\'s words and keeps ISO dates in the URL', async () => {
    const page = await open('#/deployments');
    const since = page.locator('input[name=since]');
    expect(await since.getAttribute('type')).toBe('text');
    expect(await since.getAttribute('placeholder')).toBe('YYYY-MM-DD');
    await since.fill('2024-13-45');
    await since.press('Enter');
    await page.getByRole('alert').filter({ hasText: notADate('2024-13-45') }).waitFor();
    expect(page.url()).not.toContain('since=');
    await since.fill('2024-02-03');
    await since.press('Enter');
    await expect.poll(() => page.url()).toContain('since=2024-02-03');
    await expect.poll(() => column(page, 'deployments', 'deployer')).toEqual([expect.stringContaining('Carol'), 'Bob Builder']);
    const api = await page.evaluate(async () => (await fetch('/api/tables/deployments?since=2024-13-45')).json());
    expect(api.error.message).toContain(notADate('2024-13-45'));
    await close(page);
  });

  it('follows the system\'s dark mode', async () => {
    const luminance = async (scheme: 'light' | 'dark') => {
      const page = await open('#/deployments', { colorScheme: scheme });
      await page.getByTestId('deployments').locator('tbody tr').first().waitFor();
      const rgb = await page.evaluate(() => [getComputedStyle(document.body).backgroundColor, getComputedStyle(document.querySelector('.table-wrap')!).backgroundColor, getComputedStyle(document.querySelector('td')!).color]);
      await close(page);
      return rgb.map((c) => {
        const [r, g, b] = c.match(/\d+/g)!.map(Number);
        return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
      });
    };
    const [lightBg, lightPanel, lightText] = await luminance('light');
    const [darkBg, darkPanel, darkText] = await luminance('dark');
    expect(lightBg).toBeGreaterThan(0.9);
    expect(lightPanel).toBeGreaterThan(0.9);
    expect(lightText).toBeLessThan(0.2);
    expect(darkBg).toBeLessThan(0.15);
    expect(darkPanel).toBeLessThan(0.15);
    expect(darkText).toBeGreaterThan(0.8);
  });

  it('shows a window at a glance: when, who by name, syncs, changes, time spent, each sync linked', async () => {
    const page = await open('#/windows?since=2024-02-01&until=2024-02-10');
    const card = page.getByTestId('window').filter({ hasText: 'European mid-day backport window' });
    await card.waitFor();
    const text = await card.innerText();
    expect(text).toMatch(/2024-02-02 12:00–13:00 UTC/);
    expect(text).toContain('Alice Example');
    expect(text).toMatch(/1\s+syncs/);
    expect(text).toMatch(/10 min\s+busy of/);
    expect(await card.locator('a.wikilink').getAttribute('href')).toBe('https://review.example.org/r/c/1001');
    expect(await card.locator('a[data-out=wikitech]').getAttribute('href')).toContain('https://wikitech.wikimedia.org/wiki/Deployments');
    expect(await page.getByTestId('window').count()).toBe(1);
    await page.locator('select[name=idle]').selectOption('show');
    expect(await page.getByTestId('window').count()).toBe(1);
    expect(await page.title()).toBe('Windows · shiplog');
    await close(page);
  });
});
