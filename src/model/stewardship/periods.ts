// Facts over time as periods: the points a normalizer reads (one per commit, page revision
// or snapshot that set a value) become one row per period in which a fact held one value,
// with `until_at` the start of the next period. Pure, so the derive step that fills
// repo_facts.until_at (and standards_targets.until_at) can call it as it is.

export interface Point {
  value?: string | null;
  since_at: Date;
  until_at?: Date | null;
}

export interface Periods<T extends Point> {
  /** The points that start a period, each with its until_at (null while it holds). */
  periods: (T & { until_at: Date | null })[];
  /** Points that repeat the value before them: they continue that period and are dropped. */
  repeats: T[];
}

/**
 * Periods of one series (one repo and fact). Points at the same instant keep the last one
 * given. Snapshots that repeat a value (Gerrit project state read every day) collapse into
 * the period that began with the first of them.
 */
export function periodsOf<T extends Point>(points: readonly T[]): Periods<T> {
  const byTime = new Map<number, T>();
  for (const p of points) byTime.set(p.since_at.getTime(), p);
  const sorted = [...byTime.values()].sort((a, b) => a.since_at.getTime() - b.since_at.getTime());
  const periods: (T & { until_at: Date | null })[] = [];
  const repeats: T[] = [];
  for (const p of sorted) {
    const last = periods[periods.length - 1];
    if (last && (last.value ?? null) === (p.value ?? null)) {
      repeats.push(p);
      continue;
    }
    if (last) last.until_at = p.since_at;
    periods.push({ ...p, until_at: null });
  }
  return { periods, repeats };
}

/** Groups points by a series key (e.g. `${repo}\n${fact}`), then periodsOf each. */
export function periodsBySeries<T extends Point>(points: readonly T[], seriesOf: (p: T) => string): Periods<T> {
  const groups = new Map<string, T[]>();
  for (const p of points) {
    const k = seriesOf(p);
    const g = groups.get(k);
    if (g) g.push(p);
    else groups.set(k, [p]);
  }
  const out: Periods<T> = { periods: [], repeats: [] };
  for (const g of groups.values()) {
    const r = periodsOf(g);
    out.periods.push(...r.periods);
    out.repeats.push(...r.repeats);
  }
  return out;
}

/** The value a series held at `at` (periods sorted or not), or undefined before its first. */
export function valueAt<T extends Point>(periods: readonly T[], at: Date): T | undefined {
  let best: T | undefined;
  for (const p of periods) {
    if (p.since_at.getTime() <= at.getTime() && (!best || p.since_at.getTime() > best.since_at.getTime())) best = p;
  }
  return best;
}
