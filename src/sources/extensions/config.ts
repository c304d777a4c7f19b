// sources.extensions in shiplog.yaml: extension and skin repositories `shiplog sync
// extensions` reads, and the standards file (default: the shipped one). The bot list is
// src/model/stewardship/bots.ts.
import { z } from 'zod';

export const extensionRepoSchema = z
  .object({
    path: z.string().min(1),
    /** Gerrit name, e.g. mediawiki/extensions/Echo. Default: from the folder name. */
    name: z.string().min(1).optional(),
    /** Branch to read. Default: the repository's HEAD. */
    branch: z.string().min(1).optional(),
  })
  .strict();

export const extensionsConfigSchema = z
  .object({
    repos: z.array(extensionRepoSchema).default([]),
    /** A standards.yaml of your own (dated targets per fact); default: the one shiplog ships. */
    standards: z.string().min(1).optional(),
  })
  .strict();

export type ExtensionsConfig = z.infer<typeof extensionsConfigSchema>;
