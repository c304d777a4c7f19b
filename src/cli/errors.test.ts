// Every error class of the CLI with its documented exit code (docs/cli.md), one line on
// stderr (a JSON object with --json), no stack without --debug; read commands refuse a
// missing database instead of creating it; source failures during a sync exit with the
// failure's class. In process through runCli, plus the real executable for EPIPE.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, shiplogInProcess } from '../../test/helpers/cli.ts';
import { ERROR_CODES, ShiplogError } from '../lib/errors.ts';
import { classify } from './errors.ts';

let dir: string;
let db: string;
const run = (args: string[], cwd = dir) => shiplogInProcess(args, { cwd });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shiplog-errors-'));
  db = join(dir, 'ok.duckdb');
  expect((await run(['--db', db, 'window', 'start'])).code).toBe(0); // creates the database
});

function oneLine(stderr: string): string {
  const lines = stderr.trim().split('\n');
  expect(lines, stderr).toHaveLength(1);
  expect(stderr).not.toMatch(/^\s+at /m); // no stack
  return lines[0];
}

describe('usage errors exit 64 (bad_request), never commander\'s 1', () => {
  it.each([
    [['bogus'], /unknown command 'bogus' \(see shiplog --help\)/],
    [['sql'], /missing required argument 'query' \(see shiplog sql --help\)/],
    [['sql', '--nope', 'SELECT 1'], /unknown option '--nope'/],
    [['sql', '--limit', 'ten', 'SELECT 1'], /--limit ten: use a whole number/],
    [['serve', '--port', '70000'], /--port 70000: use a number from 0 to 65535/],
    [['demo', '--scale', 'huge', '--no-serve'], /--scale huge: use small or large/],
    [['sql', '--format', 'xml', 'SELECT 1'], /--format xml: use table, json or csv/],
  ])('%j', async (args, message) => {
    const r = await run(['--db', db, ...args]);
    expect(r.code).toBe(64);
    expect(oneLine(r.stderr)).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('answers with a JSON error object under --json', async () => {
    const r = await run(['--json', 'sql', '--nope', 'SELECT 1']);
    expect(r.code).toBe(64);
    expect(JSON.parse(oneLine(r.stderr))).toEqual({ error: { code: 'bad_request', message: expect.stringContaining("unknown option '--nope'"), exit: 64 } });
  });

  it('prints the help and exits 64 with no command', async () => {
    const r = await run([]);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain('Usage: shiplog');
  });

  it('--help and --version exit 0', async () => {
    expect((await run(['--help'])).code).toBe(0);
    const v = await run(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe('a missing database is not created by a read command (66, not_found)', () => {
  it.each([['status'], ['sql', 'SELECT 1'], ['report', 'deploys'], ['renormalize']])('%j', async (...args) => {
    const typo = join(dir, 'typo.duckdb');
    const r = await run(['--db', typo, ...args]);
    expect(r.code).toBe(66);
    expect(oneLine(r.stderr)).toBe(`shiplog: ${typo}: no such database (from --db); create one with shiplog demo, import or sync`);
    expect(existsSync(typo)).toBe(false);
  });

  it('names the missing path of an import', async () => {
    const r = await run(['--db', db, 'import', 'sal', join(dir, 'nowhere.ndjson')]);
    expect(r.code).toBe(66);
    expect(oneLine(r.stderr)).toContain(join(dir, 'nowhere.ndjson'));
  });
});

describe('other classes', () => {
  it('config_invalid: 78, naming the file and key', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'shiplog-cfg-'));
    writeFileSync(join(cwd, 'shiplog.yaml'), 'sql:\n  row_limit: many\n');
    const r = await run(['config'], cwd);
    expect(r.code).toBe(78);
    expect(oneLine(r.stderr)).toMatch(new RegExp(`${join(cwd, 'shiplog.yaml')}: sql.row_limit: `));
    const missing = await run(['--config', join(cwd, 'absent.yaml'), 'config'], cwd);
    expect(missing.code).toBe(78);
    expect(oneLine(missing.stderr)).toContain(join(cwd, 'absent.yaml'));
  });

  it('conflict: 75', async () => {
    const r = await run(['--db', db, 'window', 'start']);
    expect(r.code).toBe(75);
    expect(oneLine(r.stderr)).toMatch(/a window is already open/);
  });

  it('store_failure: 70 for a file that is not a database; the stack only with --debug', async () => {
    const notDb = join(dir, 'notes.txt');
    writeFileSync(notDb, 'not a database\n'.repeat(200));
    const r = await run(['--db', notDb, 'status']);
    expect(r.code).toBe(70);
    expect(oneLine(r.stderr)).toMatch(new RegExp(`^shiplog: ${notDb}: cannot open the database`));
    const debug = await run(['--debug', '--db', notDb, 'status']);
    expect(debug.code).toBe(70);
    expect(debug.stderr).toMatch(/^\s+at /m);
  });

  it('the SQL position of a typo, not "SELEC statements are not allowed"', async () => {
    const r = await run(['--db', db, 'sql', 'SELEC 1']);
    expect(r.code).toBe(64);
    expect(oneLine(r.stderr)).toBe('shiplog: refused: SQL does not parse: Parser Error: syntax error at or near "SELEC" (line 1, column 1)');
    const later = await run(['--db', db, 'sql', 'SELECT 1,\n  nope FROM range(2)']);
    expect(oneLine(later.stderr)).toMatch(/column "nope" not found.* \(line 2, column 3\)/);
  });
});

describe('sql --limit', () => {
  it('passes 10,000 up to sql.max_row_limit and says how to raise it', async () => {
    const r = await run(['--db', db, '--json', 'sql', '--limit', '25000', 'SELECT * FROM range(30000)']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveLength(25_000);
    expect(r.stderr).toMatch(/stopped at 25000 rows; raise --limit up to 1000000 \(sql.max_row_limit\)/);
    const over = await run(['--db', db, 'sql', '--limit', '1000001', 'SELECT 1']);
    expect(over.code).toBe(64);
    expect(oneLine(over.stderr)).toMatch(/more than sql.max_row_limit \(1000000\)/);
  });
});

describe('a sync whose source fails exits with the failure\'s class', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url!.includes('/auth/')) return res.writeHead(401).end('Unauthorized');
      res.writeHead(404, { 'content-type': 'text/html' }).end('<html>Not Found</html>');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const withGerrit = (url: string) => {
    const cwd = mkdtempSync(join(tmpdir(), 'shiplog-sync-'));
    writeFileSync(join(cwd, 'shiplog.yaml'), `sources:\n  gerrit:\n    url: ${url}\n    query: "status:merged"\n    retries: 0\n    timeout_ms: 2000\n`);
    return cwd;
  };

  const urls: Record<'source_unreachable' | 'source_auth' | 'source_protocol', () => string> = {
    source_unreachable: () => 'http://127.0.0.1:9/r', // the discard port: nothing listens
    source_auth: () => `${base}/auth/r`,
    source_protocol: () => `${base}/r`,
  };

  it.each(Object.keys(urls) as (keyof typeof urls)[])('%s', async (code) => {
    const cwd = withGerrit(urls[code]());
    const r = await run(['--db', join(cwd, 's.duckdb'), 'sync'], cwd);
    expect(r.code).toBe(ERROR_CODES[code].exit);
    expect(r.stderr).toMatch(/1 scope\(s\) failed, the rest was stored; first: gerrit status:merged: http:\/\/127\.0\.0\.1:\d+/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });
});

describe('classify', () => {
  it('maps system errors to their class and anything else to an internal store_failure', () => {
    const enoent = Object.assign(new Error("ENOENT: no such file or directory, open '/x/y'"), { code: 'ENOENT', path: '/x/y' });
    expect(classify(enoent).code).toBe('not_found');
    expect(classify(new TypeError('x is undefined')).message).toBe('unexpected error: x is undefined (--debug shows where)');
    // DuckDB past its memory_limit says what to do, on one line
    const oom = classify(new Error('Out of Memory Error: failed to pin block of size 256.0 KiB (488.0 MiB/488.2 MiB used)\n\nPossible solutions:\n* Reducing the number of threads'));
    expect(oom.code).toBe('store_failure');
    expect(oom.message).toBe('the store ran out of its memory limit (Out of Memory Error: failed to pin block of size 256.0 KiB (488.0 MiB/488.2 MiB used)): raise db_memory_limit in shiplog.yaml (docs/config.md) and run the command again; batches already committed are kept (--debug shows where)');
    const own = new ShiplogError('conflict', 'busy');
    expect(classify(own)).toBe(own);
  });
});

describe('the real executable', () => {
  it('ends quietly when its reader goes away (EPIPE)', () => {
    const q = join(dir, 'pipe.duckdb');
    expect(spawnSync(BIN, ['--db', q, 'window', 'start'], { encoding: 'utf8' }).status).toBe(0);
    const r = spawnSync('bash', ['-o', 'pipefail', '-c', `"${BIN}" --db "${q}" sql --format csv --limit 300000 "SELECT * FROM range(300000)" | head -n 2`], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stdout).toBe('range\n0\n');
    expect(r.stderr).not.toMatch(/EPIPE|Error/);
    expect(r.status).toBe(0);
  });
});
