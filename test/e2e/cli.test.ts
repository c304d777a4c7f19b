// The CLI end to end, through the real executable: import, idempotent re-import,
// renormalize equals the original, sql (json values, refusals), status, config.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { shiplog, shiplogInProcess } from '../helpers/cli.ts';
import { dumpTables } from '../helpers/dump.ts';
import { makeRepo } from '../helpers/repo.ts';

const OMIT = { sync_state: ['last_run_at', 'last_success_at'], derive_state: ['derived_at'] };
let dir: string;
let repo: string;
let db: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shiplog-cli-'));
  repo = await makeRepo(join(dir, 'mw-config.git'), 3000, 3);
  db = join(dir, 'a.duckdb');
  const r = shiplog(['--db', db, 'import', 'git', repo, '--name', 'operations/mediawiki-config']);
  expect(r.code, r.stderr).toBe(0);
});

describe('import git', () => {
  it('stores every commit with its task links', () => {
    const r = shiplog(['--db', db, 'sql', "SELECT count(*) AS n, count(*) FILTER (WHERE len(bug_tasks) > 0) AS with_bug FROM commits", '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const [row] = JSON.parse(r.stdout);
    expect(row.n).toBe(3000);
    expect(typeof row.n).toBe('number');
    const links = JSON.parse(shiplog(['--db', db, 'sql', "SELECT count(DISTINCT src_key) AS n FROM links WHERE rule = 'commit-footer'", '--format', 'json']).stdout);
    expect(links[0].n).toBe(row.with_bug);
  });

  it('changes nothing on a second import', async () => {
    const before = await dumpTables(db, { omit: OMIT });
    const r = shiplog(['--db', db, '--json', 'import', 'git', repo, '--name', 'operations/mediawiki-config']);
    expect(r.code, r.stderr).toBe(0);
    const { summaries } = JSON.parse(r.stdout);
    expect(summaries[0].raw).toBe(0);
    for (const c of Object.values(summaries[0].tables) as { new: number; updated: number }[]) expect(c.new + c.updated).toBe(0);
    expect(await dumpTables(db, { omit: OMIT })).toEqual(before);
  });

  it('renormalize rebuilds exactly the same tables from raw_records', async () => {
    const before = await dumpTables(db, { omit: OMIT });
    const r = shiplog(['--db', db, 'renormalize']);
    expect(r.code, r.stderr).toBe(0);
    const after = await dumpTables(db, { omit: OMIT });
    for (const t of Object.keys(before)) expect(after[t], t).toEqual(before[t]);
  });

  it('names the path when the repository does not exist', () => {
    const r = shiplog(['--db', join(dir, 'x.duckdb'), 'import', 'git', join(dir, 'missing.git')]);
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).toContain(join(dir, 'missing.git'));
  });
});

describe('sql', () => {
  it.each([
    'DROP TABLE commits',
    "INSERT INTO tasks (task_key, task_id) VALUES ('a', 'b')",
    "COPY commits TO '/tmp/x.csv'",
    "ATTACH '/tmp/y.duckdb'",
    'INSTALL httpfs',
    'LOAD httpfs',
    'SET threads = 1',
    'PRAGMA database_size',
    "SELECT * FROM read_csv('/etc/passwd')",
    "SELECT * FROM read_text('/etc/hostname')",
    "SELECT * FROM read_parquet('/tmp/x.parquet')",
    "SELECT * FROM glob('/etc/*')",
  ])('refuses %s with a one-line reason and a non-zero exit', async (q) => {
    const r = await shiplogInProcess(['--db', db, 'sql', q], { cwd: dir });
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^shiplog: refused: /);
  });

  it('refuses through the real executable too', () => {
    const r = shiplog(['--db', db, 'sql', "SELECT * FROM read_csv('/etc/passwd')"]);
    expect(r.code).toBe(64);
    expect(r.stderr).toMatch(/^shiplog: refused: table function read_csv\(\) is not allowed/);
  });

  it('prints csv and tables', () => {
    const csv = shiplog(['--db', db, 'sql', 'SELECT sha, subject FROM commits ORDER BY committed_at LIMIT 2', '--format', 'csv']);
    expect(csv.stdout.split('\n')[0]).toBe('sha,subject');
    const table = shiplog(['--db', db, 'sql', 'SELECT 1 AS one']);
    expect(table.stdout).toMatch(/^one\n---\n1\n$/);
  });
});

describe('status and config', () => {
  it('shows the source, scope, cursor and counts', () => {
    const r = shiplog(['--db', db, '--json', 'status']);
    const s = JSON.parse(r.stdout);
    expect(s.scopes[0]).toMatchObject({ source: 'git', scope: 'operations/mediawiki-config', raw_records: 3001, rejects: 0 });
    expect(s.tables.commits).toBe(3000);
  });

  it('prints the resolved config with secrets hidden', () => {
    const file = join(dir, 'shiplog.yaml');
    writeFileSync(file, 'server:\n  token: ${SHIPLOG_TOKEN}\nsources:\n  git:\n    repos:\n      - path: /srv/mediawiki-config\n');
    const r = shiplog(['--config', file, '--json', 'config'], { env: { SHIPLOG_TOKEN: 'super-secret-token' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toContain('super-secret-token');
    expect(JSON.parse(r.stdout).server.token).toBe('***');
  });

  it.each([
    ['sources:\n  git:\n    repos: 5\n', /shiplog\.yaml: sources\.git\.repos: /],
    ['sources:\n  nope: {}\n', /shiplog\.yaml: sources: Unrecognized key.*nope/],
    ['server:\n  port: "x"\n', /shiplog\.yaml: server\.port: /],
    ['server:\n  token: ${UNSET_VAR_FOR_TEST}\n', /shiplog\.yaml: server\.token: environment variable UNSET_VAR_FOR_TEST is not set/],
    ['server: [\n', /shiplog\.yaml: not valid YAML/],
    ['db_memory_limit: lots\n', /shiplog\.yaml: db_memory_limit: a size such as 512MB or 2GiB/],
  ])('names the file and key of a bad config (%#)', async (text, message) => {
    const file = join(dir, 'shiplog.yaml');
    writeFileSync(file, text);
    const r = await shiplogInProcess(['--config', file, 'config'], { cwd: dir });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(message);
  });
});
