// sources.ci-config in shiplog.yaml: the integration/config clone or mirror whose
// zuul/layout.yaml history `shiplog sync ci-config` reads, and which projects to keep.
import { z } from 'zod';

export const ciConfigSchema = z
  .object({
    repos: z.array(z.object({ path: z.string().min(1), name: z.string().min(1).optional(), branch: z.string().min(1).optional() }).strict()).default([]),
    /** The layout file (default zuul/layout.yaml). */
    file: z.string().min(1).default('zuul/layout.yaml'),
    /** Projects whose facts are kept, by name prefix (default: extensions and skins). */
    prefixes: z.array(z.string()).default(['mediawiki/extensions/', 'mediawiki/skins/']),
  })
  .strict();

export type CiConfig = z.infer<typeof ciConfigSchema>;
