// The links inside SAL and deploy messages: `[[gerrit:907238|label]]`, `[[phab:T123]]`,
// `{{Gerrit|<number, Change-Id or sha>}}`, `[[wikitech:Page|label]]`, and bare task ids
// (T123), as text pieces and link pieces. Pure: the page renders the pieces as Preact
// nodes (text stays text), and every href is a configured base plus a checked id.
import { gerritChange, type LinkBases, type OutLink, phabTask } from './links.ts';

export type Piece = { text: string } | { text: string; link: OutLink; key?: string };

const TOKEN = /\[\[([a-z]+):([^\]|]{1,200})(?:\|([^\]]{0,300}))?\]\]|\{\{(gerrit|phabricator|phab)\|([^}|]{1,80})(?:\|([^}]{0,200}))?\}\}|\b(T\d{1,8})\b/gi;

function wikiLink(bases: LinkBases, prefix: string, target: string): { link: OutLink; key?: string } | null {
  const p = prefix.toLowerCase();
  const t = target.trim();
  if (p === 'gerrit' || p === 'gerrit-change') {
    const link = gerritChange(bases, t);
    if (link) return { link, key: `change:${new URL(bases.gerrit).host}:${t}` };
    if (bases.gerrit && /^(I[0-9a-f]{40}|[0-9a-f]{7,40})$/i.test(t)) return { link: { href: `${bases.gerrit}/q/${t}`, system: 'Gerrit' } };
    return null;
  }
  if (p === 'phab' || p === 'phabricator' || p === 'phabricator-task') {
    const link = phabTask(bases, t);
    return link ? { link, key: `task:${t.startsWith('T') ? t : `T${t}`}` } : null;
  }
  if (p === 'wikitech' && bases.wikitech) return { link: { href: `${bases.wikitech}/${encodeURI(t.replace(/ /g, '_'))}`, system: 'wikitech' } };
  if ((p === 'mw' || p === 'mediawikiwiki') && bases.mediawiki) return { link: { href: `${bases.mediawiki}/${encodeURI(t.replace(/ /g, '_'))}`, system: 'mediawiki.org' } };
  return null;
}

/** Splits a message into text and links; unknown or malformed markup stays as its text. */
export function parseWikitext(text: string, bases: LinkBases): Piece[] {
  const out: Piece[] = [];
  let at = 0;
  const push = (p: Piece) => {
    const last = out[out.length - 1];
    if (!('link' in p) && last && !('link' in last)) last.text += p.text;
    else if (p.text) out.push(p);
  };
  for (const m of text.matchAll(TOKEN)) {
    const start = m.index ?? 0;
    if (start > at) push({ text: text.slice(at, start) });
    let made: Piece | null = null;
    if (m[1] !== undefined) {
      const l = wikiLink(bases, m[1], m[2]);
      if (l) made = { text: (m[3] ?? '').trim() || m[2].trim(), ...l };
    } else if (m[4] !== undefined) {
      const l = wikiLink(bases, m[4], m[5]);
      if (l) made = { text: (m[6] ?? '').trim() || m[5].trim(), ...l };
    } else if (m[7] !== undefined) {
      const link = phabTask(bases, m[7]);
      if (link) made = { text: m[7], link, key: `task:${m[7]}` };
    }
    push(made ?? { text: m[0] });
    at = start + m[0].length;
  }
  if (at < text.length) push({ text: text.slice(at) });
  return out;
}
