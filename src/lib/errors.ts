// The closed set of error codes, each mapped once to an HTTP status and once to a CLI
// exit code. Every message names the file, key, URL or SQL file at fault; `cause` keeps
// the underlying error.
import { redactSecrets } from './redact.ts';

export const ERROR_CODES = {
  config_invalid: { http: 400, exit: 78 },
  source_auth: { http: 502, exit: 77 },
  source_unreachable: { http: 502, exit: 69 },
  source_protocol: { http: 502, exit: 76 },
  bad_request: { http: 400, exit: 64 },
  unauthorized: { http: 401, exit: 77 },
  forbidden: { http: 403, exit: 77 },
  not_found: { http: 404, exit: 66 },
  conflict: { http: 409, exit: 75 },
  payload_too_large: { http: 413, exit: 64 },
  unsupported_media_type: { http: 415, exit: 64 },
  store_failure: { http: 500, exit: 70 },
  busy: { http: 503, exit: 75 },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class ShiplogError extends Error {
  readonly code: ErrorCode;
  /** For `busy`: seconds after which a retry may succeed (HTTP Retry-After). */
  readonly retryAfterS?: number;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; retryAfterS?: number }) {
    super(message, options);
    this.code = code;
    this.name = 'ShiplogError';
    if (options?.retryAfterS !== undefined) this.retryAfterS = options.retryAfterS;
  }
}

export function httpStatusOf(err: unknown): number {
  return err instanceof ShiplogError ? ERROR_CODES[err.code].http : 500;
}

export function exitCodeOf(err: unknown): number {
  return err instanceof ShiplogError ? ERROR_CODES[err.code].exit : 1;
}

/** One-line description of any thrown value, for logs and CLI output; credentials in URLs redacted. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return redactSecrets(err.message.split('\n')[0] ?? String(err));
  return redactSecrets(String(err));
}
