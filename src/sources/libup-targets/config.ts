// sources.libup-targets in shiplog.yaml: the clone or mirror of LibUp's config
// (labs/libraryupgrader/config) whose releases.json history `shiplog sync libup-targets` reads.
import { z } from 'zod';

export const libupConfigSchema = z
  .object({
    repos: z.array(z.object({ path: z.string().min(1), name: z.string().min(1).optional(), branch: z.string().min(1).optional() }).strict()).default([]),
  })
  .strict();

export type LibupConfig = z.infer<typeof libupConfigSchema>;
