// Compares two states of the wikiversions file wiki by wiki and says, per version, which
// wikis moved forward to it (from an older version) and which moved back from it (to an
// older version). A commit can do both for different wikis. Wikis added or removed are
// not moves; a typo fixed to the same canonical version is no move. Pure.
import { compareBranchVersions, parseBranchVersion, type BranchVersion } from './versions.ts';

export interface Move {
  wiki: string;
  from: string; // canonical version names
  to: string;
}

export interface VersionMoves {
  forward: Move[]; // wikis that moved from an older version to this one
  back: Move[]; // wikis that moved from this version to an older one
}

export interface WikiversionsDiff {
  byVersion: Map<string, VersionMoves>;
  problems: string[];
}

function movesOf(out: Map<string, VersionMoves>, version: string): VersionMoves {
  let m = out.get(version);
  if (!m) out.set(version, (m = { forward: [], back: [] }));
  return m;
}

export function diffWikiversions(before: Map<string, string>, after: Map<string, string>, where: string): WikiversionsDiff {
  const byVersion = new Map<string, VersionMoves>();
  const problems: string[] = [];
  const parsed = new Map<string, BranchVersion | null>();
  const parse = (text: string) => {
    if (!parsed.has(text)) parsed.set(text, parseBranchVersion(text));
    return parsed.get(text)!;
  };
  for (const [wiki, newText] of after) {
    const oldText = before.get(wiki);
    if (oldText === undefined || oldText === newText) continue;
    const from = parse(oldText);
    const to = parse(newText);
    if (!from || !to) {
      problems.push(`${where}: ${wiki}: cannot read version "${!from ? oldText : newText}"`);
      continue;
    }
    const order = compareBranchVersions(to, from);
    const move = { wiki, from: from.name, to: to.name };
    if (order > 0) movesOf(byVersion, to.name).forward.push(move);
    else if (order < 0) movesOf(byVersion, from.name).back.push(move);
  }
  return { byVersion, problems };
}
