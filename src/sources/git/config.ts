// sources.git in shiplog.yaml: the repositories `shiplog sync git` reads.
import { z } from 'zod';

export const gitRepoSchema = z
  .object({
    path: z.string().min(1),
    /** Repository name as Gerrit knows it, e.g. operations/mediawiki-config. Default: folder name. */
    name: z.string().min(1).optional(),
    /** Branch to read. Default: the repository's HEAD. */
    branch: z.string().min(1).optional(),
    kind: z.enum(['core', 'extension', 'skin', 'config', 'service', 'other', 'mediawiki-config']).optional(),
  })
  .strict();

export const gitConfigSchema = z.object({ repos: z.array(gitRepoSchema).default([]) }).strict();

export type GitConfig = z.infer<typeof gitConfigSchema>;
export type GitRepoConfig = z.infer<typeof gitRepoSchema>;
