// `shiplog report <id>`: any metric or report of src/metrics/registry.ts, with
// --since/--until/--limit and --param key=value; the same definitions GET /api/reports/<id> runs.
// A text table shows people by their display names; JSON and CSV keep the ids.
import type { Command } from 'commander';
import { ShiplogError } from '../../lib/errors.ts';
import type { runMetric } from '../../metrics/run.ts';
import type { CliEnv } from '../env.ts';
import { toCsv, toJson } from '../format.ts';

type MetricResult = Awaited<ReturnType<typeof runMetric>>;

export function register(program: Command, env: CliEnv): void {
  program
    .command('report')
    .description('run a report or metric (without an id: list them)')
    .argument('[id]', 'report id, or id@version for a kept older definition (omit to list them)')
    .option('--since <time>', 'start of the time window (ISO date or time, UTC)')
    .option('--until <time>', 'end of the time window')
    .option('--limit <n>', 'row limit')
    .option('--format <format>', 'table | json | csv')
    .option('--param <key=value>', 'report parameter (repeatable)', (v: string, prev: string[] = []) => [...prev, v])
    .action(async (id: string | undefined, o: Record<string, unknown>) => {
      const format = (o.format as string | undefined) ?? (env.json ? 'json' : 'table');
      if (!['table', 'json', 'csv'].includes(format)) throw new ShiplogError('bad_request', `--format ${format}: use table, json or csv`);
      const { findMetric, METRICS, unknownMetricMessage } = await import('../../metrics/registry.ts');
      if (!id) {
        const rows = METRICS.map((m) => ({ id: m.id, version: m.version, kind: m.kind, title: m.title }));
        return env.print(env.json ? toJson(rows) : env.table(['id', 'version', 'kind', 'title'], rows));
      }
      const def = findMetric(id);
      if (!def) throw new ShiplogError('bad_request', unknownMetricMessage(id));
      const raw: Record<string, unknown> = { since: o.since, until: o.until, limit: o.limit };
      for (const kv of (o.param as string[] | undefined) ?? []) {
        const i = kv.indexOf('=');
        if (i < 1) throw new ShiplogError('bad_request', `--param ${kv}: use key=value`);
        raw[kv.slice(0, i)] = kv.slice(i + 1);
      }
      const remote = await env.remote();
      const query = new URLSearchParams(Object.entries(raw).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));
      let result: MetricResult;
      // display names for the person columns of a text table (the API sends them with JSON)
      let names: Record<string, string> = {};
      if (remote) {
        result = await remote.get<MetricResult>(`/api/reports/${encodeURIComponent(id)}?${query}`);
        names = (result as { people?: Record<string, string> }).people ?? {};
      } else {
        const { runMetric } = await import('../../metrics/run.ts');
        const { displayNames, personIds } = await import('../../api/query/people.ts');
        result = await env.withStore(async ({ store }) => {
          const r = await runMetric(def, { store, clock: env.io.clock }, raw);
          if (format === 'table') names = await displayNames(store, personIds(r.rows));
          return r;
        }, { create: false });
      }
      const columns = result.columns ?? Object.keys(result.rows[0] ?? {});
      if (format === 'json') return env.print(toJson(result));
      if (format === 'csv') return env.print(toCsv(columns, result.rows, { terminal: env.io.stdoutIsTTY }));
      const { coverageLines, stampLine } = await import('../../metrics/coverage/describe.ts');
      env.print(`${def.title} (${stampLine(result.metric ?? `${def.id}@${def.version}`, result.coverage, result.benchmark)})`);
      const { withDisplayNames } = await import('../../api/query/people.ts');
      env.print(result.rows.length ? env.table(columns, withDisplayNames(result.rows, names)) : '(no rows)');
      for (const n of result.notes ?? []) env.print(`note: ${n}`);
      for (const l of coverageLines(result.coverage)) env.print(`coverage: ${l}`);
    });
}
