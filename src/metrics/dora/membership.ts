// Which train carried a change, without the branches themselves: each train's cut time
// (the earlier of its first roll-forward and the first change made on its wmf/<version>
// branch) and, for a change merged on a main branch, the first train cut after its merge.
// Pure: rows in, answers out. Used by the dora report and the train page.

export interface TrainTimes {
  version: string;
  first_rollforward_at: Date | string | null;
  group0_at?: Date | string | null;
  group1_at?: Date | string | null;
  group2_at?: Date | string | null;
  rollbacks?: number | null;
  first_branch_change_at?: Date | string | null;
}

export interface Cut {
  version: string;
  cut_at: Date;
  cut_from: 'first roll-forward' | 'first change on its branch';
  /** The previous train's cut: changes merged from then until cut_at ride this train. */
  previous_cut_at: Date | null;
  group_at: Record<string, Date | null>;
  rollbacks: number;
}

export const toDate = (v: Date | string | null | undefined): Date | null => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(v));

/** Every train's cut, oldest first. */
export function cutsOf(trains: TrainTimes[]): Cut[] {
  const cuts = trains.flatMap((t) => {
    const first = toDate(t.first_rollforward_at);
    if (!first) return [];
    const branch = toDate(t.first_branch_change_at);
    const byBranch = branch !== null && branch < first;
    return [{
      version: t.version,
      cut_at: byBranch ? branch : first,
      cut_from: byBranch ? 'first change on its branch' as const : 'first roll-forward' as const,
      previous_cut_at: null as Date | null,
      group_at: { group0: toDate(t.group0_at), group1: toDate(t.group1_at), group2: toDate(t.group2_at) },
      rollbacks: t.rollbacks ?? 0,
    }];
  }).sort((a, b) => a.cut_at.getTime() - b.cut_at.getTime() || a.version.localeCompare(b.version));
  cuts.forEach((c, i) => { c.previous_cut_at = i > 0 ? cuts[i - 1].cut_at : null; });
  return cuts;
}

/**
 * The train that carried a change merged at `mergedAt`: the first cut strictly after it.
 * None for a change merged before the oldest known cut (its train is not in the data) or
 * after the newest (not carried yet).
 */
export function carryingTrain(cuts: Cut[], mergedAt: Date): Cut | undefined {
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cuts[mid].cut_at.getTime() > mergedAt.getTime()) hi = mid;
    else lo = mid + 1;
  }
  return lo > 0 ? cuts[lo] : undefined;
}
