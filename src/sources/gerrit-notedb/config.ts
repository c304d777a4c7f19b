// sources.gerrit-notedb in shiplog.yaml: bare mirrors that carry refs/changes/*/*/meta.
import { z } from 'zod';

export const notedbMirrorSchema = z
  .object({
    path: z.string().min(1),
    /** Gerrit project name, e.g. operations/mediawiki-config. Default: from the folder name. */
    name: z.string().min(1).optional(),
    /** Gerrit host the change numbers belong to. Default: gerrit.wikimedia.org. */
    host: z.string().min(1).optional(),
  })
  .strict();

export const notedbConfigSchema = z.object({ mirrors: z.array(notedbMirrorSchema).default([]) }).strict();

export type NotedbConfig = z.infer<typeof notedbConfigSchema>;
export type NotedbMirror = z.infer<typeof notedbMirrorSchema>;
