// While `shiplog serve` owns the database file, other CLI commands send their work to it
// over HTTP instead of failing on the file lock; writes need the token.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shiplog, shiplogChild } from '../helpers/cli.ts';
import { makeRepo } from '../helpers/repo.ts';

let dir: string;
let db: string;
let repo: string;
let server: ReturnType<typeof shiplogChild>;
let url: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shiplog-serve-'));
  db = join(dir, 's.duckdb');
  repo = await makeRepo(join(dir, 'r.git'), 500, 9);
  server = shiplogChild(['--db', db, 'serve', '--port', '0']);
  url = await new Promise<string>((resolve, reject) => {
    let err = '';
    server.stderr.on('data', (d) => {
      err += d;
      const m = /on (http:\/\/127\.0\.0\.1:\d+)\//.exec(err);
      if (m) resolve(m[1]);
    });
    server.once('close', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
});

afterAll(async () => {
  server.kill('SIGTERM');
  await new Promise((r) => server.once('close', r));
});

describe('a running server owns the file', () => {
  it('advertises itself next to the database', () => {
    expect(existsSync(`${db}.server.json`)).toBe(true);
  });

  it('runs import, sql and status from the CLI through the server', () => {
    const imp = shiplog(['--db', db, '--json', 'import', 'git', repo, '--name', 'x/y']);
    expect(imp.code, imp.stderr).toBe(0);
    expect(JSON.parse(imp.stdout).summaries[0].tables.commits.new).toBe(500);
    const sql = shiplog(['--db', db, 'sql', 'SELECT count(*) AS n FROM commits', '--format', 'json']);
    expect(sql.code, sql.stderr).toBe(0);
    expect(JSON.parse(sql.stdout)).toEqual([{ n: 500 }]);
    const status = shiplog(['--db', db, '--json', 'status']);
    expect(JSON.parse(status.stdout).tables.commits).toBe(500);
  });

  it('refuses writes over HTTP without the bearer token', async () => {
    const res = await fetch(`${url}/api/import`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ source: 'git', paths: [repo] }) });
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('unauthorized');
  });

  it('answers health and status', async () => {
    expect((await (await fetch(`${url}/api/health`)).json()).ok).toBe(true);
    expect((await (await fetch(`${url}/api/status`)).json()).tables.commits).toBe(500);
  });
});
