// The CLI's logger: the same pino Logger the app takes, written for people. Each record
// is one line on stderr, `shiplog: <level>: <message>: <error> (key=value …)`; with
// --json it stays a JSON line. Errors carry their stack only with --debug; credentials in
// URLs are redacted from every line, as the server's logger does (src/lib/log.ts).
import { pino } from 'pino';
import type { Logger } from '../lib/log.ts';
import { redactSecrets } from '../lib/redact.ts';

const LEVELS: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };
const OMIT = new Set(['level', 'time', 'msg', 'err', 'pid', 'hostname']);

interface SerializedError {
  type?: string;
  message?: string;
  code?: string;
  stack?: string;
}

function shortValue(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 79)}…` : s;
}

/** One pino JSON record as the line a person reads. */
export function humanLine(record: Record<string, unknown>, debug: boolean): string {
  const level = LEVELS[Number(record.level)] ?? String(record.level);
  const err = record.err as SerializedError | undefined;
  const parts = [String(record.msg ?? '')];
  if (err?.message) parts.push(err.message.split('\n')[0]);
  const fields = Object.entries(record).filter(([k, v]) => !OMIT.has(k) && v !== undefined);
  const tail = fields.length ? ` (${fields.map(([k, v]) => `${k}=${shortValue(v)}`).join(' ')})` : '';
  const stack = debug && err?.stack ? `\n${err.stack}` : '';
  return `shiplog: ${level}: ${parts.filter(Boolean).join(': ')}${tail}${stack}\n`;
}

export function createCliLogger(opts: { level: string; json: boolean; debug: boolean; write: (t: string) => void }): Logger {
  const errSerializer = (e: unknown) => {
    const full = pino.stdSerializers.err(e as Error) as unknown as SerializedError;
    return opts.debug ? full : { type: full.type, message: full.message, ...(full.code ? { code: full.code } : {}) };
  };
  const destination = {
    write(raw: string) {
      const line = redactSecrets(raw);
      if (opts.json) return opts.write(line.endsWith('\n') ? line : `${line}\n`);
      let record: Record<string, unknown>;
      try {
        record = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return opts.write(line); // not one of ours: pass it through unchanged
      }
      opts.write(humanLine(record, opts.debug));
    },
  };
  return pino({ level: opts.level, base: undefined, serializers: { err: errSerializer } }, destination);
}
