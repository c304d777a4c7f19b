// The `extension-list` source: which extensions and skins Wikimedia deploys, over time,
// from the history of wmf-config/extension-list in operations/mediawiki-config (one
// `$IP/extensions/<Name>/extension.json` path a line). `shiplog import extension-list
// <mirror>`. Docs: docs/sources/extension-list.md.
import { resolve } from 'node:path';
import { z } from 'zod';
import { ShiplogError } from '../../lib/errors.ts';
import { output, type Output, type RawRecord, type NormalizeContext, type Source } from '../types.ts';
import { collectFileHistory, readFileChange } from '../steward-common/file-history.ts';
import { deriveFactPeriods, deriveLifecycle, emptyDerive } from '../steward-common/derive.ts';

export const extensionListSchema = z.object({
  repos: z.array(z.object({ path: z.string().min(1), name: z.string().min(1).optional(), branch: z.string().min(1).optional() }).strict()).default([]),
  file: z.string().min(1).default('wmf-config/extension-list'),
}).strict();
export type ExtensionListConfig = z.infer<typeof extensionListSchema>;

const FILE = 'wmf-config/extension-list';
const name = (path: string) => (/mediawiki-config/.test(resolve(path)) ? 'operations/mediawiki-config' : resolve(path).split('/').pop()!.replace(/\.git$/, ''));

/** The repositories a version of the list names: `$IP/extensions/X/…` → mediawiki/extensions/X. */
export function listedRepos(text: string | null): Set<string> {
  const out = new Set<string>();
  for (const line of (text ?? '').split('\n')) {
    const m = /^\s*\$IP\/(extensions|skins)\/([^/\s]+)\//.exec(line);
    if (m) out.add(`mediawiki/${m[1]}/${m[2]}`);
  }
  return out;
}

export function normalizeExtensionList(records: RawRecord[], ctx: NormalizeContext): Output<'repo_facts'> {
  const out = output('repo_facts');
  for (const rec of records) {
    const c = readFileChange(rec.payload);
    if (typeof c === 'string') {
      out.rejects.push({ rawId: rec.rawId, kind: rec.kind, key: rec.key, reason: `${ctx.scope}: extension-list item ${rec.key} is not readable: ${c}` });
      continue;
    }
    const before = listedRepos(c.old);
    const after = listedRepos(c.new);
    const at = new Date(c.at * 1000);
    const row = (repo: string, value: string) => out.rows.repo_facts.push({ repo, fact: 'wmf.deployed', value, since_at: at, since_commit: c.sha, definition_version: 1, raw_id: rec.rawId });
    for (const r of after) if (!before.has(r)) row(r, 'true');
    for (const r of before) if (!after.has(r)) row(r, 'false');
  }
  return out;
}

export const extensionListSource: Source<ExtensionListConfig> = {
  name: 'extension-list',
  description: 'Wikimedia-deployed extensions and skins over time (wmf-config/extension-list history of operations/mediawiki-config)',
  configSchema: extensionListSchema,
  scopes: ({ config, paths, options }) =>
    paths.length > 0 ? paths.map((p) => (options.name as string | undefined) ?? name(p)) : (config?.repos ?? []).map((r) => r.name ?? name(r.path)),
  async *collect(ctx) {
    const c = ctx.config?.repos.find((r) => (r.name ?? name(r.path)) === ctx.scope);
    const path = c?.path ?? ctx.paths.find((p) => ((ctx.options.name as string | undefined) ?? name(p)) === ctx.scope);
    if (!path) throw new ShiplogError('bad_request', `extension-list: no repository path for scope ${ctx.scope}`);
    yield* collectFileHistory(path, ctx.config?.file ?? FILE, ctx.cursor, 'extension-list', c?.branch ?? (ctx.options.branch as string | undefined));
  },
  normalize: normalizeExtensionList,
  async derive(read) {
    const out = emptyDerive();
    await deriveFactPeriods(read, null, ['wmf.'], out);
    await deriveLifecycle(read, out);
    return out;
  },
};
