// `shiplog window start [--name …]`, `shiplog window status`, `shiplog window done`: the
// deployer opens a backport window, deploys in it (`shiplog deploy`), closes it and gets
// its summary. The open window lives in a local file so this works offline; the events go
// to the server or database (src/cli/workflow.ts). Never prompts: safe without a TTY.
import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { ShiplogError } from '../../lib/errors.ts';
import { keys } from '../../model/ids.ts';
import type { WindowDoneEvent, WindowOpenEvent } from '../../sources/workflow/events.ts';
import { clearState, mergeDeploys, readState, summarize, writeState, type WindowSummary } from '../../workflow/state.ts';
import type { CliEnv } from '../env.ts';
import { toJson, toTable } from '../format.ts';

/** The workflow helpers (spool, delivery, the pipeline): loaded when a command runs, not at start. */
const workflow = () => import('../workflow.ts');

/** A window id: its opening minute (UTC) and a random suffix, unique without a server. */
export function newWindowId(at: Date): string {
  const t = at.toISOString();
  return `${t.slice(0, 10)}T${t.slice(11, 13)}${t.slice(14, 16)}Z-wf-${randomBytes(3).toString('hex')}`;
}

function duration(s: number | null): string {
  if (s === null) return '';
  const m = Math.floor(s / 60);
  return m >= 60 ? `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m` : `${m}m ${String(Math.round(s % 60)).padStart(2, '0')}s`;
}

export function formatSummary(s: WindowSummary): string {
  const rows = [
    { field: 'window', value: `${s.name} (${s.window_key})` },
    { field: 'opened', value: s.opened_at },
    { field: 'closed', value: s.closed_at ?? '(open)' },
    { field: 'syncs', value: String(s.syncs) },
    { field: 'changes', value: s.changes.length ? `${s.changes.length}: ${s.changes.join(', ')}` : '0' },
    { field: 'tasks', value: s.tasks.length ? `${s.tasks.length}: ${s.tasks.join(', ')}` : '0' },
    { field: 'failed', value: String(s.failed) },
    { field: 'aborted', value: String(s.aborted) },
    { field: 'unfinished', value: String(s.unfinished) },
    { field: 'forced', value: String(s.forced) },
    { field: 'time open', value: duration(s.time_open_s) },
    { field: 'first start → last finish', value: duration(s.first_start_to_last_finish_s) },
    { field: 'time deploying (sum)', value: duration(s.time_deploying_s) },
  ];
  return toTable(['field', 'value'], rows, 200);
}

export function register(program: Command, env: CliEnv): void {
  // before any command: deliver what an earlier one had to spool
  program.hook('preAction', async () => (await workflow()).flushSpool(env));
  const window = program.command('window').description('open, inspect and close a deployment window (the deployer workflow)');

  window
    .command('start')
    .description('open a window; refused while one is open')
    .option('--name <name>', 'window name, e.g. "UTC late backport window"', 'Backport window')
    .option('--deployer <name>', 'who deploys (default: SHIPLOG_DEPLOYER, then $USER)')
    .action(async (o: { name: string; deployer?: string }) => {
      const { deployerOf, hostOf, recordEvents, statePathFor } = await workflow();
      const path = statePathFor(env);
      const open = readState(path);
      if (open) {
        throw new ShiplogError('conflict', `a window is already open: "${open.window.name}" since ${open.window.opened_at} (${path}); close it with: shiplog window done`);
      }
      const now = env.io.clock();
      const event: WindowOpenEvent = {
        type: 'window-open', window_id: newWindowId(now), name: o.name, opened_at: now.toISOString(),
        deployer: deployerOf(env, o.deployer), host: hostOf(),
      };
      writeState(path, { window: event, deploys: [] });
      const r = await recordEvents(env, [event]);
      const key = keys.window(event.window_id);
      env.print(env.json ? toJson({ window_key: key, opened_at: event.opened_at, delivered: r.spooled === 0 }) : `opened ${o.name} (${key}) at ${event.opened_at}`);
    });

  window
    .command('status')
    .description('the open window and what was deployed in it so far')
    .action(async () => {
      const { statePathFor } = await workflow();
      const open = readState(statePathFor(env));
      if (!open) return env.print(env.json ? toJson({ open: false }) : 'no window open (shiplog window start opens one)');
      const s = summarize(keys.window(open.window.window_id), open, null);
      env.print(env.json ? toJson({ open: true, ...s }) : formatSummary(s));
    });

  window
    .command('done')
    .description('close the open window and print its summary')
    .action(async () => {
      const { recordEvents, recordedDeploys, statePathFor } = await workflow();
      const path = statePathFor(env);
      const open = readState(path);
      if (!open) throw new ShiplogError('conflict', `no window is open (${path}); nothing to close`);
      const now = env.io.clock();
      const event: WindowDoneEvent = { ...open.window, type: 'window-done', closed_at: now.toISOString() };
      await recordEvents(env, [event]);
      clearState(path);
      // the server knows deploys this machine's file may not (a killed `shiplog deploy`)
      const deploys = mergeDeploys(open.deploys, await recordedDeploys(env, open.window.window_id));
      const s = summarize(keys.window(open.window.window_id), { ...open, deploys }, now);
      env.print(env.json ? toJson(s) : formatSummary(s));
    });
}
