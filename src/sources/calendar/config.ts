// sources.calendar in shiplog.yaml: the calendar files or URLs `shiplog sync calendar`
// reads, and for a YAML/JSON schedule the weeks to expand it over.
import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD');

export const calendarConfigSchema = z
  .object({
    /** Files, folders or http(s) URLs: rendered Deployments HTML, page wikitext, or the generator's schedule. */
    paths: z.array(z.string().min(1)).default([]),
    /** For a schedule file: first and last day (UTC) to lay the weekly schedule out on. */
    from: isoDate.optional(),
    until: isoDate.optional(),
    /** Active alternate schedules of the schedule file (schedule@<name>), e.g. UTC-7. */
    schedules: z.array(z.string()).default([]),
    /** Values for `<%= var %>` placeholders of the schedule (version, train_deployer, …). */
    vars: z.record(z.string(), z.string()).default({}),
  })
  .strict();

export type CalendarConfig = z.infer<typeof calendarConfigSchema>;
