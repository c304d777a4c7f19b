// `shiplog serve`: the API and dashboards on 127.0.0.1 (port from --port, PORT, config).
// While it runs it owns the database file; other CLI commands talk to it.
import type { Command } from 'commander';
import { refreshStaleRollups } from '../../rollups/state.ts';
import { openStore } from '../../store/index.ts';
import { startServer } from '../../api/serve.ts';
import { webRoot } from '../../api/static.ts';
import type { CliEnv } from '../env.ts';

export function portOf(env: CliEnv, flag?: string): number {
  const v = flag ?? env.io.env.PORT;
  return v !== undefined ? Number(v) : env.loaded.config.server.port;
}

/** Serves until SIGINT/SIGTERM. */
export async function serveUntilStopped(env: CliEnv, opts: { host: string; port: number }): Promise<void> {
  const store = await openStore(env.loaded.dbPath, { memoryLimit: env.loaded.config.db_memory_limit });
  const server = await startServer(
    { store, config: env.loaded.config, log: env.log, clock: env.io.clock, fetch: env.io.fetch, webRoot: webRoot() },
    opts,
  );
  env.io.stderr(`shiplog serving ${env.loaded.dbPath} on ${server.url}/ (Ctrl-C to stop)\n`);
  // a sync killed before its rollups were rebuilt left them stale: rebuild in the background
  // (readers compute from the base tables meanwhile)
  const rollups = refreshStaleRollups({ store, clock: env.io.clock })
    .then((rebuilt) => { if (Object.keys(rebuilt).length) env.log.info({ rebuilt }, 'rollups rebuilt (ms)'); })
    .catch((err: unknown) => env.log.warn({ err }, 'rebuilding the rollups failed; readers use the base tables'));
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  await rollups;
  await store.close();
}

export function register(program: Command, env: CliEnv): void {
  program
    .command('serve')
    .description('serve the HTTP API and the dashboards')
    .option('--port <n>', 'port (default: PORT, then server.port, 8080)')
    .option('--host <host>', 'address to bind (default: server.host, 127.0.0.1)')
    .action(async (o: { port?: string; host?: string }) => {
      await serveUntilStopped(env, { host: o.host ?? env.loaded.config.server.host, port: portOf(env, o.port) });
    });
}
