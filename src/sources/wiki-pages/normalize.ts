// mediawiki.org page revisions → facts and stewards. An extension's or skin's page
// (Extension:X, Skin:X) gives wiki.status (from {{Extension|status=}}, normalized to the
// template's values; unknown otherwise), wiki.maintainer, wiki.phabricator,
// wiki.compatibility_policy and wiki.archived ({{Archived extension}} / {{Archived skin}}),
// each a snapshot at the revision's time (repeats fold into one period after the import).
// Developers/Maintainers tables give stewards rows. Pure.
import type { RowFor } from '../../model/catalogue/index.ts';
import { output, type NormalizeContext, type Output, type RawRecord } from '../types.ts';
import { findTables, findTemplates, linkTarget, plainText } from './wikitext.ts';

export const WIKI_VERSION = 1;
export const STATUSES = ['unstable', 'experimental', 'beta', 'stable', 'unmaintained', 'obsolete'];

export interface Revision {
  title: string;
  revid: number;
  timestamp: string;
  content: string;
}

/** `Extension:Echo` → mediawiki/extensions/Echo; `Skin:MonoBook` → mediawiki/skins/MonoBook. */
export function repoOfTitle(title: string): string | null {
  const m = /^(Extension|Skin):([^/]+)$/.exec(title.trim());
  return m ? `mediawiki/${m[1] === 'Skin' ? 'skins' : 'extensions'}/${m[2].replace(/ /g, '_')}` : null;
}

function pageFacts(rev: Revision, repo: string, rawId: string, out: Output<'repo_facts' | 'stewards'>): void {
  const [info] = findTemplates(rev.content, ['Extension', 'Skin']);
  const archived = findTemplates(rev.content, ['Archived extension', 'Archived skin']).length > 0;
  const raw = (info?.params.get('status') ?? '').toLowerCase().trim();
  const facts: [string, string | null][] = [
    ['wiki.status', info ? (STATUSES.includes(raw) ? raw : 'unknown') : null],
    ['wiki.maintainer', info?.params.get('maintainer') ? plainText(info.params.get('maintainer')!) || null : null],
    ['wiki.phabricator', info?.params.get('phabricator')?.trim() || null],
    ['wiki.compatibility_policy', info?.params.get('compatibility policy')?.trim() || null],
    ['wiki.archived', String(archived)],
  ];
  const at = new Date(rev.timestamp);
  for (const [fact, value] of facts) {
    out.rows.repo_facts.push({ repo, fact, value, since_at: at, since_commit: `revid:${rev.revid}`, definition_version: WIKI_VERSION, raw_id: rawId });
  }
}

const col = (header: string[], ...names: RegExp[]) => header.findIndex((h) => names.some((n) => n.test(h)));

/** The repository a Developers/Maintainers component names, from its link or its text. */
export function repoOfComponent(cell: string, section: string): string | null {
  const target = linkTarget(cell);
  if (target) return repoOfTitle(target);
  const text = plainText(cell);
  if (!/^[A-Za-z][\w.-]*$/.test(text)) return null;
  return /skin/i.test(section) ? `mediawiki/skins/${text}` : /extension/i.test(section) ? `mediawiki/extensions/${text}` : null;
}

function maintainerRows(rev: Revision, rawId: string, out: Output<'repo_facts' | 'stewards'>): void {
  for (const t of findTables(rev.content)) {
    const c = col(t.header, /^component/i);
    if (c < 0) continue;
    const steward = col(t.header, /^steward/i);
    const individual = col(t.header, /individual/i, /^maintainer/i);
    const desc = col(t.header, /^description/i);
    const consulted = col(t.header, /^consulted/i);
    const informed = col(t.header, /^informed/i);
    const cell = (r: string[], i: number) => (i >= 0 && r[i] !== undefined ? plainText(r[i]) || null : null);
    for (const r of t.rows) {
      const component = cell(r, c);
      if (!component) continue;
      const row: RowFor<'stewards'> = {
        steward_key: `${rev.title}#${t.section}#${component}`, page: rev.title, section: t.section || null, component,
        repo: repoOfComponent(r[c], t.section), description: cell(r, desc), steward_team: cell(r, steward),
        maintainers: (cell(r, individual) ?? '').split(/\s*(?:,|;|\band\b|<br\s*\/?>)\s*/).map((s) => s.trim()).filter(Boolean),
        consulted: cell(r, consulted), informed: cell(r, informed), since_at: new Date(rev.timestamp), raw_id: rawId,
      };
      out.rows.stewards.push(row);
    }
  }
}

export function readRevision(payload: string): Revision | string {
  try {
    const r = JSON.parse(payload) as Revision;
    if (typeof r.title !== 'string' || typeof r.content !== 'string' || Number.isNaN(new Date(r.timestamp).getTime())) return 'missing title, content or timestamp';
    return r;
  } catch (err) {
    return (err as Error).message;
  }
}

export function normalizeWikiPages(records: RawRecord[], ctx: NormalizeContext): Output<'repo_facts' | 'stewards'> {
  const out = output('repo_facts', 'stewards');
  for (const rec of records) {
    const rev = readRevision(rec.payload);
    if (typeof rev === 'string') {
      out.rejects.push({ rawId: rec.rawId, kind: rec.kind, key: rec.key, location: rec.url ?? rec.key, reason: `${ctx.scope}: page revision ${rec.key} is not readable: ${rev}` });
      continue;
    }
    const repo = repoOfTitle(rev.title);
    if (repo) pageFacts(rev, repo, rec.rawId, out);
    else maintainerRows(rev, rec.rawId, out);
  }
  return out;
}
