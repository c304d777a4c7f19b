// Trains from the ordered wikiversions diffs of one repository: train_events (one per
// commit, version and canary group) and the per-version figures of the `trains` table,
// defined as train-stats defines them (thcipriani/train-stats trainstats.py): roll-forward
// and rollback come from the diff, group times from the canary wikis, delays by the US
// Mountain weekday. Pure: everything arrives as arguments.
import type { RowFor } from '../../../model/catalogue/index.ts';
import { keys } from '../../../model/ids.ts';
import type { VersionMoves } from './diff.ts';
import { mountainIsoWeekday } from './mountain-time.ts';

export const CANARIES: Record<string, string> = {
  testwiki: 'testwikis',
  mediawikiwiki: 'group0',
  commonswiki: 'group1',
  enwiki: 'group2',
};

/** Weekday a group is expected on (ISO: Tuesday = 2, Wednesday = 3, Thursday = 4). */
const EXPECTED_DAY: Record<string, number> = { group0: 2, group1: 3, group2: 4 };
const DAY_S = 86400;

export interface TrainCommit {
  sha: string;
  commitKey: string;
  committedAt: Date;
  bugTasks: string[];
  rawId: string; // the wikiversions raw record of this commit
  byVersion: Map<string, VersionMoves>;
}

interface Step {
  commit: TrainCommit;
  forward: boolean;
  back: boolean;
  moves: VersionMoves;
}

function groupsOf(wikis: string[]): string[] {
  const groups = [...new Set(wikis.map((w) => CANARIES[w]).filter(Boolean))];
  return groups.length > 0 ? groups : ['other'];
}

function mostCommon(values: string[]): string | null {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | null = null;
  for (const [v, n] of counts) if (best === null || n > counts.get(best)!) best = v;
  return best;
}

function eventRows(version: string, steps: Step[]): RowFor<'train_events'>[] {
  const trainKey = keys.train(version);
  const rows: RowFor<'train_events'>[] = [];
  for (const s of steps) {
    const used = new Set<string>();
    for (const [kind, moves] of [['rollforward', s.moves.forward], ['rollback', s.moves.back]] as const) {
      if (moves.length === 0) continue;
      for (const group of groupsOf(moves.map((m) => m.wiki))) {
        const inGroup = group === 'other' ? moves : moves.filter((m) => CANARIES[m.wiki] === group);
        let eventKey = `${trainKey}/${s.commit.sha}/${group}`;
        if (used.has(eventKey)) eventKey += `/${kind}`; // a mixed commit moved "other" wikis both ways
        used.add(eventKey);
        rows.push({
          event_key: eventKey, train_key: trainKey, version, wiki_group: group, kind,
          occurred_at: s.commit.committedAt, commit_key: s.commit.commitKey,
          from_version: mostCommon(inGroup.map((m) => m.from)), to_version: mostCommon(inGroup.map((m) => m.to)),
          wikis_moved: moves.length, raw_id: s.commit.rawId,
        });
      }
    }
  }
  return rows;
}

/** (weekday in Mountain time − expected weekday) mod 7, and 0 within 24 h of the start. */
export function groupDelayDays(group: string, at: Date | null, start: Date): number | null {
  if (!at) return null;
  if ((at.getTime() - start.getTime()) / 1000 < DAY_S) return 0;
  return (((mountainIsoWeekday(at) - EXPECTED_DAY[group]) % 7) + 7) % 7;
}

/** Sum over rollbacks of the time to the next roll-forward (train-stats time_rolledback). */
function rollbackSeconds(steps: Step[]): number {
  let total = 0;
  let start: number | null = null;
  for (const s of steps) {
    const t = s.commit.committedAt.getTime() / 1000;
    if (s.back && start === null) {
      start = t;
      continue;
    }
    if (start !== null && s.forward) {
      total += t - start;
      start = null;
    }
  }
  return total;
}

function trainRow(version: string, steps: Step[]): RowFor<'trains'> | null {
  const forwards = steps.filter((s) => s.forward);
  if (forwards.length === 0) return null; // only ever rolled back from (a test version, a typo)
  const first = forwards[0].commit.committedAt;
  const last = forwards[forwards.length - 1].commit.committedAt;
  const groupAt: Record<string, Date | null> = { group0: null, group1: null, group2: null };
  for (const s of forwards) {
    for (const m of s.moves.forward) {
      const g = CANARIES[m.wiki];
      if (g && g in groupAt) groupAt[g] = s.commit.committedAt;
    }
  }
  const delays = Object.fromEntries(Object.entries(groupAt).map(([g, at]) => [g, groupDelayDays(g, at, first)]));
  const known = Object.values(delays).filter((d): d is number => d !== null);
  return {
    train_key: keys.train(version), version,
    first_rollforward_at: first, last_rollforward_at: last,
    total_time_s: (last.getTime() - first.getTime()) / 1000,
    rollbacks: steps.filter((s) => s.back).length,
    rollbacks_time_s: rollbackSeconds(steps),
    group0_at: groupAt.group0, group1_at: groupAt.group1, group2_at: groupAt.group2,
    group0_delay_days: delays.group0, group1_delay_days: delays.group1, group2_delay_days: delays.group2,
    total_delay_days: known.length > 0 ? known.reduce((a, b) => a + b, 0) : null,
    reached_group2: groupAt.group2 !== null,
    blocker_task: mostCommon(forwards.flatMap((s) => s.commit.bugTasks)),
    raw_id: forwards[0].commit.rawId,
  };
}

/** Commits must come in history order (committed time, then topological order). */
export function computeTrains(commits: TrainCommit[]): { trains: RowFor<'trains'>[]; train_events: RowFor<'train_events'>[] } {
  const stepsByVersion = new Map<string, Step[]>();
  for (const commit of commits) {
    for (const [version, moves] of commit.byVersion) {
      const step = { commit, moves, forward: moves.forward.length > 0, back: moves.back.length > 0 };
      const list = stepsByVersion.get(version);
      if (list) list.push(step);
      else stepsByVersion.set(version, [step]);
    }
  }
  const trains: RowFor<'trains'>[] = [];
  const events: RowFor<'train_events'>[] = [];
  for (const [version, steps] of stepsByVersion) {
    events.push(...eventRows(version, steps));
    const row = trainRow(version, steps);
    if (row) trains.push(row);
  }
  return { trains, train_events: events };
}
