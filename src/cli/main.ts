// The shiplog CLI: global flags and the command table. Each command lives in
// commands/<name>.ts and is a thin shell over the functions the API uses. Loading this
// file must stay cheap (`shiplog --help` is a benchmark): commands import their heavy
// modules (DuckDB, the API, the sources) inside their actions, never at the top.
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { ERROR_CODES } from '../lib/errors.ts';
import { CliEnv, type CliIO, type GlobalOptions } from './env.ts';
import { reportError, usageError } from './errors.ts';
import * as config from './commands/config.ts';
import * as demo from './commands/demo.ts';
import * as ingest from './commands/ingest.ts';
import * as query from './commands/query.ts';
import * as report from './commands/report.ts';
import * as serve from './commands/serve.ts';
import * as steward from './commands/steward.ts';
import * as train from './commands/train.ts';
import * as window from './commands/window.ts';
import * as deploy from './commands/deploy.ts';
import * as move from './commands/move.ts';
import * as pulse from './commands/pulse.ts';
import * as people from './commands/people.ts';

const COMMANDS: { register(program: Command, env: CliEnv): void }[] = [
  demo,
  ingest,
  query,
  report,
  steward,
  train,
  config,
  serve,
  window,
  deploy,
  move,
  pulse,
  people,
];

/** The package version (package.json is two folders up from src/cli and dist/cli alike). */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

/** Makes commander throw on usage problems, naming the command, in every subcommand too. */
function strict(cmd: Command, io: CliIO, path: string): void {
  cmd
    .exitOverride((err) => {
      throw Object.assign(err, { commandPath: path });
    })
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: () => undefined });
  for (const c of cmd.commands) strict(c, io, `${path} ${c.name()}`);
}

export function buildProgram(io: CliIO): Command {
  const program = new Command('shiplog')
    .description('The release-engineering record: collect, link, keep and query deploys, reviews, CI, tasks, trains and incidents')
    .version(packageVersion(), '-V, --version', 'print the version')
    .option('--db <path>', 'DuckDB file, or ClickHouse data directory (default: SHIPLOG_DB, then config db, then ./shiplog.duckdb)')
    .option('--engine <name>', 'storage engine: duckdb or clickhouse (default: SHIPLOG_ENGINE, then config engine, then duckdb)')
    .option('--config <path>', 'config file (default: SHIPLOG_CONFIG, then ./shiplog.yaml)')
    .option('--json', 'machine-readable output, errors included')
    .option('--verbose', 'log progress to stderr')
    .option('--debug', 'log everything, with stack traces')
    .option('--wide', 'print table cells in full instead of fitting the terminal');
  const env = new CliEnv(io, () => program.opts<GlobalOptions>());
  program.hook('preAction', () => env.prepare());
  for (const c of COMMANDS) c.register(program, env);
  strict(program, io, 'shiplog');
  return program;
}

/** Runs one invocation; resolves the exit code. Errors are printed here, once. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const program = buildProgram(io);
  const wantsJson = argv.includes('--json');
  try {
    await program.parseAsync(argv, { from: 'user' });
    return Number(process.exitCode ?? 0);
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.exitCode === 0) return 0; // --help, --version
      if (err.code === 'commander.help' && !wantsJson) return ERROR_CODES.bad_request.exit; // no command: the help was the answer
      return reportError(io, usageError(err), { json: wantsJson, debug: argv.includes('--debug') });
    }
    const opts = program.opts<GlobalOptions>();
    return reportError(io, err, { json: Boolean(opts.json) || wantsJson, debug: Boolean(opts.debug) });
  }
}
