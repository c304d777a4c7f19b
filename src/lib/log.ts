// The logger: pino writing JSON lines to stderr, so stdout stays for command output.
// Created once by the CLI or server and passed down; nothing creates its own.
import { pino } from 'pino';
import { redactSecrets } from './redact.ts';

export type Logger = pino.Logger;

/** Errors are logged with credentials in URLs redacted from their message and stack. */
function errSerializer(err: Error): Record<string, unknown> {
  const s = pino.stdSerializers.err(err) as unknown as Record<string, unknown>;
  for (const k of ['message', 'stack']) if (typeof s[k] === 'string') s[k] = redactSecrets(s[k] as string);
  return s;
}

export function createLogger(level: string = 'warn'): Logger {
  return pino({ level, base: undefined, serializers: { err: errSerializer } }, pino.destination(2));
}

/** A logger that drops everything, for tests. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
