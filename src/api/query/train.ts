// What rode one train, in one answer: the version's times, its cut (and how the cut time
// was read), the changes it carried per repository with their owners (merged on the main
// branch between the previous cut and its cut: src/metrics/dora/membership.ts), the
// backports made to its branch and when each was synced, its blocker tasks, every
// roll-forward and rollback, and each rollback with its tasks and the incidents that go
// with it (and why). Shared by GET /api/trains/<version> and `shiplog train <version>`.
import { ShiplogError } from '../../lib/errors.ts';
import { loadSql } from '../../lib/sql.ts';
import { loadCuts } from '../../metrics/dora/cuts.ts';
import { toDate } from '../../metrics/dora/membership.ts';
import type { Store } from '../../store/index.ts';

type Row = Record<string, any>;
const WEEK = 7 * 86_400_000;

export const MEMBERSHIP_RULE = 'merged on the main branch of core, an extension, a skin or vendor between the previous train\'s cut and this train\'s cut (the wmf/ branches themselves are not imported, so membership is read from merge times)';

/** One row per blocker task, with every reason it is listed. */
function oncePerTask(rows: Row[]): Row[] {
  const by = new Map<string, Row>();
  for (const r of rows) {
    const seen = by.get(r.task_id);
    if (seen) seen.why = [...seen.why, r.why];
    else by.set(r.task_id, { ...r, why: [r.why] });
  }
  return [...by.values()];
}

export async function trainPage(deps: { store: Store }, version: string): Promise<Row> {
  const { store } = deps;
  const q = (file: string, params: unknown[]) => store.all<Row>(loadSql(import.meta.url, file), params);
  const [[train], events] = await Promise.all([q('train-row.sql', [version]), q('train-events.sql', [version])]);
  if (!train && events.length === 0) throw new ShiplogError('not_found', `no train ${version} (shiplog report trains lists them)`);
  const { cuts } = await loadCuts(store);
  const cut = cuts.find((c) => c.version === version) ?? null;
  const [changes, backports, blockers] = await Promise.all([
    cut?.previous_cut_at ? q('train-changes.sql', [cut.previous_cut_at, cut.cut_at]) : Promise.resolve([]),
    q('train-backports.sql', [version]),
    q('train-blockers.sql', [version]).then(oncePerTask),
  ]);
  const repos = new Map<string, number>();
  for (const c of changes) repos.set(c.project, (repos.get(c.project) ?? 0) + 1);

  // incidents near the train, kept when they share a task, name a carried change, or began during a failure
  const first = toDate(train?.first_rollforward_at) ?? toDate(events[0]?.occurred_at);
  const last = toDate(events.at(-1)?.occurred_at) ?? first;
  const near = first && last ? await q('train-incidents.sql', [first, new Date(last.getTime() + WEEK)]) : [];
  const numbers = new Set([...changes, ...backports].map((c) => String(c.number)));
  const blockerTasks = new Set(blockers.map((b) => b.task_id));
  const rollbacks = events.filter((e) => e.kind === 'rollback').map((e) => {
    const at = toDate(e.occurred_at)!;
    const promoted = events.filter((p) => p.kind === 'rollforward' && p.wiki_group === e.wiki_group && toDate(p.occurred_at)! <= at).at(-1);
    const promotedAt = toDate(promoted?.occurred_at);
    const repromoted = events.find((p) => p.kind === 'rollforward' && p.wiki_group === e.wiki_group && toDate(p.occurred_at)! > at);
    const tasks: string[] = e.tasks ?? [];
    const incidents = near.flatMap((i) => {
      const via: string[] = [];
      const shared = (i.tasks ?? []).filter((t: string) => tasks.includes(t));
      if (shared.length) via.push(`shares ${shared.join(', ')} with the rollback`);
      const started = toDate(i.started_at);
      if (promotedAt && started && started >= promotedAt && started <= at) via.push(`began while ${version} was live on ${e.wiki_group} (before the rollback)`);
      return via.length ? [{ incident_key: i.incident_key, title: i.title, started_at: i.started_at, ended_at: i.ended_at, url: i.url, via }] : [];
    });
    return { ...e, promoted_at: promotedAt, repromoted_at: toDate(repromoted?.occurred_at), tasks, incidents };
  });
  const incidents = near.flatMap((i) => {
    const via: string[] = [];
    const tasks = (i.tasks ?? []).filter((t: string) => blockerTasks.has(t));
    if (tasks.length) via.push(`names blocker ${tasks.join(', ')}`);
    const named = (i.changes ?? []).map(String).filter((n: string) => numbers.has(n));
    if (named.length) via.push(`names change ${named.join(', ')} the train carried`);
    if (rollbacks.some((r) => r.incidents.some((x) => x.incident_key === i.incident_key))) via.push('goes with a rollback');
    return via.length ? [{ incident_key: i.incident_key, title: i.title, started_at: i.started_at, ended_at: i.ended_at, url: i.url, via }] : [];
  });
  return {
    version,
    train: train ?? null,
    cut: cut && { cut_at: cut.cut_at, cut_from: cut.cut_from, previous_cut_at: cut.previous_cut_at },
    membership: cut?.previous_cut_at ? MEMBERSHIP_RULE : 'unknown: the previous train\'s cut is not in the data',
    repos: [...repos].map(([project, n]) => ({ project, changes: n })).sort((a, b) => b.changes - a.changes || a.project.localeCompare(b.project)),
    changes,
    backports,
    blockers,
    events,
    rollbacks,
    incidents,
  };
}
