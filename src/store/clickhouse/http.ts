// A ClickHouse server over HTTP, through the official client (@clickhouse/client): the
// session settings go with every request, the password comes from the config (which takes
// it from the environment), and errors keep the server's message but never the password.
import { ClickHouseLogLevel, createClient, type ClickHouseClient } from '@clickhouse/client';
import { redactSecrets } from '../../lib/redact.ts';
import type { Answer, ChConn, Settings } from './conn.ts';

export interface HttpOptions {
  url: string;
  database: string;
  user?: string;
  password?: string;
  /** Per request; long DDL on a cluster can take a while. */
  timeoutMs?: number;
}

/** A client with the session settings the server knows (old servers refuse unknown names). */
export function openHttp(opts: HttpOptions, settings: Settings, database = opts.database): ChConn & { client: ClickHouseClient } {
  const client = createClient({
    url: opts.url, username: opts.user ?? 'default', password: opts.password ?? '', database,
    request_timeout: opts.timeoutMs ?? 300_000, clickhouse_settings: settings as never,
    application: 'shiplog', log: { level: ClickHouseLogLevel.ERROR },
    // a server closes an idle keep-alive socket after keep_alive_timeout (3 s on 18.x, 10 s
    // today); a socket idle for 1 s is not reused, so a request never lands on a closing one
    keep_alive: { enabled: true, idle_socket_ttl: 1000 },
  });
  return {
    client,
    where: redactSecrets(opts.url),
    async query(sql: string, extra?: Settings): Promise<Answer> {
      const r = await client.query({ query: sql, format: 'JSONCompact', clickhouse_settings: extra as never });
      return (await r.json()) as unknown as Answer;
    },
    async exec(sql: string, extra?: Settings): Promise<void> {
      await client.command({ query: sql, clickhouse_settings: extra as never });
    },
    async insert(table: string, rows: readonly Record<string, unknown>[], extra?: Settings): Promise<void> {
      if (rows.length === 0) return;
      await client.insert({ table, values: rows as Record<string, unknown>[], format: 'JSONEachRow', clickhouse_settings: extra as never });
    },
    async close(): Promise<void> {
      await client.close();
    },
  };
}
