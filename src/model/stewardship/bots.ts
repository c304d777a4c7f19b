// Who is a bot on an extension's history: the maintained list of automated committers
// (LibUp, translatewiki.net exports, Gerrit's and Jenkins' merge commits, …). A commit is
// human when any person on it (author, committer, or for a Gerrit merge commit the merged
// commit's author) is not a bot. Bump BOT_LIST_VERSION when the list changes meaning.

export const BOT_LIST_VERSION = 1;

export interface Bot {
  name: string;
  /** Matches the person's name or email. */
  pattern: RegExp;
}

export const BOTS: readonly Bot[] = [
  { name: 'libraryupgrader', pattern: /libraryupgrader|tools\.libraryupgrader@/i },
  { name: 'translatewiki', pattern: /l10n-bot@translatewiki\.net|^translation updater bot$|^raymond$/i },
  { name: 'jenkins-bot', pattern: /^jenkins-bot$|jenkins-bot@/i },
  { name: 'gerrit', pattern: /^gerrit code review$|^gerrit@wikimedia\.org$/i },
  { name: 'gerritbot', pattern: /^gerritbot$|\+gerritbot@/i },
  { name: 'trainbranchbot', pattern: /trainbranchbot|^releasetaggerbot$/i },
  { name: 'dependabot', pattern: /dependabot/i },
  { name: 'github-actions', pattern: /github-actions/i },
];

export interface Person {
  name?: string | null;
  email?: string | null;
}

/** The bot a person is, or null for a human. Extra patterns come from the config. */
export function botOf(p: Person, extra: readonly Bot[] = []): string | null {
  for (const b of [...BOTS, ...extra]) {
    if ((p.name && b.pattern.test(p.name)) || (p.email && b.pattern.test(p.email))) return b.name;
  }
  return null;
}

/**
 * Human when any listed person is human; otherwise the first bot met (the author's,
 * else the committer's). `people` is author first.
 */
export function classifyCommit(people: readonly Person[], extra: readonly Bot[] = []): { human: boolean; bot: string | null } {
  let firstBot: string | null = null;
  for (const p of people) {
    if (!p.name && !p.email) continue;
    const bot = botOf(p, extra);
    if (!bot) return { human: true, bot: null };
    firstBot ??= bot;
  }
  return { human: firstBot === null, bot: firstBot };
}
