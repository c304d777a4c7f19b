// `shiplog demo`: ingest a realistic, deterministic world through the real sources and
// serve it (unless --no-serve).
import type { Command } from 'commander';
import { ShiplogError } from '../../lib/errors.ts';
import type { CliEnv } from '../env.ts';
import { toJson } from '../format.ts';
import { parsePort, portOf, serveUntilStopped } from './serve.ts';

interface DemoFlags { port?: string; host?: string; serve: boolean; seed: string; scale: string; keep?: boolean }

export function register(program: Command, env: CliEnv): void {
  program
    .command('demo')
    .description('build a realistic demo world, ingest it through the real sources, and serve it')
    .option('--port <n>', 'port to serve on (default: PORT, then server.port, 8080)', parsePort)
    .option('--host <host>', 'address to bind (default: 127.0.0.1)')
    .option('--no-serve', 'ingest only, do not start the server')
    .option('--seed <n>', 'world seed', '1')
    .option('--scale <scale>', 'small (default, under a minute) or large (benchmarks)', 'small')
    .option('--keep', 'keep the emitted wire-format files and print where they are')
    .action(async (o: DemoFlags) => {
      if (o.scale !== 'small' && o.scale !== 'large') throw new ShiplogError('bad_request', `--scale ${o.scale}: use small or large`);
      if (!/^\d+$/.test(o.seed)) throw new ShiplogError('bad_request', `--seed ${o.seed}: use a whole number`);
      if (await env.remote()) {
        throw new ShiplogError('conflict', `${env.loaded.dbPath} is served by a running shiplog; stop it or use another --db for the demo`);
      }
      const [{ runDemo }, { formatSummary, mergeSummaries, totals }] = await Promise.all([
        import('../../demo/run.ts'), import('../../sync/summary.ts'),
      ]);
      const { summaries, dir } = await env.withStore(({ progress, ...deps }) =>
        runDemo(deps, {
          seed: Number(o.seed), scale: o.scale as 'small' | 'large', keep: o.keep,
          say: env.json ? undefined : (line) => progress.log(line),
          step: (text) => progress.status(text),
        }));
      if (env.json) env.print(toJson({ db: env.loaded.dbPath, summaries }));
      else {
        env.print(formatSummary(mergeSummaries(summaries)));
        const rows = summaries.reduce((n, s) => n + totals(s).new + totals(s).updated, 0);
        env.print(`\n${rows} rows new or updated in ${env.loaded.dbPath}${o.keep ? `; wire-format files kept in ${dir}` : ''}`);
      }
      if (o.serve) await serveUntilStopped(env, { host: o.host ?? env.loaded.config.server.host, port: portOf(env, o.port) });
    });
}
