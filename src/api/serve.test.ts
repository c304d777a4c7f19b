// `<db>.server.json` carries the write token: it is created afresh with mode 0600 whatever
// was at its path before, and a symlink planted there is replaced, never followed.
import { existsSync, lstatSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { configSchema } from '../config/schema.ts';
import { silentLogger } from '../lib/log.ts';
import { openStore, type Store } from '../store/index.ts';
import { serverFileOf, startServer, type RunningServer } from './serve.ts';

let dir: string;
let store: Store;
let server: RunningServer | undefined;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'shiplog-serverfile-'));
  store = await openStore(join(dir, 's.duckdb'));
});
afterEach(async () => {
  await server?.close();
  server = undefined;
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const start = async () => {
  server = await startServer({ store, config: configSchema.parse({}), log: silentLogger(), clock: () => new Date(), fetch }, { host: '127.0.0.1', port: 0 });
  return server;
};
const mode = (p: string) => statSync(p).mode & 0o777;

describe('<db>.server.json', () => {
  it('replaces a pre-existing world-readable file with a 0600 one', async () => {
    const file = serverFileOf(store.path);
    writeFileSync(file, '{"token":"old"}', { mode: 0o644 });
    expect(mode(file)).toBe(0o644);
    await start();
    expect(mode(file)).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8')).token).toMatch(/^[0-9a-f]{48}$/);
  });

  it('does not follow a symlink at its path: the target keeps its bytes and mode', async () => {
    const file = serverFileOf(store.path);
    const target = join(dir, 'victim.txt');
    writeFileSync(target, 'precious', { mode: 0o644 });
    rmSync(file, { force: true });
    symlinkSync(target, file);
    await start();
    expect(readFileSync(target, 'utf8')).toBe('precious');
    expect(mode(target)).toBe(0o644);
    expect(lstatSync(file).isSymbolicLink()).toBe(false);
    expect(mode(file)).toBe(0o600);
  });

  it('is removed when the server stops', async () => {
    await (await start()).close();
    server = undefined;
    expect(existsSync(serverFileOf(store.path))).toBe(false);
  });
});
