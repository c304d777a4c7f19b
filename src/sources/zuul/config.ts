// sources.zuul in shiplog.yaml: the Zuul v2 status.json to poll (`shiplog sync zuul` takes
// `polls` snapshots, `interval_s` apart; run it from a timer for a history).
import { z } from 'zod';

export const zuulConfigSchema = z
  .object({
    /** e.g. https://integration.wikimedia.org/zuul/status.json */
    url: z.url(),
    polls: z.number().int().positive().max(10_000).default(1),
    interval_s: z.number().positive().default(60),
    gerrit_host: z.string().min(1).optional(),
  })
  .strict();

export type ZuulConfig = z.infer<typeof zuulConfigSchema>;
