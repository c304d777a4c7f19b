// The `extensions` source: the history of an extension or skin repository as facts over
// time — manifest, dev dependencies, lint and test files — and its activity (human or bot
// commits). `shiplog import extensions <repo…> [--name mediawiki/extensions/Echo]` or
// sources.extensions. Docs: docs/sources/extensions.md.
import type { Source } from '../types.ts';
import { collectExtensions, extensionNameFromPath } from './collect.ts';
import { extensionsConfigSchema, type ExtensionsConfig } from './config.ts';
import { deriveExtensions } from './derive.ts';
import { normalizeExtensions } from './normalize.ts';

export const extensionsSource: Source<ExtensionsConfig> = {
  name: 'extensions',
  description: 'Extension and skin repositories: manifest, dev-dependency, lint and test facts over time, and human/bot activity',
  configSchema: extensionsConfigSchema,
  scopes: ({ config, paths, options }) =>
    paths.length > 0
      ? paths.map((p) => (options.name as string | undefined) ?? extensionNameFromPath(p))
      : (config?.repos ?? []).map((r) => r.name ?? extensionNameFromPath(r.path)),
  collect: collectExtensions,
  normalize: normalizeExtensions,
  derive: deriveExtensions,
};
