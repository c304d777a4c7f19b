// sources.junit in shiplog.yaml: optional; `shiplog import junit <paths>` needs none.
import { z } from 'zod';

export const junitConfigSchema = z
  .object({
    /** Gerrit host for --change (default gerrit.wikimedia.org). */
    gerrit_host: z.string().min(1).optional(),
    /** Raw item size: a chunk is cut after this many characters or testcases. */
    chunk: z.object({ maxChars: z.number().int().positive().optional(), maxCases: z.number().int().positive().optional() }).strict().optional(),
  })
  .strict();

export type JUnitConfig = z.infer<typeof junitConfigSchema>;
