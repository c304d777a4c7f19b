// sources.phabricator in shiplog.yaml: the Conduit endpoint, its API token (from the
// environment: `token: ${PHAB_TOKEN}`), and which tasks `shiplog sync phabricator` reads.
import { z } from 'zod';

export const phabricatorConfigSchema = z
  .object({
    /** Base URL, e.g. https://phabricator.wikimedia.org (methods are POSTed to <url>/api/<method>). */
    url: z.url(),
    /** Conduit API token (api-…). Secret: give it as ${ENV}. */
    token: z.string().min(1),
    /** Project names, #slugs or PHIDs; one scope each. Default: every task the token can see. */
    projects: z.array(z.string().min(1)).optional(),
    /** First sync reads tasks modified since this date. Default: all history. */
    since: z.coerce.date().optional(),
    /** Incremental runs re-read tasks modified this many seconds before the saved watermark. */
    overlap_s: z.number().int().min(0).default(300),
    page_size: z.number().int().min(1).max(100).default(100),
    /** Retries of a failed call (HTTP 429/5xx, network, Conduit error_code) before giving up. */
    retries: z.number().int().min(0).max(10).default(4),
    backoff_ms: z.number().int().min(0).default(1000),
  })
  .strict();

export type PhabricatorConfig = z.infer<typeof phabricatorConfigSchema>;
