// sources.sal in shiplog.yaml: SAL endpoints `shiplog sync sal` pages through, newest
// first, until it reaches the newest entry of the last run (the cursor).
import { z } from 'zod';

export const salEndpointSchema = z
  .object({
    /** Scope name, e.g. production. */
    name: z.string().min(1),
    /**
     * Page URL template. Placeholders: {page} (0-based), {from} (page × page_size),
     * {size} (page_size), {since} (ISO time of the cursor, empty on the first run).
     * e.g. https://sal.toolforge.org/production?p={page}&i=200 or …/atom/production
     */
    url: z.string().min(1),
    /** html | atom | es (a search response or NDJSON of stashbot documents); default: sniffed. */
    format: z.enum(['html', 'atom', 'es']).optional(),
    page_size: z.number().int().positive().default(200),
    max_pages: z.number().int().positive().default(100),
    /** Project written on entries whose format does not carry one (Atom carries the feed title). */
    project: z.string().optional(),
  })
  .strict();

export const salConfigSchema = z
  .object({
    endpoints: z.array(salEndpointSchema).default([]),
    /** Attempts per page on HTTP 5xx / 429 / network errors before the sync of that endpoint fails. */
    attempts: z.number().int().positive().default(4),
    /** First retry delay; doubled each attempt (jittered, at most 300 s). A Retry-After wins when present. */
    retry_delay_ms: z.number().int().nonnegative().default(1000),
  })
  .strict();

export type SalConfig = z.infer<typeof salConfigSchema>;
export type SalEndpoint = z.infer<typeof salEndpointSchema>;
