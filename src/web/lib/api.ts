// The web UI's only way to data: the shiplog HTTP API. Errors arrive in the API's one
// shape ({"error": {"code", "message"}}) and are thrown as ApiError with that message.
// Display names that answers carry (`people`) are kept in one map that person cells read.
import { rememberPeople } from './people.ts';
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

export type Row = Record<string, unknown>;

export interface Table {
  columns: string[];
  types?: string[];
  rows: Row[];
  next_cursor?: string | null;
  truncated?: boolean;
}

async function parse<T>(res: Response, what: string): Promise<T> {
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON (a proxy page, a crash): report the status and the start of the text below.
  }
  if (!res.ok) {
    const err = (body as { error?: { code?: string; message?: string } } | null)?.error;
    throw new ApiError(res.status, err?.code ?? 'http_error', err?.message ?? `${what}: HTTP ${res.status} ${res.statusText || text.slice(0, 120)}`.trim());
  }
  const people = (body as { people?: unknown } | null)?.people;
  if (people && typeof people === 'object') rememberPeople(people as Record<string, string>);
  return body as T;
}

export async function getJson<T>(path: string, params?: Record<string, string | string[] | undefined>): Promise<T> {
  const url = withQuery(path, params);
  return parse<T>(await fetch(url, { headers: { accept: 'application/json' } }), url);
}

export async function postJson<T>(path: string, body: unknown): Promise<T> {
  return parse<T>(await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }), path);
}

/** The path with its query; empty and undefined values are left out. */
export function withQuery(path: string, params?: Record<string, string | string[] | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) {
    for (const x of Array.isArray(v) ? v : [v]) if (x !== undefined && x !== '') q.append(k, x);
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

export const enc = encodeURIComponent;
