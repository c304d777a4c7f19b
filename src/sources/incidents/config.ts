// sources.incidents in shiplog.yaml: where the incident report wikitext is, and how many
// hours before an outage the time-proximity links look for deployments.
import { z } from 'zod';

export const DEFAULT_PRECEDING_HOURS = 4;

export const incidentsConfigSchema = z
  .object({
    /** Files or folders of report wikitext (one page per file; the file name is the page title). */
    paths: z.array(z.string().min(1)).default([]),
    /** A MediaWiki api.php to read the reports from, e.g. https://wikitech.wikimedia.org/w/api.php. */
    api: z.url().optional(),
    /** Title prefixes of the reports on that wiki. */
    prefixes: z.array(z.string().min(1)).default(['Incidents/', 'Incident documentation/']),
    /** Hours before an outage began in which deployments get a low-confidence time-proximity link. */
    preceding_hours: z.number().int().min(0).max(168).default(DEFAULT_PRECEDING_HOURS),
  })
  .strict();

export type IncidentsConfig = z.infer<typeof incidentsConfigSchema>;
