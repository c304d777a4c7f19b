// `shiplog serve --host 0.0.0.0` says, before serving, that reads and SQL are open to the
// network and what to set (server.read_token, server.allowed_hosts); on loopback it is quiet.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shiplogChild } from '../helpers/cli.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'shiplog-exposed-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function serveStderr(host: string): Promise<string> {
  const child = shiplogChild(['--db', join(dir, `${host.replace(/\W/g, '_')}.duckdb`), 'serve', '--port', '0', '--host', host]);
  const err = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stderr.on('data', (d) => {
      text += d;
      if (/serving .* on http/.test(text)) resolve(text);
    });
    child.once('close', (code) => reject(new Error(`serve exited ${code}: ${text}`)));
  });
  child.kill('SIGTERM');
  await new Promise((r) => child.once('close', r));
  return err;
}

describe('shiplog serve beyond loopback', () => {
  it('warns on 0.0.0.0 and names the settings that close it', async () => {
    const err = await serveStderr('0.0.0.0');
    expect(err).toMatch(/warning: serving on 0\.0\.0\.0 exposes every read and read-only SQL to the network/);
    expect(err).toMatch(/server\.read_token/);
    expect(err).toMatch(/server\.allowed_hosts/);
  });

  it('is quiet on 127.0.0.1', async () => {
    expect(await serveStderr('127.0.0.1')).not.toMatch(/warning/);
  });
});
