// The shape of shiplog.yaml, composed from each source's own schema (sources.<name>)
// and the sync schedule's (schedule.<name>, src/config/schedule.ts).
import { z } from 'zod';
import { planOf, scheduleSchema } from './schedule.ts';
import { SOURCES } from '../sources/registry.ts';

const sourcesShape = Object.fromEntries(SOURCES.map((s) => [s.name, s.configSchema.optional()]));

const base = (url: string) => z.union([z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, '')), z.literal('')]).default(url);

export const LINK_DEFAULTS = {
  gerrit: 'https://gerrit.wikimedia.org/r',
  gitiles: 'https://gerrit.wikimedia.org/r/plugins/gitiles',
  phabricator: 'https://phabricator.wikimedia.org',
  sal: 'https://sal.toolforge.org',
  wikitech: 'https://wikitech.wikimedia.org/wiki',
  mediawiki: 'https://www.mediawiki.org/wiki',
} as const;

const linksSchema = z
  .object({
    /** Gerrit: a change links to <gerrit>/c/<number>. */
    gerrit: base(LINK_DEFAULTS.gerrit),
    /** Gitiles: a commit links to <gitiles>/<repo>/+/<sha>. */
    gitiles: base(LINK_DEFAULTS.gitiles),
    /** Phabricator: a task links to <phabricator>/T<id>. */
    phabricator: base(LINK_DEFAULTS.phabricator),
    /** The SAL tool: a SAL entry links to <sal>/production?d=<day>. */
    sal: base(LINK_DEFAULTS.sal),
    /** Wikitech: incident reports, the Deployments calendar. */
    wikitech: base(LINK_DEFAULTS.wikitech),
    /** mediawiki.org: a train links to its MediaWiki_<major>/wmf.<n> page. */
    mediawiki: base(LINK_DEFAULTS.mediawiki),
  })
  .strict()
  .default({ ...LINK_DEFAULTS });

const clickhouseSchema = z
  .object({
    /** A ClickHouse server's HTTP URL (e.g. http://127.0.0.1:8123); without it ClickHouse runs in process (chdb) on `db` as its data directory. */
    url: z.url({ protocol: /^https?$/ }).optional(),
    /** The database shiplog's tables live in (created when missing). */
    database: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a plain name').optional(),
    user: z.string().min(1).optional(),
    /** Give it as ${CLICKHOUSE_PASSWORD}: secrets come from the environment. */
    password: z.string().optional(),
    /** A cluster of the server's remote_servers: DDL ON CLUSTER, Replicated tables, Distributed tables (test_results sharded by test). */
    cluster: z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, 'a cluster name').optional(),
  })
  .strict();

export const configSchema = z
  .object({
    db: z.string().min(1).optional(),
    /** The storage engine: duckdb (one file, the default) or clickhouse (in process on a directory, or a server with clickhouse.url). */
    engine: z.enum(['duckdb', 'clickhouse']).default('duckdb'),
    clickhouse: clickhouseSchema.default({}),
    /** DuckDB's memory_limit for this database (e.g. 2GB); unset = shiplog's small-machine default (src/store/index.ts). */
    db_memory_limit: z.string().regex(/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i, 'a size such as 512MB or 2GiB').optional(),
    /** DuckDB's worker threads for this database; unset = shiplog's small-machine default (src/store/index.ts). */
    db_threads: z.number().int().min(1).max(256).optional(),
    /** DuckDB's checkpoint_threshold (the WAL size at which a commit checkpoints); unset = shiplog checkpoints at a size that grows with the file (src/store/duckdb/checkpoints.ts). */
    db_checkpoint_threshold: z.string().regex(/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i, 'a size such as 16MB or 256MB').optional(),
    server: z
      .object({
        host: z.string().default('127.0.0.1'),
        port: z.number().int().min(0).max(65535).default(8080),
        /** Where a running shiplog server is, for CLI clients on other machines (deployers). */
        url: z.url().optional(),
        /** Bearer token for writes (window/deploy events, imports). */
        token: z.string().min(8).optional(),
        /** Bearer token (or cookie, see docs/security.md) every read needs when set; meant for a server bound beyond loopback. */
        read_token: z.string().min(16).optional(),
        /** Host names (the Host header) the server answers besides localhost and IP addresses; guards against DNS rebinding. */
        allowed_hosts: z.array(z.string().min(1)).default([]),
        /** Spool file for deploy events that could not reach the server. */
        spool: z.string().optional(),
      })
      .strict()
      .default({ host: '127.0.0.1', port: 8080, allowed_hosts: [] }),
    sql: z
      .object({
        /** Rows a query returns unless it asks for another limit (`--limit`, `"limit"`). */
        row_limit: z.number().int().positive().default(10_000),
        /** The most rows a query may ask for (the CLI, or the API with a token). */
        max_row_limit: z.number().int().positive().default(1_000_000),
        timeout_ms: z.number().int().positive().default(10_000),
        /** Approximate bytes (as JSON) of one answer; rows past it are cut and the answer says so. */
        max_response_bytes: z.number().int().positive().default(32 * 1024 * 1024),
        /** Read-only queries running at once; more wait in a queue. */
        max_concurrent: z.number().int().positive().default(2),
        /** Queries waiting for a turn; beyond that, and after timeout_ms of waiting, 503 with Retry-After. */
        max_queued: z.number().int().nonnegative().default(16),
      })
      .strict()
      .refine((s) => s.max_row_limit >= s.row_limit, { message: 'max_row_limit must be at least row_limit', path: ['max_row_limit'] })
      .default({ row_limit: 10_000, max_row_limit: 1_000_000, timeout_ms: 10_000, max_response_bytes: 32 * 1024 * 1024, max_concurrent: 2, max_queued: 16 }),
    /** Base URLs the web links entities out to ('' hides that kind of link); Wikimedia's by default. */
    links: linksSchema,
    people: z
      .object({
        /** The mapping file (docs/people.md): a person's accounts joined whatever the rules say; relative to the working directory. */
        file: z.string().min(1).default('people.yaml'),
      })
      .strict()
      .default({ file: 'people.yaml' }),
    sources: z.object(sourcesShape).strict().default({}),
    /** How often `serve --sync` collects each source, and its freshness objective. */
    schedule: scheduleSchema(SOURCES),
  })
  .strict()
  .superRefine((c, ctx) => {
    for (const [name, entry] of Object.entries(c.schedule as Record<string, object | undefined>)) {
      if (!entry) continue;
      if ((c.sources as Record<string, unknown>)[name] === undefined) {
        ctx.addIssue({ code: 'custom', path: ['schedule', name], message: `there is no sources.${name} section to sync` });
        continue;
      }
      try {
        planOf(name, entry);
      } catch (err) {
        const m = /^schedule\.[^.]+\.([a-z_]+): (.*)$/.exec((err as Error).message);
        ctx.addIssue({ code: 'custom', path: ['schedule', name, ...(m ? [m[1]] : [])], message: m?.[2] ?? (err as Error).message });
      }
    }
  });

export type Config = z.infer<typeof configSchema>;

/** Dotted paths of secret values, hidden by `shiplog config`. */
export function secretPaths(): string[] {
  const out = ['server.token', 'server.read_token', 'clickhouse.password'];
  for (const s of SOURCES) for (const k of s.secrets ?? []) out.push(`sources.${s.name}.${k}`);
  return out;
}
