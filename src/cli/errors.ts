// How the CLI reports a failure: one line on stderr (`shiplog: <reason>`), or with
// --json one JSON object in the API's error shape; the exit code from the closed set in
// src/lib/errors.ts. Stack traces and causes only with --debug. Usage errors found by
// commander become bad_request (exit 64), never commander's own exit 1.
import type { CommanderError } from 'commander';
import { describeError, ERROR_CODES, type ErrorCode, ShiplogError } from '../lib/errors.ts';
import { redactSecrets } from '../lib/redact.ts';
import type { CliIO } from './env.ts';

/** Node system errors the user can act on, mapped to the closed set (others are internal). */
const SYSTEM_CODES: Record<string, ErrorCode> = {
  ENOENT: 'not_found',
  ENOTDIR: 'not_found',
  EISDIR: 'bad_request',
  EACCES: 'unauthorized',
  EPERM: 'unauthorized',
  ECONNREFUSED: 'source_unreachable',
  ENOTFOUND: 'source_unreachable',
  ETIMEDOUT: 'source_unreachable',
  ECONNRESET: 'source_unreachable',
};

/** Any thrown value as a ShiplogError; unexpected ones become store_failure (exit 70). */
export function classify(err: unknown): ShiplogError {
  if (err instanceof ShiplogError) return err;
  const sys = err as { code?: unknown; path?: unknown; message?: unknown };
  const code = typeof sys?.code === 'string' ? SYSTEM_CODES[sys.code] : undefined;
  if (code) {
    const where = typeof sys.path === 'string' && !describeError(err).includes(sys.path) ? `${sys.path}: ` : '';
    return new ShiplogError(code, `${where}${describeError(err)}`, { cause: err });
  }
  const text = describeError(err);
  if (/^Out of Memory Error\b/.test(text)) {
    // DuckDB past its memory_limit: not a bug of the input, and the user can act on it
    const reason = text.split(/\s*Possible solutions:/)[0];
    return new ShiplogError('store_failure', `the store ran out of its memory limit (${reason}): raise db_memory_limit in shiplog.yaml (docs/config.md) and run the command again; batches already committed are kept (--debug shows where)`, { cause: err });
  }
  return new ShiplogError('store_failure', `unexpected error: ${text} (--debug shows where)`, { cause: err });
}

/** A commander parse failure (unknown option, missing argument, …) as bad_request. */
export function usageError(err: CommanderError & { commandPath?: string }): ShiplogError {
  const reason = err.code === 'commander.help' ? 'no command given' : err.message.replace(/^error:\s*/, '');
  const command = err.code === 'commander.unknownCommand' ? 'shiplog' : (err.commandPath ?? 'shiplog');
  return new ShiplogError('bad_request', `${reason} (see ${command} --help)`, { cause: err });
}

function causes(err: unknown): string[] {
  const out: string[] = [];
  let e: unknown = err;
  for (let depth = 0; e && depth < 8; depth++) {
    out.push(e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e));
    e = e instanceof Error ? e.cause : undefined;
    if (e) out.push('caused by:');
  }
  return out;
}

/** Prints err once and returns its exit code. */
export function reportError(io: CliIO, err: unknown, opts: { json: boolean; debug: boolean }): number {
  const e = classify(err);
  const exit = ERROR_CODES[e.code].exit;
  const message = describeError(e);
  if (opts.json) io.stderr(`${JSON.stringify({ error: { code: e.code, message, exit } })}\n`);
  else io.stderr(`shiplog: ${message}\n`);
  if (opts.debug) io.stderr(`${redactSecrets(causes(e).join('\n'))}\n`);
  return exit;
}
