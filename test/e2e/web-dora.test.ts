// The DORA page in a real browser (Debian's chromium through playwright-core), on the
// hand-made DORA world (test/helpers/dora-world.ts, figures worked out in
// src/metrics/dora/dora.test.ts): the train's figures per wiki group with the lead-time
// split, grades that name their benchmark set, the set switched on the page (and kept in
// the URL), the backport class apart; a train's page (what it carried, backports, blockers,
// its rollback with the incident, whose timeline shows on its entity page); and both pages
// on an empty store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { doraWorld } from '../helpers/dora-world.ts';
import { CHROMIUM, CHROMIUM_ARGS, emptyWorld, hasChromium, startWebServer, type WebServer } from './web-server.ts';

describe.skipIf(!hasChromium)(`DORA page in chromium (${hasChromium ? CHROMIUM : `skipped: ${CHROMIUM} missing`})`, () => {
  let server: WebServer;
  let empty: WebServer;
  let browser: Browser;
  const problems: string[] = [];

  beforeAll(async () => {
    const store = await doraWorld();
    server = await startWebServer({ world: { store, dir: '', close: () => store.close() } });
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
  const cell = (page: Page, measure: string, col: number) => page.locator(`[data-testid=dora-train] tr[data-measure=${measure}] td`).nth(col).innerText();

  it('shows the train per wiki group, the lead-time split and grades naming their set; switches the set', async () => {
    const page = await open(server, '#/dora?since=2025-03-01&until=2025-03-29');
    await page.getByRole('heading', { level: 1, name: 'DORA on the train model' }).waitFor();
    await page.getByTestId('dora-train').waitFor();
    expect(await page.title()).toBe('DORA · shiplog');
    // columns: measure, unit, all, testwikis, group0, group1, group2, grade
    expect(await cell(page, 'lead_time_review_h', 2)).toMatch(/^24\b/);
    expect(await cell(page, 'lead_time_wait_for_cut_h', 2)).toMatch(/^122\b/);
    expect(await cell(page, 'lead_time_h', 2)).toMatch(/^188\b/);
    expect(await cell(page, 'change_failure_rate_per_promotion', 5)).toBe('25.0 %');
    expect(await page.getByTestId('grade-lead_time_h').innerText()).toBe('medium · dora-2024@1');
    expect(await page.getByTestId('grade-change_failure_rate_per_train').innerText()).toBe('low · dora-2024@1');
    expect(await page.getByTestId('dora-backport').innerText()).toContain('rework_rate');
    await page.locator('select[name=benchmark]').selectOption('dora-2023');
    await expect.poll(() => page.url()).toContain('benchmark=dora-2023');
    await page.getByTestId('grade-change_failure_rate_per_train').filter({ hasText: 'medium · dora-2023@1' }).waitFor();
    await page.close();
    expect(problems).toEqual([]);
  });

  it('shows what rode a train, reached from the Trains page', async () => {
    const page = await open(server, '#/trains');
    await page.getByTestId('train-link').filter({ hasText: '1.44.0-wmf.2' }).click();
    await page.getByRole('heading', { level: 1, name: '1.44.0-wmf.2' }).waitFor();
    await expect.poll(() => page.title()).toBe('1.44.0-wmf.2 · Train · shiplog'); // the title is set after the heading renders
    expect(await page.getByTestId('train-summary').innerText()).toContain('first change on its branch');
    expect(await page.getByTestId('train-repos').innerText()).toContain('mediawiki/core');
    expect(await page.getByTestId('train-changes').locator('tbody tr').count()).toBe(2);
    expect(await page.getByTestId('train-backports').innerText()).toContain('50');
    expect(await page.getByTestId('train-blockers').innerText()).toContain('Fatal on save');
    const rollbacks = await page.getByTestId('train-rollbacks').innerText();
    expect(rollbacks).toContain('T900');
    expect(rollbacks).toContain('Save failures on group1');
    // on to the incident: its report's timeline, marked where its times were read
    await page.getByTestId('train-rollbacks').getByText('Save failures on group1').click();
    await page.getByTestId('incident-timeline').locator('tbody tr').first().waitFor();
    const timeline = await page.getByTestId('incident-timeline').innerText();
    expect(timeline).toContain('OUTAGE BEGINS: save fails on group1 wikis');
    expect(timeline).toMatch(/start/);
    expect(await page.getByTestId('incident-timeline').locator('tbody tr').count()).toBe(4);
    await page.close();
    expect(problems).toEqual([]);
  });

  it('says so on an empty store', async () => {
    const page = await open(empty, '#/dora');
    await page.getByText('No train promotions or syncs in this period.').waitFor();
    await page.goto(`${empty.url}/#/train/1.44.0-wmf.2`);
    await page.getByRole('alert').filter({ hasText: 'no train 1.44.0-wmf.2' }).waitFor();
    await page.close();
    expect(problems).toEqual([]);
  });
});
