// `shiplog pulse [--since] [--until] [--top N]`: what happened in a period across every
// source (report `pulse`, docs/metrics/pulse.md), printed section by section with each
// figure's coverage; the running server's GET /api/reports/pulse when one owns the database.
import type { Command } from 'commander';
import type { runMetric } from '../../metrics/run.ts';
import type { CliEnv } from '../env.ts';
import { toJson } from '../format.ts';

type Result = Awaited<ReturnType<typeof runMetric>>;

export function register(program: Command, env: CliEnv): void {
  program
    .command('pulse')
    .description('what happened in a period: merges, changes, tasks, deploys by class, trains, rollbacks, incidents, new contributors, most active repositories and people')
    .option('--since <time>', 'start of the period (ISO date or time, UTC; default: until less 7 days)')
    .option('--until <time>', 'end of the period, excluded (default: now)')
    .option('--top <n>', 'repositories, people and new contributors listed (default 10)')
    .action(async (o: { since?: string; until?: string; top?: string }) => {
      const raw = { since: o.since, until: o.until, top: o.top };
      const remote = await env.remote();
      let result: Result;
      if (remote) {
        const q = new URLSearchParams(Object.entries(raw).filter(([, v]) => v !== undefined) as [string, string][]);
        result = await remote.get<Result>(`/api/reports/pulse?${q}`);
      } else {
        const [{ runMetric }, { pulse }] = await Promise.all([import('../../metrics/run.ts'), import('../../metrics/pulse/pulse.ts')]);
        result = await env.withStore(({ store }) => runMetric(pulse, { store, clock: env.io.clock }, raw), { create: false });
      }
      if (env.json) return env.print(toJson(result));
      const { coverageLines, stampLine } = await import('../../metrics/coverage/describe.ts');
      env.print(`Pulse (${stampLine(result.metric, result.coverage)})`);
      for (const section of ['figures', 'deploys', 'repositories', 'people', 'new contributors']) {
        const rows = result.rows.filter((r) => r.section === section);
        if (!rows.length) continue;
        env.print(`\n${section[0].toUpperCase()}${section.slice(1)}`);
        env.print(env.table(['name', 'value', 'detail', 'coverage'], rows));
      }
      env.print('');
      for (const n of result.notes ?? []) env.print(`note: ${n}`);
      for (const l of coverageLines(result.coverage)) env.print(`coverage: ${l}`);
    });
}
