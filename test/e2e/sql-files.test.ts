// `shiplog sql` never reads files: without a server (the CLI opens the database itself)
// and through a running `shiplog serve`, whose `<db>.server.json` holds the write token.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.ts';
import { shiplog, shiplogChild, shiplogInProcess } from '../helpers/cli.ts';
import { makeSecretFiles, SECRET, type SecretFiles } from '../helpers/secret-files.ts';

let dir: string;
let db: string;
let files: SecretFiles;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shiplog-cli-files-'));
  files = await makeSecretFiles(dir);
  db = join(dir, 'shiplog.duckdb');
  await (await openStore(db)).close();
});
afterAll(() => {
  files.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('shiplog sql without a server', () => {
  it('refuses every quoted path, extension and glob (exit 64, the reason, no file content)', async () => {
    for (const a of files.attacks) {
      const r = await shiplogInProcess(['--db', db, 'sql', a.sql], { cwd: dir });
      expect(r.code, a.name).toBe(64);
      expect(r.stdout + r.stderr, a.name).not.toContain(SECRET);
      expect(r.stderr, a.name).toMatch(/refused: .*(file or URL|not allowed)/);
    }
  });

  it('refuses a bare relative name that is a file in the working directory', () => {
    const r = shiplog(['--db', db, 'sql', 'SELECT * FROM secret.csv'], { cwd: dir });
    expect(r.code).toBe(64);
    expect(r.stdout + r.stderr).not.toContain(SECRET);
    expect(r.stderr).toMatch(/"secret\.csv" is not a table or view/);
  });
});

describe('shiplog sql through a running server', () => {
  let server: ReturnType<typeof shiplogChild>;
  beforeAll(async () => {
    server = shiplogChild(['--db', db, 'serve', '--port', '0']);
    await new Promise<void>((resolve, reject) => {
      let err = '';
      server.stderr.on('data', (d) => {
        err += d;
        if (/on http:\/\/127\.0\.0\.1:\d+\//.test(err)) resolve();
      });
      server.once('close', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
    });
  });
  afterAll(async () => {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('close', r));
  });

  it('does not hand out the server token from <db>.server.json', async () => {
    const token = (JSON.parse(readFileSync(`${db}.server.json`, 'utf8')) as { token: string }).token;
    for (const text of [`select * from "${db}.server".json`, `select * from "${db}.server"."json"`, `select * from read_text('${db}.server.json')`]) {
      expect(await files.control(text), text).toContain(token);
      const r = shiplog(['--db', db, 'sql', text], { cwd: dir });
      expect(r.code, text).toBe(64);
      expect(r.stdout + r.stderr, text).not.toContain(token);
      expect(r.stderr, text).toMatch(/refused/);
    }
  });
});
