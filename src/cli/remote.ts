// Talks to a running `shiplog serve` that owns the database file: it advertises itself
// in `<db>.server.json`; a stale file (dead pid, no answer) is ignored.
import { existsSync, readFileSync } from 'node:fs';
import { ShiplogError } from '../lib/errors.ts';
import { serverFileOf } from '../api/serve.ts';
import type { LockState } from '../store/index.ts';

export type { Remote } from '../workflow/targets.ts';
import type { Remote } from '../workflow/targets.ts';

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

export interface FindOptions {
  /** How long to wait for a server that is alive and holds the file but does not answer (default 30 s). */
  patienceMs?: number;
  /** Told once when the wait starts (the CLI prints it on stderr). */
  onWait?: (message: string) => void;
  /** Who holds the database's lock (injected by tests; default: a read-only probe of the file). */
  lockState?: (dbPath: string) => Promise<LockState>;
}

const HEALTH_TIMEOUT_MS = 2000;

async function answers(url: string, fetchImpl: typeof fetch, ms: number): Promise<boolean> {
  try {
    const res = await fetchImpl(`${url}/api/health`, { signal: AbortSignal.timeout(Math.max(1, ms)) });
    await res.body?.cancel();
    return res.ok;
  } catch {
    return false;
  }
}

/**
 * The server that owns dbPath, if one runs. A server that does not answer at once is told
 * apart by its pid and the database lock: dead (no process, or the lock is free) → null, so
 * the caller opens the file; alive and holding the lock → busy: wait for it (a stalled event
 * loop, two large answers in flight, a paused process), and after `patienceMs` say so — never
 * "in use by another process" for our own server.
 */
export async function findLocalServer(dbPath: string, fetchImpl: typeof fetch = fetch, opts: FindOptions = {}): Promise<Remote | null> {
  const file = serverFileOf(dbPath);
  if (!existsSync(file)) return null;
  let info: { url: string; pid: number; token: string };
  try {
    info = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null; // half-written or foreign file: treat as no server
  }
  if (!alive(info.pid)) return null;
  if (await answers(info.url, fetchImpl, HEALTH_TIMEOUT_MS)) return remoteClient(info.url, info.token, fetchImpl);
  const lock = await (opts.lockState ?? defaultLockState)(dbPath).catch(() => null);
  if (lock && !lock.held) return null; // its process no longer holds the file: a stale server file
  if (lock?.held && lock.pid !== null && lock.pid !== info.pid) {
    throw new ShiplogError('conflict', `${dbPath}: locked by process ${lock.pid} (${lock.holder}), not by the server its ${file} names (pid ${info.pid})`);
  }
  const patience = opts.patienceMs ?? 30_000;
  opts.onWait?.(`shiplog: the server (pid ${info.pid}, ${info.url}) holds ${dbPath} but is busy; waiting up to ${Math.round(patience / 1000)} s\n`);
  const deadline = Date.now() + patience;
  while (Date.now() < deadline) {
    if (!alive(info.pid)) return null; // it died while we waited: the file is free now
    if (await answers(info.url, fetchImpl, Math.min(HEALTH_TIMEOUT_MS, deadline - Date.now()))) return remoteClient(info.url, info.token, fetchImpl);
    await new Promise((r) => setTimeout(r, Math.min(250, Math.max(0, deadline - Date.now()))));
  }
  throw new ShiplogError('conflict', `${dbPath}: the server that holds it (pid ${info.pid}, ${info.url}) is alive but has not answered for ${Math.round((patience + HEALTH_TIMEOUT_MS) / 1000)} s (busy, or stopped with SIGSTOP?); try again later, or stop it`);
}

async function defaultLockState(dbPath: string): Promise<LockState> {
  const { lockStateOf } = await import('../store/index.ts'); // DuckDB loads only on this slow path
  return lockStateOf(dbPath);
}
