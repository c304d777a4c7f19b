// The `ci-config` source: the CI templates of every extension and skin over time, from
// the history of integration/config's zuul/layout.yaml (archived, extension-broken,
// in-wikimedia-production, PHP versions…). `shiplog import ci-config <mirror>` or
// sources.ci-config. Docs: docs/sources/ci-config.md.
import type { Source } from '../types.ts';
import { ciRepoName, collectCiConfig } from './collect.ts';
import { ciConfigSchema, type CiConfig } from './config.ts';
import { makeDeriveCiConfig } from './derive.ts';
import { normalizeCiConfig } from './normalize.ts';

export const ciConfigSource: Source<CiConfig> = {
  name: 'ci-config',
  description: 'CI templates of extensions and skins over time (archived, broken, Wikimedia-deployed, PHP versions), from zuul/layout.yaml history',
  configSchema: ciConfigSchema,
  scopes: ({ config, paths, options }) =>
    paths.length > 0
      ? paths.map((p) => (options.name as string | undefined) ?? ciRepoName(p))
      : (config?.repos ?? []).map((r) => r.name ?? ciRepoName(r.path)),
  collect: collectCiConfig,
  normalize: normalizeCiConfig,
  derive: makeDeriveCiConfig(),
};
