// Who is a bot on an extension's history, by the one bot list (src/model/bots.yaml: LibUp,
// translatewiki.net exports, Gerrit's and Jenkins' merge commits, …). A commit is human
// when any person on it (author, committer, or for a Gerrit merge commit the merged
// commit's author) is not a bot. The list's version is stored as definition_version.

import { BOT_LIST_VERSION, BOTS, type Bot } from '../bots.ts';

export { BOT_LIST_VERSION, BOTS, type Bot };

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
