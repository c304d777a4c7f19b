// The `libup-targets` source: LibUp's upgrade targets over time, from the history of
// releases.json in labs/libraryupgrader/config. `shiplog import libup-targets <mirror>`.
// Docs: docs/sources/libup-targets.md.
import { basename, resolve } from 'node:path';
import { ShiplogError } from '../../lib/errors.ts';
import type { Source } from '../types.ts';
import { collectFileHistory } from '../steward-common/file-history.ts';
import { deriveTargetPeriods, emptyDerive } from '../steward-common/derive.ts';
import { libupConfigSchema, type LibupConfig } from './config.ts';
import { normalizeLibup } from './normalize.ts';

export function libupRepoName(path: string): string {
  return /libraryupgrader[-+/]config/.test(resolve(path)) ? 'labs/libraryupgrader/config' : basename(resolve(path)).replace(/\.git$/, '');
}

export const libupTargetsSource: Source<LibupConfig> = {
  name: 'libup-targets',
  description: "LibUp's dev-dependency upgrade targets over time (releases.json history of labs/libraryupgrader/config)",
  configSchema: libupConfigSchema,
  scopes: ({ config, paths, options }) =>
    paths.length > 0 ? paths.map((p) => (options.name as string | undefined) ?? libupRepoName(p)) : (config?.repos ?? []).map((r) => r.name ?? libupRepoName(r.path)),
  async *collect(ctx) {
    const c = ctx.config?.repos.find((r) => (r.name ?? libupRepoName(r.path)) === ctx.scope);
    const path = c?.path ?? ctx.paths.find((p) => ((ctx.options.name as string | undefined) ?? libupRepoName(p)) === ctx.scope);
    if (!path) throw new ShiplogError('bad_request', `libup-targets: no repository path for scope ${ctx.scope}`);
    yield* collectFileHistory(path, 'releases.json', ctx.cursor, 'releases', c?.branch ?? (ctx.options.branch as string | undefined));
  },
  normalize: normalizeLibup,
  async derive(read) {
    const out = emptyDerive();
    await deriveTargetPeriods(read, 'libup', out);
    return out;
  },
};
