// `npm run screenshots`: a screenshot of every dashboard page into docs/screenshots/,
// taken in Debian's chromium from the demo world (`shiplog demo`'s data, ingested through
// the real sources). Tables no source fills yet get the hand-written rows of the API test
// world, and the script says so.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { seedRows } from '../../src/api/test-world.ts';
import { configSchema } from '../../src/config/schema.ts';
import { runDemo } from '../../src/demo/run.ts';
import { silentLogger } from '../../src/lib/log.ts';
import { openStore } from '../../src/store/index.ts';
import { CHROMIUM, CHROMIUM_ARGS, hasChromium, startWebServer } from './web-server.ts';

export const SHOTS: [string, string, ('light' | 'dark')?][] = [
  ['overview', '#/overview?bucket=week'],
  ['deployments', '#/deployments'],
  ['windows', '#/windows'],
  ['trains', '#/trains'],
  ['train', '#/train/{train}'],
  ['dora', '#/dora'],
  ['pulse', '#/pulse'],
  ['people', '#/people'],
  ['tasks', '#/tasks'],
  ['tests', '#/tests'],
  ['entity', '#/entity?key={entity}&depth=2'],
  ['sql', `#/sql?q=${encodeURIComponent('SELECT repo, count(*) AS commits, min(committed_at) AS first, max(committed_at) AS last\nFROM commits GROUP BY repo ORDER BY commits DESC')}`],
  ['explore', '#/explore?table=commits&g1=repo&bucket=month&chart=line'],
  ['reports', '#/reports'],
  ['status', '#/status'],
  ['stewardship', '#/stewardship'],
  ['steward', '#/steward/mediawiki/extensions/LabsManager'],
  ['deployments-dark', '#/deployments', 'dark'],
];

async function main(): Promise<void> {
  if (!hasChromium) {
    console.error(`screenshots need ${CHROMIUM} (apt-get install -y chromium); none taken`);
    process.exitCode = 1;
    return;
  }
  const store = await openStore(':memory:');
  // The wall clock, as `shiplog demo` has: reports "as of now" (test health, open-task
  // ages) then see the demo's data, whatever day the screenshots are taken.
  const clock = () => new Date();
  const deps = { store, config: configSchema.parse({}), log: silentLogger(), clock, fetch };
  await runDemo(deps, { seed: 1, scale: 'small', say: (l) => console.log(l) });
  const [{ n }] = await store.all<{ n: number }>('SELECT count(*) AS n FROM deployments');
  if (n === 0) {
    console.log('no source fills deployments yet: adding the API test world rows (src/api/test-world.ts)');
    await seedRows(store);
  }
  const [linked] = await store.all<{ k: string }>(
    "SELECT src_key AS k FROM links WHERE src_key LIKE 'deploy:%' GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1");
  const entity = encodeURIComponent(linked?.k ?? 'deploy:sal:a1');
  // a train that reached group2 and was rolled back on the way, else the newest
  const [train] = await store.all<{ v: string }>(
    "SELECT version AS v FROM train_events GROUP BY version ORDER BY max(CASE WHEN kind = 'rollback' THEN 1 ELSE 0 END) DESC, max(occurred_at) DESC LIMIT 1");
  const server = await startWebServer({ world: { store, dir: '', close: () => store.close() }, clock });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const out = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
  mkdirSync(out, { recursive: true });
  try {
    for (const [name, hash, colorScheme = 'light'] of SHOTS) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme });
      await page.goto(`${server.url}/${hash.replace('{entity}', entity).replace('{train}', encodeURIComponent(train?.v ?? ''))}`);
      await page.locator('main h1').waitFor();
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(300);
      await page.screenshot({ path: `${out}${name}.png`, fullPage: false });
      console.log(`docs/screenshots/${name}.png`);
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
