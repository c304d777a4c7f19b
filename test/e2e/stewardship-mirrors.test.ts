// Stewardship on the real mirrors, through the CLI as a user runs it: the six extension and
// skin repositories, integration/config, LibUp's config and operations/mediawiki-config's
// extension-list imported into one store, then `shiplog steward <repo> --json` and
// `shiplog steward --json`. Checks what issue 14's "done when" names: no crash and no
// reject on any of them, adoption dates that match `git log` on Cite and Math (Echo and
// MonoBook are checked in src/sources/extensions/mirror.test.ts), OpenStackManager's three
// dates on its page, and a fleet overview with compliance over time. Skipped, saying why,
// where a mirror is absent (CI has none). About two minutes on a loaded machine.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shiplogInProcess } from '../helpers/cli.ts';

const M = (name: string) => `/work/.mirror/wikimedia+${name}/repo`;
const EXTENSIONS = ['mediawiki-extensions-Echo', 'mediawiki-extensions-Cite', 'mediawiki-extensions-Math', 'mediawiki-extensions-OpenStackManager', 'mediawiki-extensions-SemanticACL', 'mediawiki-skins-MonoBook'];
const OTHERS = ['integration-config', 'labs-libraryupgrader-config', 'operations-mediawiki-config'];
const missing = [...EXTENSIONS, ...OTHERS].filter((m) => !existsSync(M(m)));
const NOW = new Date('2026-11-25T12:00:00Z');
const git = (dir: string, args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' }).trim();

const title = missing.length === 0 ? 'stewardship on the real mirrors' : `stewardship on the real mirrors (skipped: ${missing.map((m) => `/work/.mirror/wikimedia+${m}`).join(', ')} not on this machine)`;

describe.skipIf(missing.length > 0)(title, () => {
  const dir = mkdtempSync(join(tmpdir(), 'shiplog-steward-mirrors-'));
  const db = join(dir, 'shiplog.duckdb');
  const cli = (args: string[]) => shiplogInProcess(['--db', db, ...args], { cwd: dir, now: NOW });
  const json = async (args: string[]) => {
    const r = await cli([...args, '--json']);
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout);
  };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeAll(async () => {
    for (const args of [
      ['import', 'extensions', ...EXTENSIONS.map(M)],
      ['import', 'libup-targets', M('labs-libraryupgrader-config')],
      ['import', 'ci-config', M('integration-config')],
      ['import', 'extension-list', M('operations-mediawiki-config')],
    ]) {
      const r = await cli(args);
      expect(r.code, `${args.slice(0, 2).join(' ')}: ${r.stderr}`).toBe(0);
    }
  }, 600_000);

  it('scans every repository without a reject', async () => {
    const r = await json(['sql', 'SELECT source, location, reason FROM rejects']);
    expect(r).toEqual([]);
  });

  it('dates Cite\'s and Math\'s manifests by the commits git log finds', async () => {
    for (const [name, repo] of [['mediawiki-extensions-Cite', 'mediawiki/extensions/Cite'], ['mediawiki-extensions-Math', 'mediawiki/extensions/Math']]) {
      const added = git(M(name), ['log', '--first-parent', '--reverse', '--diff-filter=A', '--format=%H', '--', 'extension.json']).split('\n')[0];
      const r = await json(['sql', `SELECT since_commit FROM repo_facts WHERE repo = '${repo}' AND fact = 'manifest.present' AND value = 'extension.json' ORDER BY since_at LIMIT 1`]);
      expect(r[0]?.since_commit, repo).toBe(added);
    }
  });

  it('shows OpenStackManager\'s three dates, each with its source', async () => {
    const page = await json(['steward', 'mediawiki/extensions/OpenStackManager']);
    const day = (what: string) => (page.dates as { what: string; at: string; source: string }[]).find((d) => d.what === what);
    expect(day('last human commit')?.at.slice(0, 10)).toBe('2024-01-12');
    expect(day('last bot-only commit')?.at.slice(0, 10)).toBe('2024-03-27');
    expect(day('archived in CI')?.at.slice(0, 10)).toBe('2024-06-24');
    expect(day('archived in CI')?.source).toMatch(/layout\.yaml/);
    expect(page.lifecycle.status).toBe('archived');
  });

  it('gives the fleet overview: every scanned repository with a status and compliance, and the fleet\'s share over time', async () => {
    const fleet = await json(['steward']);
    const rows = new Map((fleet.rows as { repo: string; status: string; compliance_required: number | null }[]).map((r) => [r.repo, r]));
    expect(fleet.summary.repos).toBeGreaterThan(1000); // every extension and skin integration/config names
    for (const repo of ['mediawiki/extensions/Echo', 'mediawiki/extensions/Cite', 'mediawiki/extensions/Math', 'mediawiki/skins/MonoBook']) {
      expect(rows.get(repo)?.status, repo).toBe('wikimedia-deployed');
      expect(rows.get(repo)?.compliance_required, repo).not.toBeNull();
    }
    expect(rows.get('mediawiki/extensions/OpenStackManager')?.status).toBe('archived');
    // left zuul/layout.yaml in 2016 (renamed TwoColConflict) and nothing else is known of it
    expect(rows.get('mediawiki/extensions/2ColConflict')?.status).toBe('unknown');
    const truths = new Set((fleet.compliance_over_time as { truth: string }[]).map((c) => c.truth));
    expect([...truths].sort()).toEqual(['latest', 'required', 'safe']);
  });
});
