// The `phabricator` source: Maniphest tasks and their history over Conduit
// (`shiplog sync phabricator`, sources.phabricator) or from recorded Conduit responses
// (`shiplog import phabricator <dir|files>`). Restricted tasks keep only their id.
import type { Source } from '../types.ts';
import { ALL_SCOPE, IMPORT_SCOPE, collectPhabricator } from './collect.ts';
import { phabricatorConfigSchema, type PhabricatorConfig } from './config.ts';
import { derivePhabricator } from './derive.ts';
import { normalizePhabricator } from './normalize.ts';

export const phabricatorSource: Source<PhabricatorConfig> = {
  name: 'phabricator',
  description: 'Phabricator tasks, their status/owner/priority/project history, comments and GerritBot change links (Conduit)',
  configSchema: phabricatorConfigSchema,
  secrets: ['token'],
  scopes: ({ config, paths }) => (paths.length > 0 ? [IMPORT_SCOPE] : config?.projects?.length ? [...config.projects] : [ALL_SCOPE]),
  collect: collectPhabricator,
  normalize: normalizePhabricator,
  derive: derivePhabricator,
};
