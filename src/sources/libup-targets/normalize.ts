// releases.json changes → standards_targets rows (source libup, truth safe, rule >=): one
// row per (LibUp branch, package) whose target the commit changed, since its committer
// time; a package dropped from the file ends its target (target NULL). Both formats:
// 2019–2020 `{composer: {pkg: ["1.0.0"]}, npm: …}` and, from 2020-12, `{version: 2,
// <branch>: {composer|npm: {pkg: {to, weight, skip}}}}` ("master" was renamed "main" in
// 2021-05; both are main here). Pure; a file that does not parse is a reject.
import type { RowFor } from '../../model/catalogue/index.ts';
import { output, type NormalizeContext, type Output, type RawRecord } from '../types.ts';
import { readFileChange } from '../steward-common/file-history.ts';

export const LIBUP_VERSION = 1;

interface Target {
  to: string;
  skip: string[];
  weight: number | null;
}

/** branch\npackage → target, from one version of releases.json. */
export function targetsOf(text: string): Map<string, Target> | string {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    return `not valid JSON (${(err as Error).message})`;
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return 'not a JSON object';
  const out = new Map<string, Target>();
  const d = doc as Record<string, unknown>;
  const branches: [string, unknown][] = 'version' in d
    ? Object.entries(d).filter(([k]) => k !== 'version' && k !== 'push')
    : [['main', d]];
  for (const [b, managers] of branches) {
    const branch = b === 'master' ? 'main' : b;
    if (!managers || typeof managers !== 'object') continue;
    for (const m of ['composer', 'npm']) {
      const pkgs = (managers as Record<string, unknown>)[m];
      if (!pkgs || typeof pkgs !== 'object') continue;
      for (const [pkg, info] of Object.entries(pkgs as Record<string, unknown>)) {
        const to = Array.isArray(info) ? info[info.length - 1] : (info as { to?: unknown })?.to;
        if (typeof to !== 'string') continue;
        const skip = Array.isArray((info as { skip?: unknown }).skip) ? ((info as { skip: unknown[] }).skip).map(String) : [];
        const weight = typeof (info as { weight?: unknown }).weight === 'number' ? (info as { weight: number }).weight : null;
        out.set(`${branch}\n${pkg}`, { to, skip, weight });
      }
    }
  }
  return out;
}

export function normalizeLibup(records: RawRecord[], ctx: NormalizeContext): Output<'standards_targets'> {
  const out = output('standards_targets');
  for (const rec of records) {
    const c = readFileChange(rec.payload);
    if (typeof c === 'string') {
      out.rejects.push({ rawId: rec.rawId, kind: rec.kind, key: rec.key, reason: `${ctx.scope}: releases.json item ${rec.key} is not readable: ${c}` });
      continue;
    }
    if (c.new === null) continue; // the file was removed (LibUp's config moved elsewhere): targets stay as they were
    const next = targetsOf(c.new);
    if (typeof next === 'string') {
      out.rejects.push({ rawId: rec.rawId, kind: rec.kind, key: rec.key, location: `${ctx.scope}@${c.sha}:${c.file}`, reason: `${c.file} at commit ${c.sha} of ${ctx.scope}: ${next}` });
      continue;
    }
    const prevParsed = c.old === null ? new Map<string, Target>() : targetsOf(c.old);
    const prev = typeof prevParsed === 'string' ? null : prevParsed;
    const at = new Date(c.at * 1000);
    const row = (key: string, t: Target | null): RowFor<'standards_targets'> => {
      const [branch, pkg] = key.split('\n');
      return {
        target_key: `libup:${branch}:dep.${pkg}:safe:${at.toISOString()}`, source: 'libup', branch, fact: `dep.${pkg}`, truth: 'safe', rule: '>=',
        target: t?.to ?? null, skip: t?.skip ?? [], since_at: at, since_commit: c.sha, note: t?.weight != null ? `weight ${t.weight}` : null,
        definition_version: LIBUP_VERSION, raw_id: rec.rawId,
      };
    };
    for (const [k, t] of next) {
      const p = prev?.get(k);
      if (!p || p.to !== t.to || p.skip.join() !== t.skip.join()) out.rows.standards_targets.push(row(k, t));
    }
    for (const k of prev?.keys() ?? []) if (!next.has(k)) out.rows.standards_targets.push(row(k, null));
  }
  return out;
}
