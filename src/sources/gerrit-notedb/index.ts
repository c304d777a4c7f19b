// The `gerrit-notedb` source: a Gerrit change history read offline from the NoteDB refs
// (refs/changes/NN/N/meta) of a git mirror, with the CI reports in its messages.
// `shiplog import gerrit-notedb <mirror> [--name PROJECT]` or sources.gerrit-notedb; without
// --name the project is inferred from the repositories already imported (infer-project.ts).
import type { Source } from '../types.ts';
import { repoNameFromPath } from '../git/collect.ts';
import { collectNotedb } from './collect.ts';
import { inferNotedbProject } from './infer-project.ts';
import { notedbConfigSchema, type NotedbConfig } from './config.ts';
import { normalizeNotedb } from './normalize.ts';

export const gerritNotedbSource: Source<NotedbConfig> = {
  name: 'gerrit-notedb',
  description: 'Gerrit changes, patch sets, votes, messages and Zuul CI reports from NoteDB meta refs of a git mirror',
  configSchema: notedbConfigSchema,
  scopes: ({ config, paths, options }) =>
    paths.length > 0
      ? paths.map((p) => (options.name as string | undefined) ?? repoNameFromPath(p))
      : (config?.mirrors ?? []).map((m) => m.name ?? repoNameFromPath(m.path)),
  collect: collectNotedb,
  normalize: normalizeNotedb,
  inferName: inferNotedbProject,
};
