// `shiplog serve`: the API and dashboards on 127.0.0.1 (port from --port, PORT, config).
// While it runs it owns the database file; other CLI commands talk to it. With --sync it
// also collects from the configured sources on their schedules (src/schedule).
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { ShiplogError } from '../../lib/errors.ts';
import type { CliEnv } from '../env.ts';

/** --port: 0–65535 (0 picks a free port). */
export function parsePort(v: string): string {
  if (!/^\d+$/.test(v) || Number(v) > 65535) throw new ShiplogError('bad_request', `--port ${v}: use a number from 0 to 65535`);
  return v;
}

export function portOf(env: CliEnv, flag?: string): number {
  const v = flag ?? env.io.env.PORT;
  if (v !== undefined && (!/^\d+$/.test(v) || Number(v) > 65535)) throw new ShiplogError('bad_request', `PORT=${v}: use a number from 0 to 65535`);
  return v !== undefined ? Number(v) : env.loaded.config.server.port;
}

function stopSignal(env: CliEnv): Promise<void> {
  return env.io.stopped?.() ?? new Promise(() => undefined);
}

/** Serves until the process is asked to stop (SIGINT/SIGTERM); with `sync`, runs the schedule too. */
export async function serveUntilStopped(env: CliEnv, opts: { host: string; port: number; sync?: boolean }): Promise<void> {
  const { dbPath, config } = env.loaded;
  const created = dbPath !== ':memory:' && !existsSync(dbPath);
  const [{ openStore }, { startServer, exposureWarnings }, { webRoot }, { refreshStaleRollups }] = await Promise.all([
    import('../../store/index.ts'), import('../../api/serve.ts'), import('../../api/static.ts'), import('../../rollups/state.ts'),
  ]);
  for (const w of exposureWarnings(opts.host, config.server)) env.io.stderr(`shiplog: ${w}\n`);
  const store = await openStore(dbPath, { memoryLimit: config.db_memory_limit });
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({ store, config, log: env.log, clock: env.io.clock, fetch: env.io.fetch, webRoot: webRoot() }, opts);
  } catch (err) {
    await store.close();
    const code = (err as { code?: string }).code;
    if (code === 'EADDRINUSE') throw new ShiplogError('conflict', `${opts.host}:${opts.port} is in use by another process; pick another --port`, { cause: err });
    if (code === 'EACCES' || code === 'EADDRNOTAVAIL') throw new ShiplogError('bad_request', `cannot listen on ${opts.host}:${opts.port}: ${code}`, { cause: err });
    throw err;
  }
  env.io.stderr(`shiplog serving ${dbPath}${created ? ' (a new, empty database)' : ''} on ${server.url}/ (Ctrl-C to stop)\n`);
  // a sync killed before its rollups were rebuilt left them stale: rebuild in the background
  // (readers compute from the base tables meanwhile)
  const rollups = refreshStaleRollups({ store, clock: env.io.clock })
    .then((rebuilt) => { if (Object.keys(rebuilt).length) env.log.info({ rebuilt }, 'rollups rebuilt (ms)'); })
    .catch((err: unknown) => env.log.warn({ err }, 'rebuilding the rollups failed; readers use the base tables'));
  await stopSignal(env);
  env.io.stderr('shiplog: stopping\n');
  await server.close();
  await rollups;
  await store.close();
}

export function register(program: Command, env: CliEnv): void {
  program
    .command('serve')
    .description('serve the HTTP API and the dashboards')
    .option('--port <n>', 'port (default: PORT, then server.port, 8080)', parsePort)
    .option('--host <host>', 'address to bind (default: server.host, 127.0.0.1)')
    .action(async (o: { port?: string; host?: string }) => {
      await serveUntilStopped(env, { host: o.host ?? env.loaded.config.server.host, port: portOf(env, o.port) });
    });
}
