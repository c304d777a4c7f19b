// Talks to a running `shiplog serve` that owns the database file: it advertises itself
// in `<db>.server.json`; a stale file (dead pid, no answer) is ignored.
import { existsSync, readFileSync } from 'node:fs';
import { ShiplogError } from '../lib/errors.ts';
import { serverFileOf } from '../api/serve.ts';

export interface Remote {
  url: string;
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false; // ESRCH: the server that wrote the file is gone
  }
}

export function remoteClient(url: string, token: string | undefined, fetchImpl: typeof fetch = fetch): Remote {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    let res: Response;
    try {
      res = await fetchImpl(`${url}${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (err) {
      throw new ShiplogError('source_unreachable', `${url}${path}: ${(err as Error).message}`, { cause: err });
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw new ShiplogError('source_protocol', `${url}${path}: HTTP ${res.status}, not JSON: ${text.slice(0, 120)}`, { cause: err });
    }
    if (!res.ok) {
      const e = (json as { error?: { code?: string; message?: string } }).error;
      const code = (e?.code ?? 'store_failure') as ConstructorParameters<typeof ShiplogError>[0];
      throw new ShiplogError(code, e?.message ?? `${url}${path}: HTTP ${res.status}`);
    }
    return json as T;
  };
  return { url, get: (p) => call('GET', p), post: (p, b) => call('POST', p, b) };
}

/** The server that owns dbPath, if one is running and answers. */
export async function findLocalServer(dbPath: string, fetchImpl: typeof fetch = fetch): Promise<Remote | null> {
  const file = serverFileOf(dbPath);
  if (!existsSync(file)) return null;
  let info: { url: string; pid: number; token: string };
  try {
    info = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null; // half-written or foreign file: treat as no server
  }
  if (!alive(info.pid)) return null;
  try {
    const res = await fetchImpl(`${info.url}/api/health`, { signal: AbortSignal.timeout(2000) });
    if (!res.ok) return null;
  } catch {
    return null;
  }
  return remoteClient(info.url, info.token, fetchImpl);
}
