// sources.gerrit in shiplog.yaml: which Gerrit, which changes (a query, or projects), and
// the credentials for /a/ (password from ${ENV}, substituted after parsing).
import { z } from 'zod';

export const gerritConfigSchema = z
  .object({
    /** Base URL, e.g. https://gerrit.wikimedia.org/r */
    url: z.url(),
    /** A change query (`status:merged project:operations/mediawiki-config`); one scope. */
    query: z.string().min(1).optional(),
    /** Or projects: one scope `project:<name>` each. */
    projects: z.array(z.string().min(1)).optional(),
    username: z.string().min(1).optional(),
    /** HTTP password (Settings → HTTP Credentials); use ${GERRIT_PASSWORD}. */
    password: z.string().min(1).optional(),
    page_size: z.number().int().min(1).max(1000).default(100),
    /** Incremental runs ask for `after:` the last seen `updated` minus this overlap. */
    overlap_minutes: z.number().int().min(0).default(10),
    timeout_ms: z.number().int().positive().default(30_000),
    retries: z.number().int().min(0).default(4),
    retry_base_ms: z.number().int().min(0).default(1_000),
    /** Longest wait between retries; a Retry-After asking for longer fails the scope at once. */
    retry_max_ms: z.number().int().min(0).default(60_000),
  })
  .strict()
  .refine((c) => c.query !== undefined || (c.projects?.length ?? 0) > 0, { message: 'sources.gerrit needs "query" or "projects"' });

export type GerritConfig = z.infer<typeof gerritConfigSchema>;

/** The scopes of a config: the query, else `project:<name>` per project. */
export function gerritScopes(c: GerritConfig | undefined): string[] {
  if (!c) return [];
  return c.query ? [c.query] : (c.projects ?? []).map((p) => `project:${p}`);
}
