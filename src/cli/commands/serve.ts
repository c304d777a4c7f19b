// `shiplog serve`: the API and dashboards on 127.0.0.1 (port from --port, PORT, config).
// While it runs it owns the database file; other CLI commands talk to it. With --sync it
// also collects from the configured sources on their schedules (src/schedule), one source
// at a time, sharing each source's lock with the sync and import routes.
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { ShiplogError } from '../../lib/errors.ts';
import { formatDuration } from '../../lib/duration.ts';
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
  const [{ openStore, storeOptionsOf }, { startServer, exposureWarnings }, { webRoot }, { refreshStale }, { SourceLocks }] = await Promise.all([
    import('../../store/index.ts'), import('../../api/serve.ts'), import('../../api/static.ts'), import('../../sync/rollups.ts'),
    import('../../sync/locks.ts'),
  ]);
  for (const w of exposureWarnings(opts.host, config.server)) env.io.stderr(`shiplog: ${w}\n`);
  const store = await openStore(dbPath, storeOptionsOf(config));
  const deps = { store, config, log: env.log, clock: env.io.clock, fetch: env.io.fetch, locks: new SourceLocks(env.io.clock) };
  let scheduler: Awaited<ReturnType<typeof import('../../schedule/run.ts').startSchedule>> | undefined;
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    if (opts.sync) scheduler = await (await import('../../schedule/run.ts')).startSchedule(deps);
    server = await startServer({ ...deps, scheduler, webRoot: webRoot() }, opts);
  } catch (err) {
    await scheduler?.stop();
    await store.close();
    const code = (err as { code?: string }).code;
    if (code === 'EADDRINUSE') throw new ShiplogError('conflict', `${opts.host}:${opts.port} is in use by another process; pick another --port`, { cause: err });
    if (code === 'EACCES' || code === 'EADDRNOTAVAIL') throw new ShiplogError('bad_request', `cannot listen on ${opts.host}:${opts.port}: ${code}`, { cause: err });
    throw err;
  }
  const what = scheduler ? `, syncing ${scheduler.states().map((s) => `${s.source} every ${formatDuration(s.interval_s * 1000)}`).join(', ')}` : '';
  env.io.stderr(`shiplog serving ${dbPath}${created ? ' (a new, empty database)' : ''} on ${server.url}/${what} (Ctrl-C to stop)\n`);
  // a sync killed before its rollups were rebuilt left them stale: rebuild in the background
  // (readers compute from the base tables meanwhile)
  const rollups = refreshStale({ store, clock: env.io.clock })
    .then((rebuilt) => { if (Object.keys(rebuilt).length) env.log.info({ rebuilt }, 'rollups rebuilt (ms)'); })
    .catch((err: unknown) => env.log.warn({ err }, 'rebuilding the rollups failed; readers use the base tables'));
  await stopSignal(env);
  env.io.stderr(`shiplog: stopping${scheduler?.states().some((s) => s.running_since) ? ' (the running sync resumes from its cursor at the next start)' : ''}\n`);
  await scheduler?.stop();
  await server.close();
  await rollups;
  await store.close();
}

export function register(program: Command, env: CliEnv): void {
  program
    .command('serve')
    .description('serve the HTTP API and the dashboards (with --sync, also collect on the schedule)')
    .option('--port <n>', 'port (default: PORT, then server.port, 8080)', parsePort)
    .option('--host <host>', 'address to bind (default: server.host, 127.0.0.1)')
    .option('--sync', 'collect from the configured sources on their schedule (schedule: in the config), one at a time')
    .action(async (o: { port?: string; host?: string; sync?: boolean }) => {
      await serveUntilStopped(env, { host: o.host ?? env.loaded.config.server.host, port: portOf(env, o.port), sync: o.sync });
    });
}
