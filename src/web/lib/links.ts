// Where an entity lives in its own system (Gerrit, Phabricator, gitiles, Jenkins, the SAL,
// wikitech, mediawiki.org), from the base URLs of GET /api/ui-config, and the short label
// a key shows as. Pure. Every URL is a configured http(s) base plus encoded parts, so no
// value from the data can choose the scheme or host (builds keep their own http(s) URL).

export interface LinkBases {
  gerrit: string;
  gitiles: string;
  phabricator: string;
  sal: string;
  wikitech: string;
  mediawiki: string;
}

/** Wikimedia's, as the config's defaults; used until /api/ui-config answers. */
export const WIKIMEDIA: LinkBases = {
  gerrit: 'https://gerrit.wikimedia.org/r',
  gitiles: 'https://gerrit.wikimedia.org/r/plugins/gitiles',
  phabricator: 'https://phabricator.wikimedia.org',
  sal: 'https://sal.toolforge.org',
  wikitech: 'https://wikitech.wikimedia.org/wiki',
  mediawiki: 'https://www.mediawiki.org/wiki',
};

export interface OutLink {
  href: string;
  /** The system's name, for the link's title: "Gerrit", "Phabricator", … */
  system: string;
}

const path = (s: string) => s.split('/').map(encodeURIComponent).join('/');
const page = (title: string) => encodeURIComponent(title.replace(/ /g, '_')).replace(/%2F/g, '/').replace(/%3A/g, ':');
const isHttp = (u: unknown): u is string => typeof u === 'string' && /^https?:\/\/[^\s"'<>]+$/i.test(u);
const day = (v: unknown) => (v instanceof Date ? v.toISOString() : typeof v === 'string' ? v : '').match(/^\d{4}-\d{2}-\d{2}/)?.[0];

const CONFIG_REPO = 'operations/mediawiki-config';

export function gerritChange(bases: LinkBases, n: string | number): OutLink | null {
  return bases.gerrit && /^\d+$/.test(String(n)) ? { href: `${bases.gerrit}/c/${n}`, system: 'Gerrit' } : null;
}

export function phabTask(bases: LinkBases, id: string): OutLink | null {
  const m = /^T?(\d+)$/.exec(id);
  return bases.phabricator && m ? { href: `${bases.phabricator}/T${m[1]}`, system: 'Phabricator' } : null;
}

export function gitilesCommit(bases: LinkBases, repo: string, sha: string): OutLink | null {
  return bases.gitiles && /^[0-9a-f]{7,64}$/i.test(sha) ? { href: `${bases.gitiles}/${path(repo)}/+/${sha}`, system: 'gitiles' } : null;
}

/** The link out for an entity key; `row` (the key's own row, when at hand) adds its url or day. */
export function outLink(key: string, bases: LinkBases, row?: Record<string, unknown>): OutLink | null {
  const i = key.indexOf(':');
  const kind = key.slice(0, i);
  const rest = key.slice(i + 1);
  switch (kind) {
    case 'change': return gerritChange(bases, rest.slice(rest.lastIndexOf(':') + 1).split('/')[0]);
    case 'task': return phabTask(bases, rest);
    case 'commit': {
      const j = rest.lastIndexOf(':');
      return gitilesCommit(bases, rest.slice(0, j), rest.slice(j + 1));
    }
    case 'repo': return bases.gitiles && rest ? { href: `${bases.gitiles}/${path(rest)}`, system: 'gitiles' } : null;
    case 'build': {
      if (isHttp(row?.url)) return { href: row.url, system: String(row.system ?? 'CI') };
      const id = rest.slice(rest.indexOf(':') + 1);
      return /^[a-z0-9.-]+\.[a-z]{2,}\/\S+$/i.test(id) ? { href: `https://${path(id)}/`, system: 'Jenkins' } : null;
    }
    case 'deploy': {
      const [source, id] = [rest.slice(0, rest.indexOf(':')), rest.slice(rest.indexOf(':') + 1)];
      if (source === 'git') return gitilesCommit(bases, CONFIG_REPO, id);
      const d = day(row?.started_at ?? row?.logged_at);
      if (source === 'sal' && bases.sal && d) return { href: `${bases.sal}/production?d=${d}`, system: 'SAL' };
      return null;
    }
    case 'sal': {
      const d = day(row?.logged_at);
      return bases.sal && d ? { href: `${bases.sal}/production?d=${d}`, system: 'SAL' } : null;
    }
    case 'incident': {
      if (isHttp(row?.url)) return { href: row.url, system: 'wikitech' };
      return bases.wikitech && rest ? { href: `${bases.wikitech}/${page(`Incidents/${rest}`)}`, system: 'wikitech' } : null;
    }
    case 'window': {
      // The Deployments calendar anchors each window as deploycal-item-<YYYYMMDDTHHMM>.
      const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{4})Z/.exec(rest);
      return bases.wikitech ? { href: `${bases.wikitech}/Deployments${m ? `#deploycal-item-${m[1]}${m[2]}${m[3]}T${m[4]}` : ''}`, system: 'wikitech' } : null;
    }
    case 'train': {
      const m = /^(\d+\.\d+)\.\d+-(wmf\.\d+)$/.exec(rest);
      return bases.mediawiki && m ? { href: `${bases.mediawiki}/MediaWiki_${m[1]}/${m[2]}`, system: 'mediawiki.org' } : null;
    }
    default: return null;
  }
}

/** A key as people read it: "Gerrit 907238", "T123", "core@1b2c5f0", "1.42.0-wmf.20". */
export function keyLabel(key: string): string {
  const i = key.indexOf(':');
  const kind = key.slice(0, i);
  const rest = key.slice(i + 1);
  switch (kind) {
    case 'change': {
      const [n, ps] = rest.slice(rest.lastIndexOf(':') + 1).split('/');
      return `change ${n}${ps ? `,${ps}` : ''}`;
    }
    case 'task': return rest;
    case 'commit': {
      const j = rest.lastIndexOf(':');
      return `${rest.slice(0, j).split('/').pop()}@${rest.slice(j + 1, j + 8)}`;
    }
    case 'build': {
      const m = /\/job\/([^/]+)\/(\d+)/.exec(rest);
      return m ? `${m[1]} #${m[2]}` : rest.replace(/^[^:]+:/, '');
    }
    case 'deploy': {
      const [source, id] = [rest.slice(0, rest.indexOf(':')), rest.slice(rest.indexOf(':') + 1)];
      return `${source} ${/^[0-9a-f]{12,}$/i.test(id) ? id.slice(0, 8) : id}`;
    }
    case 'window': return rest.replace(/^(\d{4}-\d{2}-\d{2})T(\d{2})(\d{2})Z-/, '$1 $2:$3 ');
    case 'sal': return `SAL ${/^[0-9a-f]{12,}$/i.test(rest) ? rest.slice(0, 8) : rest}`;
    case 'train': case 'incident': case 'repo': case 'person': return rest;
    default: return key;
  }
}
