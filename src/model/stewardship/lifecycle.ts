// One lifecycle status for an extension or skin, reconciled from every signal — CI
// templates (archived, extension-broken, in-wikimedia-production), Gerrit project state,
// {{Extension}} status and {{Archived extension}}, wmf-config/extension-list, and human
// or bot-only activity — each kept with its value, source and date, with a flag and the
// reasons when the sources disagree. Pure: the derive step calls it as it is.

/** 2: a repository that left CI config with no other signal is `unknown`, not `maintained`. */
export const LIFECYCLE_VERSION = 2;
/** No human commit for this long before the newest signal: unmaintained. */
export const UNMAINTAINED_DAYS = 730;
const DAY = 86_400_000;

export interface Signal {
  fact: string;
  value: string | null;
  /** Start of the period in which the fact holds this value. */
  since_at: Date;
}

export interface LifecycleInput {
  repo: string;
  /** The current value of each signal fact (ci.*, gerrit.state, wiki.*, wmf.deployed). */
  signals: Signal[];
  lastHumanAt?: Date | null;
  lastBotAt?: Date | null;
}

export interface Lifecycle {
  repo: string;
  status: 'archived' | 'obsolete' | 'broken' | 'unmaintained' | 'wikimedia-deployed' | 'maintained' | 'unknown';
  reason: string;
  maturity: string | null;
  deployed: boolean | null;
  archived: boolean;
  disagree: boolean;
  disagreements: string[];
  last_human_commit_at: Date | null;
  last_bot_commit_at: Date | null;
  archived_at: Date | null;
  as_of: Date | null;
  definition_version: number;
}

/** Which source each signal fact comes from, for the words of a reason. */
export const SIGNAL_SOURCE: Record<string, string> = {
  'ci.archived': 'CI (zuul/layout.yaml)',
  'ci.broken': 'CI (zuul/layout.yaml)',
  'ci.wikimedia_deployed': 'CI (zuul/layout.yaml)',
  'gerrit.state': 'Gerrit project state',
  'wiki.status': 'mediawiki.org {{Extension}}',
  'wiki.archived': 'mediawiki.org {{Archived extension}}',
  'wmf.deployed': 'wmf-config/extension-list',
};

export const SIGNAL_FACTS = Object.keys(SIGNAL_SOURCE);

const iso = (d: Date) => d.toISOString().slice(0, 10);

export function reconcile(input: LifecycleInput): Lifecycle {
  const s = new Map(input.signals.map((x) => [x.fact, x]));
  const val = (f: string) => s.get(f)?.value ?? null;
  const lastHuman = input.lastHumanAt ?? null;
  const lastBot = input.lastBotAt && (!lastHuman || input.lastBotAt > lastHuman) ? input.lastBotAt : null;
  const dates = [...input.signals.map((x) => x.since_at), lastHuman, input.lastBotAt ?? null].filter((d): d is Date => d instanceof Date);
  const asOf = dates.length ? new Date(Math.max(...dates.map((d) => d.getTime()))) : null;
  const disagreements: string[] = [];

  const archiveVotes: { says: boolean; what: string; at: Date }[] = [];
  if (s.has('ci.archived') && val('ci.archived') !== null) archiveVotes.push({ says: val('ci.archived') === 'true', what: val('ci.archived') === 'true' ? 'CI marks it archived' : 'CI runs its tests (not archived)', at: s.get('ci.archived')!.since_at });
  if (s.has('wiki.archived')) archiveVotes.push({ says: val('wiki.archived') === 'true', what: val('wiki.archived') === 'true' ? 'mediawiki.org has {{Archived extension}}' : 'its mediawiki.org page is not archived', at: s.get('wiki.archived')!.since_at });
  if (val('gerrit.state')) archiveVotes.push({ says: val('gerrit.state') !== 'ACTIVE', what: `Gerrit project is ${val('gerrit.state')}`, at: s.get('gerrit.state')!.since_at });
  const archivedYes = archiveVotes.filter((v) => v.says);
  const archived = archivedYes.length > 0;
  const archivedAt = archived ? new Date(Math.min(...archivedYes.map((v) => v.at.getTime()))) : null;
  if (archived && archivedYes.length < archiveVotes.length) {
    disagreements.push(`archived? ${archiveVotes.map((v) => `${v.what} (since ${iso(v.at)})`).join('; ')}`);
  }

  const listed = val('wmf.deployed');
  const ciDeployed = val('ci.wikimedia_deployed');
  const deployed = listed !== null ? listed === 'true' : ciDeployed !== null ? ciDeployed === 'true' : null;
  if (listed !== null && ciDeployed !== null && listed !== ciDeployed) {
    disagreements.push(`Wikimedia-deployed? wmf-config/extension-list says ${listed === 'true' ? 'yes' : 'no'}, CI template in-wikimedia-production says ${ciDeployed === 'true' ? 'yes' : 'no'}`);
  }
  if (archived && deployed) disagreements.push(`archived (since ${iso(archivedAt!)}) but still Wikimedia-deployed`);
  if (archived && lastHuman && archivedAt && lastHuman > archivedAt) disagreements.push(`human commit on ${iso(lastHuman)} after it was archived (${iso(archivedAt)})`);

  const maturity = val('wiki.status');
  const stale = lastHuman !== null && asOf !== null && asOf.getTime() - lastHuman.getTime() > UNMAINTAINED_DAYS * DAY;
  if ((maturity === 'stable' || maturity === 'beta') && (archived || stale)) {
    disagreements.push(`mediawiki.org says ${maturity} but ${archived ? 'it is archived' : `no human commit since ${iso(lastHuman!)}`}`);
  }

  // the CI facts are NULL from the commit that took the project out of zuul/layout.yaml
  const leftCi = s.has('ci.archived') && val('ci.archived') === null;
  let status: Lifecycle['status'];
  let reason: string;
  if (archived) {
    status = 'archived';
    reason = archivedYes.map((v) => `${v.what} since ${iso(v.at)}`).join('; ');
  } else if (maturity === 'obsolete') {
    status = 'obsolete';
    reason = 'mediawiki.org {{Extension}} status obsolete';
  } else if (val('ci.broken') === 'true' || maturity === 'unstable') {
    status = 'broken';
    reason = val('ci.broken') === 'true' ? 'CI template extension-broken' : 'mediawiki.org {{Extension}} status unstable';
  } else if (maturity === 'unmaintained' || stale) {
    status = 'unmaintained';
    reason = maturity === 'unmaintained' ? 'mediawiki.org {{Extension}} status unmaintained' : `no human commit since ${iso(lastHuman!)}${lastBot ? `, bot-only commits until ${iso(lastBot)}` : ''}`;
  } else if (deployed) {
    status = 'wikimedia-deployed';
    reason = listed === 'true' ? 'listed in wmf-config/extension-list' : 'CI template in-wikimedia-production';
  } else if (leftCi && !lastHuman && input.signals.every((x) => x.fact.startsWith('ci.'))) {
    // its entry left zuul/layout.yaml (renamed, moved or deleted) and nothing else is known
    status = 'unknown';
    reason = `not in CI config (zuul/layout.yaml) since ${iso(s.get('ci.archived')!.since_at)}; no other signal`;
  } else {
    status = 'maintained';
    reason = lastHuman ? `human commit on ${iso(lastHuman)}` : 'no signal says otherwise';
  }
  return {
    repo: input.repo, status, reason, maturity, deployed, archived, disagree: disagreements.length > 0, disagreements,
    last_human_commit_at: lastHuman, last_bot_commit_at: lastBot, archived_at: archivedAt, as_of: asOf,
    definition_version: LIFECYCLE_VERSION,
  };
}
