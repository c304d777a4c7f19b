// Version constraints and LibUp's two truths. LibUp's planner (libraryupgrader
// libup/plan.py, `equals`) leaves a dependency alone when the declared string equals the
// target, is a `file:` path, or, with the characters ^ ~ > < = removed, parses as a
// semantic version ≥ the target; an unparseable constraint is not up to date. Its library
// table instead marks a repository current only when the declared string equals
// upstream's latest version. Written from that description, not from LibUp's code.

export interface Semver {
  major: number;
  minor: number;
  patch: number;
  pre: string[];
}

/** Strict semantic version (MAJOR.MINOR.PATCH[-pre][+build]), as Python's semver parses it. */
export function parseSemver(text: string): Semver | null {
  const m = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(text.trim());
  if (!m) return null;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]), pre: m[4] ? m[4].split('.') : [] };
}

function comparePre(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return a.length === b.length ? 0 : a.length === 0 ? 1 : -1;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] === undefined) return -1;
    if (b[i] === undefined) return 1;
    const na = /^\d+$/.test(a[i]);
    const nb = /^\d+$/.test(b[i]);
    if (na && nb && Number(a[i]) !== Number(b[i])) return Number(a[i]) < Number(b[i]) ? -1 : 1;
    if (na !== nb) return na ? -1 : 1;
    if (!na && a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}

export function compareSemver(a: Semver, b: Semver): number {
  return Math.sign(a.major - b.major) || Math.sign(a.minor - b.minor) || Math.sign(a.patch - b.patch) || comparePre(a.pre, b.pre);
}

/** The version a constraint names, LibUp's way: the characters ^ ~ > < = removed. */
export function constraintVersion(declared: string): string {
  return declared.replace(/[\^~><=]/g, '');
}

/** LibUp's planner: is `declared` up to date against the safe `target`? */
export function meetsSafeTarget(declared: string | null | undefined, target: string): boolean {
  if (declared === null || declared === undefined) return false;
  if (declared === target || declared.startsWith('file:')) return true;
  const have = parseSemver(constraintVersion(declared));
  const want = parseSemver(target);
  return have !== null && want !== null && compareSemver(have, want) >= 0;
}

/** LibUp's library table: current only when the declared string is the latest version. */
export function equalsLatest(declared: string | null | undefined, latest: string): boolean {
  return declared === latest;
}

/** The newer of two version strings (semantic versions compared; unparseable ones lose). */
export function newerVersion(a: string | null | undefined, b: string | null | undefined): string | null {
  if (!a) return b ?? null;
  if (!b) return a;
  const pa = parseSemver(constraintVersion(a));
  const pb = parseSemver(constraintVersion(b));
  if (!pa) return pb ? b : a;
  if (!pb) return a;
  return compareSemver(pa, pb) >= 0 ? a : b;
}
