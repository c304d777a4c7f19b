// The published package, as a user gets it: `npm pack` of a copy of this checkout (its
// `prepare` builds dist/ there, leaving this checkout's dist/ alone), installed into an
// empty folder, then `npx shiplog demo` serves the dashboards and the API with no source
// checkout, no tsx and no esbuild. No network: the install is `npm ci --offline` with the
// versions this checkout's package-lock.json pins (shiplog pins its dependencies exactly),
// from npm's cache, which `npm ci` of the checkout filled; it skips, saying so, when the
// cache lacks one. Slow (a build and a demo): about two minutes.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.ts';

const work = mkdtempSync(join(tmpdir(), 'shiplog-package-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function run(cmd: string, args: string[], cwd: string, timeout = 300_000) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout, env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' } });
  return { code: r.status, out: r.stdout ?? '', err: `${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}

/** A copy of the checkout's files (tracked and new, not ignored), with node_modules linked. */
function copyCheckout(): string {
  const dest = join(work, 'checkout');
  const files = run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], ROOT).out.split('\0').filter(Boolean);
  for (const f of files) {
    if (!existsSync(join(ROOT, f))) continue; // deleted in the work tree
    mkdirSync(dirname(join(dest, f)), { recursive: true });
    cpSync(join(ROOT, f), join(dest, f));
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dest, 'node_modules'), 'dir');
  return dest;
}

/** An empty app that depends on the tarball, locked to the checkout's production dependencies. */
function appFor(tarball: string): string {
  const app = join(work, 'app');
  mkdirSync(app);
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
  const spec = `file:${tarball}`;
  const packages: Record<string, unknown> = { '': { name: 'app', dependencies: { shiplog: spec } } };
  for (const [path, entry] of Object.entries(lock.packages)) if (path.startsWith('node_modules/') && !entry.dev) packages[path] = entry;
  packages['node_modules/shiplog'] = { version: pkg.version, resolved: spec, dependencies: pkg.dependencies, bin: pkg.bin, engines: pkg.engines, license: pkg.license };
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, dependencies: { shiplog: spec } }));
  writeFileSync(join(app, 'package-lock.json'), JSON.stringify({ name: 'app', lockfileVersion: 3, requires: true, packages }));
  return app;
}

describe('npm pack → npm install in an empty folder → npx shiplog demo', () => {
  it('ships the build (JavaScript, web assets, .sql files) and nothing of the sources or tests', { timeout: 900_000 }, async (ctx) => {
    const checkout = copyCheckout();
    const packed = run('npm', ['pack', '--json', '--pack-destination', work], checkout, 600_000);
    expect(packed.code, packed.err.slice(-3000)).toBe(0);
    // the build that `prepare` runs prints to stdout too ("[build] …"): the JSON is the array that opens a line
    const [info] = JSON.parse(packed.out.slice(packed.out.search(/^\[\s*\{/m))) as { filename: string; files: { path: string }[] }[];
    const paths = info.files.map((f) => f.path);
    for (const p of ['bin/shiplog', 'dist/cli/bin.js', 'dist/web/index.html', 'dist/store/schema/001_core.sql', 'dist/schedule/freshness.sql', 'README.md', 'docs/deploy.md']) {
      expect(paths, p).toContain(p);
    }
    expect(paths.some((p) => p.startsWith('dist/web/assets/') && p.endsWith('.js')), 'web assets').toBe(true);
    expect(paths.filter((p) => p.startsWith('src/') || p.startsWith('test/') || /\.test\.|\.ts$|screenshots\//.test(p))).toEqual([]);
    // test helpers compiled by accident: the contract suite's worlds pull in test fixtures
    expect(paths.filter((p) => /fixture|test-world|store\/contract\//.test(p))).toEqual([]);

    const app = appFor(join(work, info.filename));
    const install = run('npm', ['ci', '--offline', '--no-audit', '--no-fund'], app, 600_000);
    if (install.code !== 0 && /ENOTCACHED|offline/i.test(install.err)) {
      ctx.skip(`npm's cache lacks a dependency of the package and this test does not use the network: ${install.err.split('\n').find((l) => /ENOTCACHED|offline/i.test(l))}`);
    }
    expect(install.code, install.err.slice(-3000)).toBe(0);
    const installed = readdirSync(join(app, 'node_modules'));
    expect(installed).toContain('shiplog');
    expect(installed).not.toContain('tsx');
    expect(installed).not.toContain('esbuild');
    expect(installed).not.toContain('vitest');

    const version = run('npx', ['--no-install', 'shiplog', '--version'], app);
    expect(version.code, version.err).toBe(0);
    expect(version.out.trim()).toMatch(/^\d+\.\d+\.\d+/);

    const demo = spawn('npx', ['--no-install', 'shiplog', '--db', join(app, 'demo.duckdb'), 'demo', '--port', '0'], {
      cwd: app, env: { ...process.env, SHIPLOG_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true,
    });
    let stderr = '';
    demo.stderr.on('data', (d) => (stderr += d));
    demo.stdout.resume();
    // npx runs shiplog under a shell; the pipe closes when the last of them, shiplog, has exited
    const closed = new Promise<void>((r) => demo.stderr.once('close', () => r()));
    try {
      const started = Date.now();
      let base: string | undefined;
      while (!base && Date.now() - started < 600_000 && demo.exitCode === null) {
        base = /serving .* on (http:\/\/127\.0\.0\.1:\d+)\//.exec(stderr)?.[1];
        if (!base) await new Promise((r) => setTimeout(r, 500));
      }
      expect(base, stderr.slice(-3000)).toBeDefined();
      const page = await (await fetch(`${base}/`)).text();
      const asset = /src="(\/assets\/[^"]+\.js)"/.exec(page)?.[1];
      expect(asset, page.slice(0, 500)).toBeDefined();
      expect((await fetch(`${base}${asset}`)).status).toBe(200);
      const status = (await (await fetch(`${base}/api/status`)).json()) as { tables: Record<string, number> };
      expect(status.tables.changes).toBeGreaterThan(100);
      expect(status.tables.deployments).toBeGreaterThan(100);
      const report = await fetch(`${base}/api/reports/deploys`); // a metric whose SQL comes from a .sql file in dist/
      expect(report.status).toBe(200);
      expect(stderr).not.toMatch(/^\s+at /m);
    } finally {
      process.kill(-demo.pid!, 'SIGTERM'); // npx, its shell and shiplog: as Ctrl-C reaches a terminal's group
    }
    await closed;
    expect(stderr).toMatch(/shiplog: stopping\n$/);
  });
});
