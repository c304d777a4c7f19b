// MediaWiki branch versions as wikiversions files name them, 2012 to now: `php-1.18`,
// `php-1.23wmf14`, `php-1.47.0-wmf.16`, and the typos of real history (`1.21wm3`,
// `1.40-0-wmf.4`, `1.32.0.18`). Parsing gives one canonical name per version (old style
// `1.23wmf14`, new style `1.47.0-wmf.16`, `php-` dropped) and an order. Pure.

export interface BranchVersion {
  name: string; // canonical: "1.23wmf14", "1.47.0-wmf.16", "1.18"
  parts: [number, number, number, number]; // major, minor, patch, wmf (0 when absent)
}

// major.minor, optional patch (".0", or "-0" as in the 1.40-0-wmf.4 typo), then either
// "wmf<N>" (also the "wm<N>" typo), "-wmf.<N>", or a bare ".<N>" (the 1.32.0.18 typo).
const VERSION = /^(?:php-)?(\d+)\.(\d+)(?:[.-](\d+))?(?:(-)?wmf?\.?(\d+)|\.(\d+))?$/;

/** "php-1.23wmf14" → {name "1.23wmf14", parts [1,23,0,14]}; null when it is no version. */
export function parseBranchVersion(text: string): BranchVersion | null {
  const m = VERSION.exec(text.trim());
  if (!m) return null;
  const [, major, minor, patch, dash, wmf, bareWmf] = m;
  const n = wmf ?? bareWmf;
  const parts: BranchVersion['parts'] = [Number(major), Number(minor), Number(patch ?? 0), Number(n ?? 0)];
  let name: string;
  if (n === undefined) name = patch === undefined ? `${major}.${minor}` : `${major}.${minor}.${patch}`;
  else if (patch === undefined && !dash && bareWmf === undefined) name = `${major}.${minor}wmf${n}`;
  else name = `${major}.${minor}.${patch ?? 0}-wmf.${n}`;
  return { name, parts };
}

/** Negative when a is older than b, 0 when the same version, positive when newer. */
export function compareBranchVersions(a: BranchVersion, b: BranchVersion): number {
  for (let i = 0; i < 4; i++) {
    if (a.parts[i] !== b.parts[i]) return a.parts[i] - b.parts[i];
  }
  return 0;
}
