// `shiplog demo`: ingest a realistic, deterministic world through the real sources and
// serve it (unless --no-serve).
import type { Command } from 'commander';
import { ShiplogError } from '../../lib/errors.ts';
import { runDemo } from '../../demo/run.ts';
import { formatSummary, mergeSummaries, totals } from '../../sync/summary.ts';
import type { CliEnv } from '../env.ts';
import { toJson } from '../format.ts';
import { portOf, serveUntilStopped } from './serve.ts';

export function register(program: Command, env: CliEnv): void {
  program
    .command('demo')
    .description('build a realistic demo world, ingest it through the real sources, and serve it')
    .option('--port <n>', 'port to serve on (default: PORT, then server.port, 8080)')
    .option('--host <host>', 'address to bind (default: 127.0.0.1)')
    .option('--no-serve', 'ingest only, do not start the server')
    .option('--seed <n>', 'world seed', '1')
    .option('--scale <scale>', 'small (default, under a minute) or large (benchmarks)', 'small')
    .option('--keep', 'keep the emitted wire-format files and print where they are')
    .action(async (o: { port?: string; host?: string; serve: boolean; seed: string; scale: string; keep?: boolean }) => {
      if (o.scale !== 'small' && o.scale !== 'large') throw new ShiplogError('bad_request', `--scale ${o.scale}: use small or large`);
      if (await env.remote()) {
        throw new ShiplogError('conflict', `${env.loaded.dbPath} is served by a running shiplog; stop it or use another --db for the demo`);
      }
      const say = (line: string) => env.io.stderr(`${line}\n`);
      const { summaries, dir } = await env.withStore((deps) =>
        runDemo(deps, { seed: Number(o.seed), scale: o.scale as 'small' | 'large', keep: o.keep, say: env.json ? undefined : say }),
      );
      if (env.json) env.print(toJson({ db: env.loaded.dbPath, summaries }));
      else {
        env.print(formatSummary(mergeSummaries(summaries)));
        const rows = summaries.reduce((n, s) => n + totals(s).new + totals(s).updated, 0);
        env.print(`\n${rows} rows new or updated in ${env.loaded.dbPath}${o.keep ? `; wire-format files kept in ${dir}` : ''}`);
      }
      if (o.serve) await serveUntilStopped(env, { host: o.host ?? env.loaded.config.server.host, port: portOf(env, o.port) });
    });
}
