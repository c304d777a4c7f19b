// Runs the API on a port and advertises it to local CLI invocations through
// `<db>.server.json` (url, pid, a per-run token; mode 0600), so they send their work
// here instead of opening the file the server owns. The file is created afresh and
// exclusively, never through a link, so no earlier file's mode or target is kept. The
// HTTP server and the app are imported when a server starts: CLI commands import this
// file for serverFileOf only.
import { randomBytes } from 'node:crypto';
import { closeSync, constants, fchmodSync, openSync, rmSync, writeSync } from 'node:fs';
import type { ServerType } from '@hono/node-server';
import type { Config } from '../config/schema.ts';
import type { AppDeps } from './deps.ts';

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export function serverFileOf(dbPath: string): string {
  return `${dbPath}.server.json`;
}

/**
 * Writes `text` to `file` readable by this user only: whatever is at that path (a file
 * with other modes, a symlink) is removed first, never followed, and the new file is
 * created exclusively (O_EXCL|O_NOFOLLOW), so a link planted in between fails the call.
 */
export function writePrivateFile(file: string, text: string): void {
  rmSync(file, { force: true });
  const fd = openSync(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
  try {
    fchmodSync(fd, 0o600);
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}

/** Whether binding `host` keeps the server on this machine. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^(::ffff:)?127\.\d+\.\d+\.\d+$/.test(h);
}

/** What `shiplog serve` says on stderr before serving on `host`: nothing on loopback. */
export function exposureWarnings(host: string, server: Config['server']): string[] {
  if (isLoopback(host)) return [];
  const out = [`warning: serving on ${host} exposes every read and read-only SQL to the network, not only to this machine (docs/security.md)`];
  if (!server.read_token) out.push('warning: anyone who can reach it may read: set server.read_token (e.g. read_token: ${SHIPLOG_READ_TOKEN}) so reads need a token');
  if (server.allowed_hosts.length === 0) out.push('warning: server.allowed_hosts is empty: only IP addresses and localhost are accepted as Host; list the names clients use');
  out.push('warning: shiplog speaks plain HTTP: put it behind a TLS proxy before tokens cross a network');
  return out;
}

export async function startServer(deps: Omit<AppDeps, 'tokens'>, opts: { host: string; port: number }): Promise<RunningServer> {
  const localToken = randomBytes(24).toString('hex');
  const tokens = [localToken, ...(deps.config.server.token ? [deps.config.server.token] : [])];
  const [{ serve }, { createApp }] = await Promise.all([import('@hono/node-server'), import('./app.ts')]);
  // the address actually bound (--host) is one of the server's names for the Host check
  const config = { ...deps.config, server: { ...deps.config.server, host: opts.host } };
  const app = createApp({ ...deps, config, tokens });
  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: opts.host, port: opts.port }, () => resolve(s));
    s.once('error', reject);
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;
  const url = `http://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${port}`;
  const file = serverFileOf(deps.store.path);
  if (deps.store.path !== ':memory:') {
    writePrivateFile(file, JSON.stringify({ url, pid: process.pid, token: localToken }));
  }
  return {
    url,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        rmSync(file, { force: true });
        server.close(() => resolve());
      }),
  };
}
