// The `gerrit-projects` source: the state of each extension's and skin's Gerrit project
// (ACTIVE, READ_ONLY, HIDDEN) from the REST answer of GET /projects/?d, read from a saved
// file or from a Gerrit server; each answer is a snapshot dated when it was fetched (a
// file: its modification time). `shiplog import gerrit-projects <file>`, or
// sources.gerrit-projects.url. Docs: docs/sources/gerrit-projects.md.
import { readFileSync, statSync } from 'node:fs';
import { z } from 'zod';
import { httpClientFor } from '../http.ts';
import { output, type Output, type NormalizeContext, type RawRecord, type Source } from '../types.ts';
import { deriveFactPeriods, deriveLifecycle, emptyDerive } from '../steward-common/derive.ts';

export const gerritProjectsSchema = z.object({
  /** Gerrit base URL, e.g. https://gerrit.wikimedia.org/r */
  url: z.url({ protocol: /^https?$/ }).optional(),
  prefixes: z.array(z.string()).default(['mediawiki/extensions/', 'mediawiki/skins/']),
}).strict();
export type GerritProjectsConfig = z.infer<typeof gerritProjectsSchema>;

const PREFIXES = ['mediawiki/extensions/', 'mediawiki/skins/'];

/** `)]}'` + JSON {name: {id, state, …}} → name → state (ACTIVE when not given). */
export function projectStates(text: string): Map<string, string> | string {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\)\]\}'\s*/, ''));
  } catch (err) {
    return `not a Gerrit JSON answer (${(err as Error).message})`;
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return 'not a map of projects';
  const out = new Map<string, string>();
  for (const [name, p] of Object.entries(doc as Record<string, { state?: unknown }>)) out.set(name, typeof p?.state === 'string' ? p.state : 'ACTIVE');
  return out;
}

export function normalizeGerritProjects(records: RawRecord[], ctx: NormalizeContext): Output<'repo_facts'> {
  const out = output('repo_facts');
  for (const rec of records) {
    const states = projectStates(rec.payload);
    if (typeof states === 'string') {
      out.rejects.push({ rawId: rec.rawId, kind: rec.kind, key: rec.key, location: rec.url ?? rec.key, reason: `${ctx.scope}: ${rec.url ?? rec.key}: ${states}` });
      continue;
    }
    for (const [repo, state] of states) {
      if (!PREFIXES.some((p) => repo.startsWith(p))) continue;
      out.rows.repo_facts.push({ repo, fact: 'gerrit.state', value: state, since_at: rec.fetchedAt, definition_version: 1, raw_id: rec.rawId });
    }
  }
  return out;
}

export const gerritProjectsSource: Source<GerritProjectsConfig> = {
  name: 'gerrit-projects',
  description: 'Gerrit project state (ACTIVE, READ_ONLY, HIDDEN) of extensions and skins, from GET /projects/?d snapshots',
  configSchema: gerritProjectsSchema,
  scopes: ({ config, paths }) => (paths.length > 0 ? ['gerrit-projects'] : config?.url ? [config.url] : []),
  async *collect(ctx) {
    if (ctx.paths.length > 0) {
      for (const file of ctx.paths) {
        yield { items: [{ kind: 'projects', key: file, url: file, payload: readFileSync(file, 'utf8'), fetchedAt: statSync(file).mtime }] };
      }
      return;
    }
    const url = `${ctx.config!.url!.replace(/\/+$/, '')}/projects/?d`;
    const payload = await httpClientFor(ctx).text(url, { headers: { accept: 'application/json' } }); // `)]}'` kept: raw is stored as received
    const at = ctx.clock();
    yield { items: [{ kind: 'projects', key: `${url}@${at.toISOString()}`, url, payload, fetchedAt: at }], cursor: at.toISOString() };
  },
  normalize: normalizeGerritProjects,
  async derive(read) {
    const out = emptyDerive();
    await deriveFactPeriods(read, null, ['gerrit.'], out);
    await deriveLifecycle(read, out);
    return out;
  },
};
