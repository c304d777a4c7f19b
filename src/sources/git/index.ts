// The `git` source: commits of a repository's branch with their footers, read from a
// local clone or bare mirror. `shiplog import git <path> [--name NAME]` or sources.git.
// operations/mediawiki-config (wikiversions files at the tip, or --kind mediawiki-config)
// also yields config deployments and trains: collect-wikiversions.ts, config-deploys.ts, trains/.
import type { Source } from '../types.ts';
import { collectGit, repoNameFromPath } from './collect.ts';
import { gitConfigSchema, type GitConfig } from './config.ts';
import { deriveGit } from './derive.ts';
import { normalizeGit } from './normalize.ts';

export const gitSource: Source<GitConfig> = {
  name: 'git',
  description: 'Commits, footers (Bug:, Change-Id, Depends-On, reverts) and touched files of a git repository; for operations/mediawiki-config also config deployments and trains (wikiversions history)',
  configSchema: gitConfigSchema,
  scopes: ({ config, paths, options }) =>
    paths.length > 0
      ? paths.map((p) => (options.name as string | undefined) ?? repoNameFromPath(p))
      : (config?.repos ?? []).map((r) => r.name ?? repoNameFromPath(r.path)),
  collect: collectGit,
  normalize: normalizeGit,
  derive: deriveGit,
};
