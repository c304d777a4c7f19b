// The logger: pino writing JSON lines to stderr, so stdout stays for command output.
// Created once by the CLI or server and passed down; nothing creates its own.
import { pino } from 'pino';

export type Logger = pino.Logger;

export function createLogger(level: string = 'warn'): Logger {
  return pino({ level, base: undefined }, pino.destination(2));
}

/** A logger that drops everything, for tests. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
