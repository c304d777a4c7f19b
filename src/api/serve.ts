// Runs the API on a port and advertises it to local CLI invocations through
// `<db>.server.json` (url, pid, a per-run token; mode 0600), so they send their work
// here instead of opening the file the server owns.
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from './app.ts';
import type { AppDeps } from './deps.ts';

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export function serverFileOf(dbPath: string): string {
  return `${dbPath}.server.json`;
}

export async function startServer(deps: Omit<AppDeps, 'tokens'>, opts: { host: string; port: number }): Promise<RunningServer> {
  const localToken = randomBytes(24).toString('hex');
  const tokens = [localToken, ...(deps.config.server.token ? [deps.config.server.token] : [])];
  const app = createApp({ ...deps, tokens });
  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: opts.host, port: opts.port }, () => resolve(s));
    s.once('error', reject);
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;
  const url = `http://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${port}`;
  const file = serverFileOf(deps.store.path);
  if (deps.store.path !== ':memory:') {
    writeFileSync(file, JSON.stringify({ url, pid: process.pid, token: localToken }), { mode: 0o600 });
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
