// The process entry of the `shiplog` command (bin/shiplog runs the compiled copy,
// bin/shiplog-dev this source): wires the real streams, clock and signals into runCli
// and turns its answer into the exit code. A closed stdout (`shiplog sql … | head`)
// ends the process quietly instead of crashing on EPIPE.
import { runCli } from './main.ts';
import type { CliIO } from './env.ts';

function quietOnEpipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0); // the reader has all it wanted
    throw err;
  });
}

quietOnEpipe(process.stdout);
quietOnEpipe(process.stderr);

const io: CliIO = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  isTTY: Boolean(process.stderr.isTTY),
  stdinIsTTY: Boolean(process.stdin.isTTY),
  stdoutIsTTY: Boolean(process.stdout.isTTY),
  columns: process.stdout.isTTY ? process.stdout.columns : undefined,
  env: process.env,
  cwd: process.cwd(),
  fetch: globalThis.fetch,
  clock: () => new Date(),
  stopped: () =>
    new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    }),
};

process.exitCode = await runCli(process.argv.slice(2), io);
