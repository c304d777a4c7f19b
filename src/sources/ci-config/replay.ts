// zuul/layout.yaml diffs, oldest first → the ci.* facts of every project over time: each
// diff is applied to the version before it, and only the project entries its changed
// lines fall in are read again (the whole file when a section header moves, the templates
// section when a template changes); a fact row is written whenever a project's value
// changes, dated by the commit. Pure: the derive step feeds it the stored raw items.
import { type Layout, parseLayout, type ProjectEntry, projectFacts } from './layout.ts';
import { applyPatch, parsePatch } from './patch.ts';
import type { LayoutChange } from './collect.ts';

export interface FactPoint {
  repo: string;
  fact: string;
  value: string | null;
  since_at: Date;
  since_commit: string;
  raw_id: string;
}

export interface ReplayProblem {
  rawId: string;
  sha: string;
  reason: string;
}

const isItem = (l: string | undefined) => l !== undefined && l.startsWith('  - ');
const isTop = (l: string | undefined) => l !== undefined && l.length > 0 && l[0] !== ' ' && l[0] !== '#';

/** Top-level section of each line index: a sorted list of [start, name]. */
function sections(lines: readonly string[]): [number, string][] {
  const out: [number, string][] = [];
  for (let i = 0; i < lines.length; i++) if (isTop(lines[i])) out.push([i, lines[i].replace(/:.*$/, '')]);
  return out;
}

function sectionAt(secs: [number, string][], i: number): [number, string, number] {
  let k = -1;
  for (let lo = 0, hi = secs.length - 1; lo <= hi;) {
    const mid = (lo + hi) >> 1;
    if (secs[mid][0] <= i) {
      k = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return k < 0 ? [0, '', 0] : [secs[k][0], secs[k][1], secs[k + 1]?.[0] ?? Infinity];
}

/**
 * The block-aligned range around lines [from, to) of one section: from the `  - ` line of
 * the entry the range starts in to the line before the entry after it ends.
 */
function expand(lines: readonly string[], from: number, to: number, secStart: number, secEnd: number): [number, number] {
  let s = Math.min(from, lines.length - 1);
  while (s > secStart && !isItem(lines[s])) s--;
  let e = Math.max(to, from + 1);
  while (e < Math.min(lines.length, secEnd) && !isItem(lines[e])) e++;
  return [Math.max(s, 0), Math.min(e, lines.length)];
}

/** `everyVersion` reads each version whole (slow; the tests compare both ways). */
export function replayLayout(changes: { rawId: string; change: LayoutChange }[], prefixes: readonly string[], everyVersion = false): { points: FactPoint[]; problems: ReplayProblem[] } {
  let lines: string[] = [];
  let secs: [number, string][] = [];
  const layout: Layout = { templates: new Map(), projects: new Map() };
  const last = new Map<string, Map<string, string | null>>(); // project → facts last emitted
  const points: FactPoint[] = [];
  const problems: ReplayProblem[] = [];
  const keep = (name: string) => prefixes.some((p) => name.startsWith(p));
  for (const { rawId, change } of changes) {
    const patch = parsePatch(change.patch);
    const applied = applyPatch(lines, patch);
    if (!('lines' in applied)) {
      problems.push({ rawId, sha: change.sha, reason: `${change.file} at commit ${change.sha}: the diff does not apply to the version before it (${applied.error}); its changes are skipped` });
      continue;
    }
    const old = lines;
    lines = applied.lines;
    const oldSecs = secs;
    const newSecs = sections(lines);
    secs = newSecs;
    const touched = new Set<string>(); // projects to look at again
    let full = everyVersion || patch.created || patch.deleted || oldSecs.length !== newSecs.length
      || applied.removed.some((i) => isTop(old[i])) || applied.added.some((i) => isTop(lines[i]));
    let templates = false;
    if (!full) {
      const gone: string[][] = [];
      const fresh: Layout['projects'][] = [];
      for (const sp of applied.spans) {
        const [os, oName, oe] = sectionAt(oldSecs, sp.oldFrom);
        const [ns, nName, ne] = sectionAt(newSecs, sp.newFrom);
        const oEnd = sectionAt(oldSecs, Math.max(sp.oldFrom, sp.oldTo - 1))[1];
        const nEnd = sectionAt(newSecs, Math.max(sp.newFrom, sp.newTo - 1))[1];
        if (oName !== oEnd || nName !== nEnd || oName !== nName) {
          full = true;
          break;
        }
        if (nName === 'project-templates') templates = true;
        if (nName !== 'projects') continue;
        const [a, b] = expand(old, sp.oldFrom, sp.oldTo, os, oe);
        gone.push([...parseLayout(['projects:', ...old.slice(a, b)]).projects.keys()]);
        const [c, d] = expand(lines, sp.newFrom, sp.newTo, ns, ne);
        fresh.push(parseLayout(['projects:', ...lines.slice(c, d)]).projects);
      }
      // all removals first: an entry moved from a later hunk to an earlier one stays
      for (const n of gone.flat()) {
        touched.add(n);
        layout.projects.delete(n);
      }
      for (const [n, p] of fresh.flatMap((m) => [...m])) {
        touched.add(n);
        layout.projects.set(n, p);
      }
      if (templates && !full) {
        const k = newSecs.findIndex(([, n]) => n === 'project-templates');
        layout.templates = k < 0 ? new Map() : parseLayout(lines.slice(newSecs[k][0], newSecs[k + 1]?.[0] ?? lines.length)).templates;
      }
    }
    if (full) {
      const parsed = parseLayout(lines);
      layout.templates = parsed.templates;
      layout.projects = parsed.projects;
    }
    const names: Iterable<string> = full || templates ? new Set([...last.keys(), ...[...layout.projects.keys()].filter(keep)]) : [...touched].filter(keep);
    const at = new Date(change.at * 1000);
    for (const name of names) {
      const facts = projectFacts(layout, layout.projects.get(name) as ProjectEntry | undefined);
      const before = last.get(name);
      for (const [fact, value] of facts) {
        if (before ? (before.get(fact) ?? null) === value : value === null) continue;
        points.push({ repo: name, fact, value, since_at: at, since_commit: change.sha, raw_id: rawId });
      }
      last.set(name, facts);
    }
  }
  return { points, problems };
}
