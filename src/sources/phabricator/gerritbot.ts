// GerritBot's comments on tasks ("Change 393751 had a related patch set uploaded (by …)",
// "Change 393751 **merged** by …") name the Gerrit change a task is worked on in.
// Pure parser. Regex from FORMATS.md §5 (sample phabricator/wmf-transaction-search-
// gerritbot-comment.json; merge/abandon form from Ladsgroup/Phabricator-maintenance-bot).

export const GERRITBOT_PHID = 'PHID-USER-idceizaw6elwiwm5xshb';

export interface GerritBotComment {
  change: number;
  action: 'uploaded' | 'merged' | 'abandoned' | 'restored';
  by: string;
  owner: string | null;
  repo: string | null;
  branch: string | null;
  subject: string | null;
  /** The first line of the comment: the link's evidence. */
  line: string;
}

const HEAD = /^Change (\d+) (?:had a related patch set uploaded \(by ([^;)]+)(?:; (?:owner|author): ([^)]+))?\)|\*\*(merged|abandoned|restored)\*\* by ([^:\n]+)):?/;
const TARGET = /^\[([^@\]]+)@([^\]]+)\] (.*)$/;

export function parseGerritBotComment(text: string): GerritBotComment | null {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const m = HEAD.exec(lines[0] ?? '');
  if (!m) return null;
  const t = TARGET.exec(lines[1] ?? '');
  return {
    change: Number(m[1]),
    action: (m[4] as GerritBotComment['action'] | undefined) ?? 'uploaded',
    by: (m[2] ?? m[5] ?? '').trim(),
    owner: m[3]?.trim() ?? null,
    repo: t?.[1] ?? null,
    branch: t?.[2] ?? null,
    subject: t?.[3] ?? null,
    line: lines[0],
  };
}
