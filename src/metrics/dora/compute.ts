// The dora report's figures from its rows (pure: no store). Two classes of deployment:
// `train` (a version promoted to a wiki group, from train_events) and `backport` (SAL and
// workflow syncs, and config merges no recorded sync carried). Each figure names the event
// definition that produced it; dora.ts grades the four DORA keys.
import { carryingTrain, cutsOf, toDate, type Cut, type TrainTimes } from './membership.ts';

export interface TrainEventRow { version: string; wiki_group: string; kind: string; occurred_at: Date | string; commit_key: string | null }
export interface TrainChangeRow { change_key: string; created_at: Date | string | null; merged_at: Date | string }
export interface SyncRow {
  deploy_key: string; kind: string; started_at: Date | string; window_key: string | null;
  change_number: number | bigint | null; change_id: string | null; task_id: string | null;
  merged_at: Date | string | null; bug_tasks: string[] | null; number_change_id: string | null;
}
export interface WindowRow { window_key: string; requested_changes: (number | bigint)[] | null }
export interface ChangeTimeRow { change_id: string | null; number: number | bigint; project: string | null; created_at: Date | string; merged_at: Date | string }
export interface IncidentRow { deploy_key: string; incident_key: string; started_at: Date | string | null; ended_at: Date | string | null }

export interface DoraInput {
  trains: TrainTimes[];
  events: TrainEventRow[];
  changes: TrainChangeRow[];
  syncs: SyncRow[];
  windows: WindowRow[];
  bugs: string[];
  incidents: IncidentRow[];
  /** Created and merged times of the changes deployments carried (backport review time). */
  changeTimes?: ChangeTimeRow[];
  since?: Date;
  until?: Date;
}

export type Measure =
  | 'deploy_days_per_week' | 'promotions_per_week' | 'trains_per_week' | 'deployments_per_week'
  | 'lead_time_review_h' | 'lead_time_wait_for_cut_h' | 'lead_time_rollout_h' | 'lead_time_h'
  | 'change_failure_rate_per_train' | 'change_failure_rate_per_promotion' | 'change_failure_rate'
  | 'time_to_rollback_h' | 'time_rolled_back_h' | 'time_in_failure_h' | 'time_to_restore_h' | 'rework_rate';

export interface Figure {
  class: 'train' | 'backport';
  wiki_group: string;
  measure: Measure;
  value: number | null;
  p90: number | null;
  n: number;
  unit: string;
  event_definition: string;
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;
export const GROUPS = ['testwikis', 'group0', 'group1', 'group2'];

export function quantile(xs: number[], q: number): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

const round = (v: number | null, digits = 4) => (v === null ? null : Math.round(v * 10 ** digits) / 10 ** digits);
const day = (d: Date) => d.toISOString().slice(0, 10);
const hours = (a: Date, b: Date) => (b.getTime() - a.getTime()) / HOUR;

function figure(cls: Figure['class'], group: string, measure: Measure, unit: string, def: string, xs: number[] | { value: number | null; n: number }): Figure {
  if (Array.isArray(xs)) {
    return { class: cls, wiki_group: group, measure, value: round(quantile(xs, 0.5)), p90: round(quantile(xs, 0.9)), n: xs.length, unit, event_definition: def };
  }
  return { class: cls, wiki_group: group, measure, value: round(xs.value), p90: null, n: xs.n, unit, event_definition: def };
}

const rate = (num: number, den: number) => ({ value: den > 0 ? num / den : null, n: den });

/** The period the figures are over: the asked one, else from the first to the last event. */
export function periodOf(input: DoraInput): { since: Date; until: Date; weeks: number } | null {
  const times = [
    ...input.events.map((e) => toDate(e.occurred_at)!.getTime()),
    ...input.syncs.map((s) => toDate(s.started_at)!.getTime()),
  ];
  if (times.length === 0 && (!input.since || !input.until)) return null;
  const since = input.since ?? new Date(Math.min(...times));
  const until = input.until ?? new Date(Math.max(...times) + 1);
  const weeks = Math.max((until.getTime() - since.getTime()) / (7 * DAY), 1 / 7);
  return { since, until, weeks };
}

interface Promotion { version: string; group: string; at: Date; rollback_at: Date | null; repromoted_at: Date | null }

/** Every promotion, with the first rollback that undid it and the re-promotion that followed. */
export function promotionsOf(events: TrainEventRow[]): Promotion[] {
  const sorted = [...events].sort((a, b) => toDate(a.occurred_at)!.getTime() - toDate(b.occurred_at)!.getTime());
  const open = new Map<string, Promotion>(); // version/group → its latest promotion
  const out: Promotion[] = [];
  for (const e of sorted) {
    const key = `${e.version}\u0000${e.wiki_group}`;
    const at = toDate(e.occurred_at)!;
    const last = open.get(key);
    if (e.kind === 'rollforward') {
      if (last && last.rollback_at && !last.repromoted_at) last.repromoted_at = at;
      const p = { version: e.version, group: e.wiki_group, at, rollback_at: null, repromoted_at: null };
      open.set(key, p);
      out.push(p);
    } else if (e.kind === 'rollback' && last && !last.rollback_at) {
      last.rollback_at = at;
    }
  }
  return out;
}

function trainFigures(input: DoraInput, since: Date, until: Date, weeks: number): Figure[] {
  const inPeriod = (d: Date | null) => d !== null && d >= since && d < until;
  const promotions = promotionsOf(input.events);
  const promoted = promotions.filter((p) => inPeriod(p.at));
  const out: Figure[] = [];
  const PROMOTION = 'promotion: a roll-forward of version V to wiki group G (train_events, from the wikiversions history)';
  for (const g of ['all', ...GROUPS]) {
    const ps = g === 'all' ? promoted : promoted.filter((p) => p.group === g);
    // one wikiversions commit can move several groups: counted once in "all"
    const distinct = new Set(ps.map((p) => `${p.version}/${p.at.toISOString()}`));
    out.push(figure('train', g, 'promotions_per_week', 'per week', PROMOTION, { value: distinct.size / weeks, n: distinct.size }));
    const days = new Set(ps.map((p) => day(p.at)));
    out.push(figure('train', g, 'deploy_days_per_week', 'days per week', `UTC days with at least one ${PROMOTION}`, { value: days.size / weeks, n: days.size }));
  }
  const cuts = cutsOf(input.trains);
  const trainsIn = cuts.filter((c) => inPeriod(toDate(input.trains.find((t) => t.version === c.version)?.first_rollforward_at)));
  out.push(figure('train', 'all', 'trains_per_week', 'per week', 'train: a version whose first roll-forward fell in the period', { value: trainsIn.length / weeks, n: trainsIn.length }));

  // Lead time of the changes the period's trains carried.
  const wanted = new Set(trainsIn.map((c) => c.version));
  const review: number[] = [];
  const wait: number[] = [];
  const total: number[] = [];
  for (const ch of input.changes) {
    const merged = toDate(ch.merged_at)!;
    const train = carryingTrain(cuts, merged);
    if (!train || !wanted.has(train.version)) continue;
    const created = toDate(ch.created_at);
    if (created && created <= merged) review.push(hours(created, merged));
    wait.push(hours(merged, train.cut_at));
    const g2 = train.group_at.group2;
    if (g2) total.push(hours(merged, g2));
  }
  const CARRIED = 'changes merged on the main branch of core, extensions, skins and vendor between the previous cut and the cut of a train of the period (cut: the first change on its wmf/ branch or its first roll-forward, whichever is earlier)';
  out.push(figure('train', 'all', 'lead_time_review_h', 'hours', `created → merged, ${CARRIED}`, review));
  out.push(figure('train', 'all', 'lead_time_wait_for_cut_h', 'hours', `merged → cut of the train that carried it, ${CARRIED}`, wait));
  const rollout = (c: Cut, g: string) => (c.group_at[g] ? hours(c.cut_at, c.group_at[g]!) : null);
  for (const g of ['all', 'group0', 'group1', 'group2']) {
    const xs = trainsIn.map((c) => rollout(c, g === 'all' ? 'group2' : g)).filter((x): x is number => x !== null);
    out.push(figure('train', g, 'lead_time_rollout_h', 'hours', `cut → the train reached ${g === 'all' ? 'group2' : g} (last roll-forward to its canary), per train`, xs));
  }
  out.push(figure('train', 'all', 'lead_time_h', 'hours', `merged → the train that carried it reached group2, ${CARRIED}`, total));

  // Failure and recovery.
  const failedTrains = trainsIn.filter((c) => c.rollbacks > 0 || promotions.some((p) => p.version === c.version && p.rollback_at));
  out.push(figure('train', 'all', 'change_failure_rate_per_train', 'ratio', 'trains of the period with at least one rollback ÷ trains of the period', rate(failedTrains.length, trainsIn.length)));
  for (const g of ['all', ...GROUPS]) {
    const ps = g === 'all' ? promoted : promoted.filter((p) => p.group === g);
    const failed = ps.filter((p) => p.rollback_at);
    out.push(figure('train', g, 'change_failure_rate_per_promotion', 'ratio', `promotions rolled back (a rollback of V from G before V was promoted to G again) ÷ promotions; ${PROMOTION}`, rate(failed.length, ps.length)));
    out.push(figure('train', g, 'time_to_rollback_h', 'hours', 'promotion → the rollback that undid it, per rolled-back promotion', failed.map((p) => hours(p.at, p.rollback_at!))));
    const back = failed.filter((p) => p.repromoted_at);
    out.push(figure('train', g, 'time_rolled_back_h', 'hours', 'rollback → re-promotion of the same version to the same group, per rolled-back promotion that was promoted again', back.map((p) => hours(p.rollback_at!, p.repromoted_at!))));
    out.push(figure('train', g, 'time_in_failure_h', 'hours', 'time in failure: promotion → rollback → re-promotion of the same version to the same group, per rolled-back promotion that was promoted again', back.map((p) => hours(p.at, p.repromoted_at!))));
  }
  return out;
}

interface Sync { key: string; kind: string; at: Date; window_key: string | null; changes: Set<string>; changeIds: Set<string>; tasks: Set<string>; merged: Map<string, Date> }

function syncsOf(rows: SyncRow[]): Sync[] {
  const by = new Map<string, Sync>();
  for (const r of rows) {
    let s = by.get(r.deploy_key);
    if (!s) {
      s = { key: r.deploy_key, kind: r.kind, at: toDate(r.started_at)!, window_key: r.window_key, changes: new Set(), changeIds: new Set(), tasks: new Set(), merged: new Map() };
      by.set(r.deploy_key, s);
    }
    if (r.change_number !== null && r.change_number !== undefined) {
      const n = String(r.change_number);
      s.changes.add(n);
      const m = toDate(r.merged_at);
      if (m) s.merged.set(n, m);
      for (const t of r.bug_tasks ?? []) s.tasks.add(t);
    }
    if (r.change_id) s.changeIds.add(r.change_id);
    if (r.number_change_id) s.changeIds.add(r.number_change_id);
    if (r.task_id) s.tasks.add(r.task_id);
  }
  return [...by.values()];
}

function backportFigures(input: DoraInput, since: Date, until: Date, weeks: number): Figure[] {
  const all = syncsOf(input.syncs);
  const synced = all.filter((s) => s.kind !== 'config-merge');
  // a config merge that a recorded sync carried is that sync; one no sync carried stands for its own sync
  const carriedIds = new Set(synced.flatMap((s) => [...s.changeIds]));
  const carriedNumbers = new Set(synced.flatMap((s) => [...s.changes]));
  const merges = all.filter((s) => s.kind === 'config-merge' && ![...s.changeIds].some((id) => carriedIds.has(id)) && ![...s.changes].some((n) => carriedNumbers.has(n)));
  const deploys = [...synced, ...merges].filter((s) => s.at >= since && s.at < until);
  const DEPLOY = 'backport / config sync: a SAL or workflow sync (backport, swat, sync-world, sync-file, sync-dir, sync-dblists, sync-docroot; a workflow record with a SAL twin once), or a mediawiki-config merge no recorded sync carried';
  const out: Figure[] = [];
  out.push(figure('backport', 'all', 'deployments_per_week', 'per week', DEPLOY, { value: deploys.length / weeks, n: deploys.length }));
  const days = new Set(deploys.map((s) => day(s.at)));
  out.push(figure('backport', 'all', 'deploy_days_per_week', 'days per week', `UTC days with at least one ${DEPLOY}`, { value: days.size / weeks, n: days.size }));

  // merge → the first sync that carried the change
  const firstSync = new Map<string, number>();
  for (const s of synced.filter((x) => x.at >= since && x.at < until)) {
    for (const [n, merged] of s.merged) {
      if (merged > s.at) continue;
      const h = hours(merged, s.at);
      if (!firstSync.has(n) || h < firstSync.get(n)!) firstSync.set(n, h);
    }
  }
  // review: created → merged, once per change a deployment of the period carried
  const byNumber = new Map((input.changeTimes ?? []).map((c) => [String(c.number), c]));
  const byId = new Map((input.changeTimes ?? []).filter((c) => c.change_id).map((c) => [c.change_id!, c]));
  const reviewed = new Map<string, number>();
  for (const s of deploys) {
    const known = [...[...s.changes].map((n) => byNumber.get(n)), ...[...s.changeIds].map((id) => byId.get(id))];
    for (const c of known) {
      if (!c || reviewed.has(String(c.number))) continue;
      const created = toDate(c.created_at)!;
      const merged = toDate(c.merged_at)!;
      if (created <= merged) reviewed.set(String(c.number), hours(created, merged));
    }
  }
  out.push(figure('backport', 'all', 'lead_time_review_h', 'hours', 'created → merged, per change a backport or config sync of the period carried (changes known to Gerrit data)', [...reviewed.values()]));
  out.push(figure('backport', 'all', 'lead_time_h', 'hours', 'backported change: merged → the first sync that carried it (changes known to Gerrit data)', [...firstSync.values()]));

  const incidentsOf = new Map<string, IncidentRow[]>();
  for (const i of input.incidents) incidentsOf.set(i.deploy_key, [...(incidentsOf.get(i.deploy_key) ?? []), i]);
  const failed = deploys.filter((s) => (incidentsOf.get(s.key) ?? []).some((i) => { const st = toDate(i.started_at); return !st || s.at <= st; }));
  // no incident report naming any deployment: the rate is unknown, not 0
  const cfr = input.incidents.length === 0 ? { value: null, n: deploys.length } : rate(failed.length, deploys.length);
  out.push(figure('backport', 'all', 'change_failure_rate', 'ratio', 'syncs an incident report names (rule incident-reference) and that started at or before the outage ÷ syncs (unknown when no incident report names any deployment)', cfr));
  const restore = new Map<string, number>();
  for (const s of failed) {
    for (const i of incidentsOf.get(s.key) ?? []) {
      const a = toDate(i.started_at);
      const b = toDate(i.ended_at);
      if (a && b && b >= a) restore.set(i.incident_key, hours(a, b));
    }
  }
  out.push(figure('backport', 'all', 'time_to_restore_h', 'hours', 'incident start → end, per incident that names a failed sync of the period', [...restore.values()]));

  const requested = new Map(input.windows.map((w) => [w.window_key, new Set((w.requested_changes ?? []).map(String))]));
  const bugs = new Set(input.bugs);
  const backports = deploys.filter((s) => s.kind === 'backport' || s.kind === 'swat');
  const rework = backports.filter((s) => {
    const planned = s.window_key !== null && [...s.changes].some((n) => requested.get(s.window_key!)?.has(n));
    return !planned && [...s.tasks].some((t) => bugs.has(t));
  });
  out.push(figure('backport', 'all', 'rework_rate', 'ratio', 'unplanned backports fixing a bug ÷ backports (backport and swat syncs); unplanned: none of its changes was requested in the window it ran in (or it ran in none); fixing a bug: one of its tasks is a Phabricator bug or error, or Unbreak Now!', rate(rework.length, backports.length)));
  return out;
}

/** Every figure of both classes over the period, or none when there is nothing to measure. */
export function doraFigures(input: DoraInput): { figures: Figure[]; since: Date | null; until: Date | null } {
  const period = periodOf(input);
  if (!period) return { figures: [], since: null, until: null };
  const { since, until, weeks } = period;
  return { figures: [...trainFigures(input, since, until, weeks), ...backportFigures(input, since, until, weeks)], since, until };
}
