// The engine in process: chdb embeds ClickHouse in Node, one data directory per process
// (chdb refuses a second while one is open). Stores that open the same directory share
// one session; the last to close it closes the session. chdb is an optional dependency,
// loaded only when a ClickHouse store without a URL is opened.
import { createRequire } from 'node:module';
import { ShiplogError } from '../../lib/errors.ts';
import type { Answer, ChConn, Settings } from './conn.ts';
import { SESSION_SETTINGS } from './conn.ts';

interface ChdbSession {
  queryAsync(sql: string, opts?: { format?: string }): Promise<{ text(): string }>;
  insert(p: { table: string; values: Buffer; format: 'JSONEachRow'; settings?: Settings }): Promise<unknown>;
  close(): void;
}
type SessionCtor = new (path: string, opts?: { connectionArgs?: readonly string[] }) => ChdbSession;

let shared: { path: string; session: ChdbSession; users: number } | null = null;

function loadChdb(): SessionCtor {
  try {
    return (createRequire(import.meta.url)('chdb') as { Session: SessionCtor }).Session;
  } catch (err) {
    throw new ShiplogError('config_invalid', 'engine clickhouse without a url runs ClickHouse in process through the npm package chdb, which is not installed (npm install chdb@3.4.0), or give clickhouse.url of a server', { cause: err });
  }
}

function settingsClause(settings: Settings | undefined): string {
  if (!settings || Object.keys(settings).length === 0) return '';
  return `\nSETTINGS ${Object.entries(settings).map(([k, v]) => `${k} = ${typeof v === 'string' ? `'${v.replaceAll("'", "\\'")}'` : typeof v === 'boolean' ? Number(v) : v}`).join(', ')}`;
}

/** Opens (or shares) the in-process engine on `path`. */
export function openChdb(path: string): ChConn {
  if (shared && shared.path !== path) {
    throw new ShiplogError('conflict', `${path}: this process already runs ClickHouse (chdb) on ${shared.path}; chdb holds one data directory per process`);
  }
  if (!shared) {
    const Session = loadChdb();
    const args = Object.entries(SESSION_SETTINGS).map(([k, v]) => `--${k}=${typeof v === 'boolean' ? Number(v) : v}`);
    let session: ChdbSession;
    try {
      session = new Session(path, { connectionArgs: args });
    } catch (err) {
      throw new ShiplogError('store_failure', `${path}: cannot open the ClickHouse data directory: ${(err as Error).message}`, { cause: err });
    }
    shared = { path, session, users: 0 };
  }
  shared.users++;
  const s = shared;
  let closed = false;
  return {
    where: path,
    async query(sql: string, settings?: Settings): Promise<Answer> {
      const text = (await s.session.queryAsync(sql + settingsClause(settings), { format: 'JSONCompact' })).text();
      if (!text) return { meta: [], data: [] };
      return JSON.parse(text) as Answer;
    },
    async exec(sql: string, settings?: Settings): Promise<void> {
      await s.session.queryAsync(sql + settingsClause(settings), { format: 'Null' });
    },
    async insert(table: string, rows: readonly Record<string, unknown>[], settings?: Settings): Promise<void> {
      if (rows.length === 0) return;
      let body = '';
      for (const r of rows) body += JSON.stringify(r) + '\n';
      await s.session.insert({ table, values: Buffer.from(body), format: 'JSONEachRow', settings });
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      if (--s.users === 0 && shared === s) {
        shared = null;
        s.session.close();
      }
    },
  };
}
