// `shiplog deploy [--change N]… [--task T]… [--force] -- <command…>`: wraps the real deploy
// command (scap backport / sync-file / sync-world …), records it in the open window and
// passes its output and exit status through. Change and task come from the flags or the
// command itself; they are asked for only when stdin is a TTY, otherwise a missing one is
// a clear error. Without an open window it refuses unless --force (recorded as forced).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { ShiplogError } from '../../lib/errors.ts';
import { keys } from '../../model/ids.ts';
import type { DeployEndEvent, DeployStartEvent } from '../../sources/workflow/events.ts';
import { parseChangeList, parseTaskList, readCommand, sawTestservers } from '../../workflow/command-info.ts';
import { noteOf, readState, writeState } from '../../workflow/state.ts';
import type { CliEnv } from '../env.ts';
import { toJson } from '../format.ts';

/** The workflow helpers (spool, delivery, the pipeline): loaded when a command runs, not at start. */
const workflow = () => import('../workflow.ts');

interface DeployOptions {
  change?: string[];
  task?: string[];
  force?: boolean;
  untracked?: boolean;
  deployer?: string;
}

const repeat = (v: string, prev: string[] = []) => [...prev, v];

async function ask(question: string, parse: (t: string) => unknown[] | null): Promise<unknown[]> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    for (;;) {
      const answer = parse(await rl.question(question));
      if (answer) return answer;
      process.stderr.write('not understood; numbers like 12345 or T123, separated by commas (blank: none)\n');
    }
  } finally {
    rl.close();
  }
}

async function itemsOf(env: CliEnv, o: DeployOptions, args: string[]): Promise<{ changes: number[]; tasks: string[] }> {
  const info = readCommand(args);
  const fromFlags = (list: string[] | undefined, parse: (t: string) => unknown[] | null, what: string) =>
    (list ?? []).flatMap((v) => {
      const parsed = parse(v);
      if (!parsed) throw new ShiplogError('bad_request', `deploy: --${what} ${v}: not a ${what === 'change' ? 'change number or Gerrit URL' : 'task id like T123'}`);
      return parsed;
    });
  let changes = [...new Set([...(fromFlags(o.change, parseChangeList, 'change') as number[]), ...info.changes])];
  let tasks = [...new Set([...(fromFlags(o.task, parseTaskList, 'task') as string[]), ...info.tasks])];
  if (o.untracked || (changes.length > 0 && tasks.length > 0)) return { changes, tasks };
  if (env.io.stdinIsTTY) {
    if (changes.length === 0) changes = (await ask('Gerrit change(s) this deploy carries (blank: none): ', parseChangeList)) as number[];
    if (tasks.length === 0) tasks = (await ask('Phabricator task(s) (blank: none): ', parseTaskList)) as string[];
    return { changes, tasks };
  }
  if (changes.length === 0 && tasks.length === 0) {
    throw new ShiplogError('bad_request', 'deploy: no change or task in the command and stdin is not a terminal to ask: pass --change N and/or --task T123 (or --untracked for a deploy that carries none)');
  }
  return { changes, tasks };
}

/** Runs the command with its output passed through; resolves its exit code and whether scap paused at the testservers. */
function runWrapped(env: CliEnv, args: string[], clock: () => Date): Promise<{ code: number; signal: string | null; staged: boolean; finishedAt: Date }> {
  return new Promise((resolve) => {
    let tail = '';
    let staged = false;
    const watch = (d: Buffer) => {
      tail = (tail + d.toString()).slice(-4096);
      if (sawTestservers(tail)) staged = true;
    };
    const ignoreInt = () => undefined; // Ctrl-C reaches the child too; stay alive to record "aborted"
    process.on('SIGINT', ignoreInt);
    const child = spawn(args[0], args.slice(1), { stdio: ['inherit', 'pipe', 'pipe'] });
    child.stdout.on('data', (d: Buffer) => { env.io.stdout(d.toString()); watch(d); });
    child.stderr.on('data', (d: Buffer) => { env.io.stderr(d.toString()); watch(d); });
    child.on('error', (err) => {
      env.io.stderr(`shiplog: cannot run ${args[0]}: ${err.message}\n`);
      process.off('SIGINT', ignoreInt);
      resolve({ code: 127, signal: null, staged, finishedAt: clock() });
    });
    child.on('close', (code, signal) => {
      process.off('SIGINT', ignoreInt);
      resolve({ code: code ?? (signal === 'SIGINT' ? 130 : 128), signal, staged, finishedAt: clock() });
    });
  });
}

export function register(program: Command, env: CliEnv): void {
  program
    .command('deploy')
    .description('run a deploy command (after --) and record it in the open window')
    .argument('<command...>', 'the deploy command and its arguments, after --')
    .option('--change <n>', 'Gerrit change number or URL (repeatable)', repeat)
    .option('--task <T>', 'Phabricator task, e.g. T123 (repeatable)', repeat)
    .option('--force', 'deploy even with no window open (recorded as forced)')
    .option('--untracked', 'the deploy carries no change or task (do not ask)')
    .option('--deployer <name>', 'who deploys (default: SHIPLOG_DEPLOYER, then $USER)')
    .action(async (args: string[], o: DeployOptions) => {
      const { deployerOf, hostOf, queueEvents, recordEvents, statePathFor } = await workflow();
      const statePath = statePathFor(env);
      const state = readState(statePath);
      if (!state && !o.force) {
        throw new ShiplogError('conflict', 'deploy: no window is open; open one with `shiplog window start`, or pass --force (the deploy is recorded as forced)');
      }
      const { changes, tasks } = await itemsOf(env, o, args);
      const info = readCommand(args);
      const deployer = deployerOf(env, o.deployer ?? state?.window.deployer);
      const host = hostOf();
      // The command's own start and end are recorded: the start event is spooled locally
      // (kept through a kill) and delivered while the command runs, never before it.
      const startedAt = env.io.clock();
      const start: DeployStartEvent = {
        type: 'deploy-start', deploy_id: `${startedAt.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z-${randomBytes(4).toString('hex')}`,
        window_id: state?.window.window_id ?? null, forced: !state, kind: info.kind, command: args, message: info.message,
        changes, tasks, started_at: startedAt.toISOString(), deployer, host,
      };
      await queueEvents(env, [start]);
      const running = runWrapped(env, args, () => env.io.clock());
      const sent = recordEvents(env, []).catch(() => undefined); // a slow or hung server delays no command
      const run = await running;
      const end: DeployEndEvent = {
        ...start, type: 'deploy-end', finished_at: run.finishedAt.toISOString(), exit_code: run.code, staged: run.staged,
        outcome: run.signal === 'SIGINT' || run.code === 130 ? 'aborted' : run.code === 0 ? 'ok' : 'failed',
      };
      // a target that just failed is not tried again now: the end waits in the spool with the start
      const first = await sent;
      const r = first?.error ? await queueEvents(env, [end], first.error) : await recordEvents(env, [end]);
      const fresh = readState(statePath);
      if (fresh && state && fresh.window.window_id === state.window.window_id) writeState(statePath, { ...fresh, deploys: [...fresh.deploys, noteOf(end)] });
      const key = keys.deploy('workflow', start.deploy_id);
      if (env.json) env.print(toJson({ deploy_key: key, outcome: end.outcome, exit_code: run.code, delivered: r.spooled === 0 }));
      else env.io.stderr(`shiplog: recorded ${key} (${end.outcome}, exit ${run.code})\n`);
      process.exitCode = run.code;
    });
}
