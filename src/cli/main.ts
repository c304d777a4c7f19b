// The shiplog CLI: global flags and the command table. Each command lives in
// commands/<name>.ts and is a thin shell over the functions the API uses.
import { Command, CommanderError } from 'commander';
import { describeError, exitCodeOf } from '../lib/errors.ts';
import { CliEnv, type CliIO, type GlobalOptions } from './env.ts';
import * as config from './commands/config.ts';
import * as demo from './commands/demo.ts';
import * as ingest from './commands/ingest.ts';
import * as query from './commands/query.ts';
import * as report from './commands/report.ts';
import * as serve from './commands/serve.ts';
import * as window from './commands/window.ts';
import * as deploy from './commands/deploy.ts';

const COMMANDS: { register(program: Command, env: CliEnv): void }[] = [
  demo,
  ingest,
  query,
  report,
  config,
  serve,
  window,
  deploy,
];

export function buildProgram(io: CliIO): Command {
  const program = new Command('shiplog')
    .description('The release-engineering record: collect, link, keep and query deploys, reviews, CI, tasks, trains and incidents')
    .option('--db <path>', 'DuckDB file (default: SHIPLOG_DB, then config db, then ./shiplog.duckdb)')
    .option('--config <path>', 'config file (default: SHIPLOG_CONFIG, then ./shiplog.yaml)')
    .option('--json', 'machine-readable output')
    .option('--verbose', 'log progress to stderr')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  const env = new CliEnv(io, () => program.opts<GlobalOptions>());
  for (const c of COMMANDS) c.register(program, env);
  return program;
}

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return Number(process.exitCode ?? 0);
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    io.stderr(`shiplog: ${describeError(err)}\n`);
    return exitCodeOf(err);
  }
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (isMain) {
  const io: CliIO = {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    isTTY: Boolean(process.stderr.isTTY),
    stdinIsTTY: Boolean(process.stdin.isTTY),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    env: process.env,
    cwd: process.cwd(),
    fetch: globalThis.fetch,
    clock: () => new Date(),
  };
  runCli(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
