// Credentials never leave in a printed or stored URL: `scheme://user:password@host` loses
// its user part and secret-looking query parameters (token, password, api_key, …) their
// values. Used wherever text that may hold a URL is printed (CLI, logs, API errors) or
// stored (sync_state, raw_records.url, rejects), so anonymous readers of /api/status or
// read-only SQL never see a password someone put in a source URL.

/** `scheme://userinfo@` → `scheme://***@`. Only URLs with a scheme: `a@b` mail addresses stay. */
const USERINFO = /\b([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^\s/?#@"'<>]+@/g;
/** `?token=…` / `&password=…`: names that carry secrets by convention. */
const SECRET_PARAM = /([?&;](?:api[._-]?token|access[._-]?token|auth[._-]?token|token|password|passwd|pass|pwd|secret|client[._-]?secret|api[._-]?key|apikey|key|sig|signature|auth)=)[^&;#\s"'<>]*/gi;

export function redactSecrets(text: string): string;
export function redactSecrets(text: string | null | undefined): string | null | undefined;
export function redactSecrets(text: string | null | undefined): string | null | undefined {
  if (!text) return text;
  return text.replace(USERINFO, '$1***@').replace(SECRET_PARAM, '$1***');
}

/** Every string inside a JSON-like value, redacted (for printing a whole config). */
export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redactSecrets(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v)) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v)])) as T;
  }
  return value;
}
