// Standards compliance of one repository over time: every target in force at a date
// (standards.yaml "required", LibUp's "safe" ≥ rule, the "latest" known version) checked
// against the fact's value at that date. Gives the score now per truth, the timeline of
// met/applicable counts at each change, and for each target bump how many days the
// repository took to meet it. Pure: metrics and the steward page call it as it is.
import { meetsSafeTarget, newerVersion } from './versions.ts';

export const COMPLIANCE_VERSION = 1;
const DAY = 86_400_000;

export interface FactPeriod {
  fact: string;
  value: string | null;
  since_at: Date;
  until_at: Date | null;
}

export interface TargetPeriod {
  source: string;
  branch: string;
  fact: string;
  truth: string; // required, safe, latest
  rule: string;
  target: string | null;
  since_at: Date;
  until_at: Date | null;
  skip?: string[] | null;
}

export const TRUTHS = ['required', 'safe', 'latest'] as const;
export const TRUTH_LABEL: Record<string, string> = {
  required: 'standards.yaml targets',
  safe: "≥ LibUp's safe target (LibUp's planner)",
  latest: '= the newest known version (LibUp\'s table); newest known = newest of LibUp targets, standards.yaml upstream releases and versions declared in the fleet',
};

/** Met (true), not met (false), or not applicable (null: the repository does not declare the dependency, or LibUp skips it). */
export function meets(rule: string, target: string | null, value: string | null, fact: string, skip: readonly string[] = []): boolean | null {
  if (target === null && rule !== 'present' && rule !== 'absent') return null;
  const dep = fact.startsWith('dep.');
  if (dep && value === null) return null;
  if (value !== null && skip.some((s) => value.replace(/^[\^~><=]+/, '').startsWith(s))) return null;
  switch (rule) {
    case '>=': return value === null ? false : meetsSafeTarget(value, target!);
    case '=': return value === target;
    case 'present': return value === 'true';
    case 'absent': return value !== 'true';
    case 'one_of': return value !== null && target!.split('|').includes(value);
    default: return null;
  }
}

const inForce = (p: { since_at: Date; until_at: Date | null }, at: number) => p.since_at.getTime() <= at && (p.until_at === null || p.until_at.getTime() > at);

/**
 * "latest" targets for dependency facts: at each date the newest version known — LibUp's
 * targets on any branch, standards.yaml upstream releases (`given`), and `declared`
 * versions (what the fleet's repositories declared, with ^~ removed) — as periods.
 */
export function latestTargets(targets: readonly TargetPeriod[], declared: readonly { fact: string; value: string; since_at: Date }[] = []): TargetPeriod[] {
  const events = new Map<string, { at: Date; v: string }[]>();
  const push = (fact: string, at: Date, v: string | null) => {
    if (!v || !/^\d/.test(v.replace(/^[\^~><=]+/, ''))) return;
    (events.get(fact) ?? events.set(fact, []).get(fact)!).push({ at, v: v.replace(/^[\^~><=]+/, '') });
  };
  for (const t of targets) if (t.fact.startsWith('dep.') && (t.truth === 'safe' || t.truth === 'latest')) push(t.fact, t.since_at, t.target);
  for (const d of declared) push(d.fact, d.since_at, d.value);
  const out: TargetPeriod[] = [];
  for (const [fact, evs] of events) {
    evs.sort((a, b) => a.at.getTime() - b.at.getTime());
    let best: string | null = null;
    for (const e of evs) {
      const next = newerVersion(best, e.v);
      if (next === best) continue;
      best = next;
      const prev = out[out.length - 1];
      if (prev && prev.fact === fact) prev.until_at = e.at;
      out.push({ source: 'derived', branch: 'main', fact, truth: 'latest', rule: '=', target: best, since_at: e.at, until_at: null });
    }
  }
  return out;
}

export interface Check {
  fact: string;
  truth: string;
  rule: string;
  target: string | null;
  value: string | null;
  met: boolean | null;
  target_since: Date;
}

/** Every target (main branch) in force at `at`, checked against the fact's value then. */
export function checksAt(facts: readonly FactPeriod[], targets: readonly TargetPeriod[], at: Date): Check[] {
  const t = at.getTime();
  const out: Check[] = [];
  if (!facts.some((p) => p.since_at.getTime() <= t)) return out; // no history yet (or none imported): nothing to judge
  const byFact = new Map<string, FactPeriod[]>();
  for (const p of facts) (byFact.get(p.fact) ?? byFact.set(p.fact, []).get(p.fact)!).push(p);
  for (const tg of targets) {
    if (tg.branch !== 'main' || !inForce(tg, t)) continue;
    const f = byFact.get(tg.fact)?.find((p) => inForce(p, t));
    const value = f?.value ?? null;
    out.push({ fact: tg.fact, truth: tg.truth, rule: tg.rule, target: tg.target, value, met: meets(tg.rule, tg.target, value, tg.fact, tg.skip ?? []), target_since: tg.since_at });
  }
  return out;
}

export interface Score {
  truth: string;
  met: number;
  applicable: number;
  score: number | null; // met / applicable
}

export function scores(checks: readonly Check[]): Score[] {
  return TRUTHS.map((truth) => {
    const mine = checks.filter((c) => c.truth === truth && c.met !== null);
    const met = mine.filter((c) => c.met).length;
    return { truth, met, applicable: mine.length, score: mine.length ? Math.round((met / mine.length) * 1000) / 1000 : null };
  });
}

/** Scores at every date where a fact or a target changed (from `from` on), and at `now`. */
export function timeline(facts: readonly FactPeriod[], targets: readonly TargetPeriod[], now: Date, from?: Date): ({ at: Date } & Score)[] {
  const times = new Set<number>([now.getTime()]);
  for (const p of [...facts, ...targets]) {
    for (const d of [p.since_at, p.until_at]) if (d && d.getTime() <= now.getTime() && (!from || d >= from)) times.add(d.getTime());
  }
  return [...times].sort((a, b) => a - b).flatMap((t) => scores(checksAt(facts, targets, new Date(t))).map((s) => ({ at: new Date(t), ...s })));
}

export interface Bump {
  fact: string;
  truth: string;
  target: string | null;
  since_at: Date;
  met_at: Date | null; // when the repository first met it (at or after the bump), while it was in force
  days_out: number; // days not meeting it: bump → met, or → its end, or → now
}

/** For each target that came into force while the repository declared the fact: days until it was met. */
export function bumps(facts: readonly FactPeriod[], targets: readonly TargetPeriod[], now: Date): Bump[] {
  const out: Bump[] = [];
  for (const tg of targets) {
    if (tg.branch !== 'main' || tg.target === null && tg.rule !== 'present' || tg.since_at > now) continue;
    const end = Math.min(tg.until_at?.getTime() ?? Infinity, now.getTime());
    const changes = [tg.since_at.getTime(), ...facts.filter((f) => f.fact === tg.fact && f.since_at.getTime() > tg.since_at.getTime() && f.since_at.getTime() < end).map((f) => f.since_at.getTime())].sort((a, b) => a - b);
    let applicable = false;
    let metAt: number | null = null;
    for (const t of changes) {
      const f = facts.find((p) => p.fact === tg.fact && inForce(p, t));
      const m = meets(tg.rule, tg.target, f?.value ?? null, tg.fact, tg.skip ?? []);
      if (m === null) continue;
      applicable = true;
      if (m) {
        metAt = t;
        break;
      }
    }
    if (!applicable) continue;
    const stop = metAt ?? end;
    out.push({ fact: tg.fact, truth: tg.truth, target: tg.target, since_at: tg.since_at, met_at: metAt === null ? null : new Date(metAt), days_out: Math.round(((stop - tg.since_at.getTime()) / DAY) * 10) / 10 });
  }
  return out.sort((a, b) => a.since_at.getTime() - b.since_at.getTime());
}
