// For the browser tests and screenshots: builds the web UI into a temp folder (Vite, from
// the current source), fills a store with the API test world and serves both on
// 127.0.0.1 with a free port. Chromium comes from Debian (/usr/bin/chromium), never a
// downloaded browser.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { startServer, type RunningServer } from '../../src/api/serve.ts';
import { buildTestWorld, NOW, type TestWorld } from '../../src/api/test-world.ts';
import { configSchema } from '../../src/config/schema.ts';
import { silentLogger } from '../../src/lib/log.ts';
import { openStore } from '../../src/store/index.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'];
export const hasChromium = existsSync(CHROMIUM);

export async function buildWeb(outDir: string): Promise<void> {
  await build({
    configFile: fileURLToPath(new URL('../../src/web/vite.config.ts', import.meta.url)),
    build: { outDir, emptyOutDir: true },
    logLevel: 'error',
  });
}

export interface WebServer {
  url: string;
  world: TestWorld;
  close(): Promise<void>;
}

let built: Promise<string> | undefined;

/** One UI build per test process, removed at exit. */
function webBuild(): Promise<string> {
  built ??= (async () => {
    const out = mkdtempSync(join(tmpdir(), 'shiplog-web-'));
    process.once('exit', () => rmSync(out, { recursive: true, force: true }));
    await buildWeb(out);
    return out;
  })();
  return built;
}

/** An empty, migrated store in memory, for "pages work before any data" checks. */
export async function emptyWorld(): Promise<TestWorld> {
  const store = await openStore(':memory:');
  return { store, dir: '', close: () => store.close() };
}

/** The test world (or the given one) behind a running server with a fresh UI build. */
export async function startWebServer(opts: { world?: TestWorld; config?: Record<string, unknown>; clock?: () => Date } = {}): Promise<WebServer> {
  const out = await webBuild();
  const world = opts.world ?? (await buildTestWorld());
  const server: RunningServer = await startServer(
    { store: world.store, config: configSchema.parse(opts.config ?? {}), log: silentLogger(), clock: opts.clock ?? (() => NOW), fetch, webRoot: out },
    { host: '127.0.0.1', port: 0 },
  );
  return {
    url: server.url,
    world,
    close: async () => {
      await server.close();
      await world.close();
    },
  };
}
