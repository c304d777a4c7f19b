// The `gerrit` source: changes from Gerrit REST with every patch set, message and vote,
// giving the same rows as gerrit-notedb. `shiplog sync gerrit` with sources.gerrit.
import type { Source } from '../types.ts';
import { collectGerrit } from './collect.ts';
import { gerritConfigSchema, gerritScopes, type GerritConfig } from './config.ts';
import { normalizeGerrit } from './normalize.ts';

export const gerritSource: Source<GerritConfig> = {
  name: 'gerrit',
  description: 'Gerrit changes, patch sets, votes, messages and Zuul CI reports from the Gerrit REST API',
  configSchema: gerritConfigSchema,
  secrets: ['password'],
  scopes: ({ config }) => gerritScopes(config),
  collect: collectGerrit,
  normalize: (records, ctx) => normalizeGerrit(records, ctx),
};
