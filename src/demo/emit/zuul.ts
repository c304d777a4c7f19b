// Writes Zuul v2 status.json snapshots of the world's CI (FORMATS.md §6), as a poller of
// https://integration.wikimedia.org/zuul/status.json keeps them: one every five minutes over
// the world's last week, each file's modification time the moment it was taken, empty
// queues not kept. An item is a change's patch set in a pipeline from its enqueue until
// Zuul reports the last of its builds; its jobs are the world's builds (same uuid, number,
// node), started or not, finished or not at that moment. `import zuul` reads them back.
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoImport } from '../emitters.ts';
import { DAY, MIN } from '../time.ts';
import type { DemoBuild, DemoChange, DemoPerson, DemoWorld } from '../types.ts';
import { endOf } from '../world-changes.ts';

export const ZUUL_HOST = 'integration.wikimedia.org';
const PIPELINES: { name: DemoBuild['pipeline']; description: string }[] = [
  { name: 'test', description: 'Changes that are uploaded and need to be tested.' },
  { name: 'gate-and-submit', description: 'Changes that have been approved by a core reviewer, tested again, then merged.' },
  { name: 'postmerge', description: 'Jobs run after a change has been merged.' },
];

interface Item {
  change: DemoChange;
  builds: DemoBuild[];
  enqueuedAt: number;
  leftAt: number; // Infinity: still in the queue at the world's end
}

/** The world's queue items: the builds of one change, pipeline and enqueue. */
export function queueItems(world: DemoWorld, from: number): Item[] {
  const items = new Map<string, Item>();
  for (const change of world.changes) {
    for (const b of change.builds) {
      const key = `${change.number}/${b.pipeline}/${b.enqueuedAt.getTime()}`;
      let item = items.get(key);
      if (!item) items.set(key, (item = { change, builds: [], enqueuedAt: b.enqueuedAt.getTime(), leftAt: 0 }));
      item.builds.push(b);
    }
  }
  const out: Item[] = [];
  for (const item of items.values()) {
    const last = Math.max(...item.builds.map((b) => endOf(b).getTime()));
    item.leftAt = last >= world.end.getTime() ? Infinity : last + 3000; // reported a few seconds after the last job
    if (item.leftAt > from) out.push(item);
  }
  return out.sort((a, b) => a.enqueuedAt - b.enqueuedAt);
}

function jobJson(b: DemoBuild, t: number): Record<string, unknown> {
  const started = b.startedAt.getTime() <= t;
  const end = endOf(b).getTime();
  const ended = end <= t;
  const estimated = b.durationS;
  const elapsed = started ? Math.min(t, end) - b.startedAt.getTime() : 0;
  const url = started ? `https://${ZUUL_HOST}/ci/job/${b.job}/${b.buildNumber}/` : null;
  return {
    name: b.job, url, result: ended ? b.result : null, voting: b.voting, uuid: b.zuulUuid,
    launch_time: b.enqueuedAt.getTime() / 1000 + 1.5, start_time: started ? b.startedAt.getTime() / 1000 : null,
    end_time: ended ? end / 1000 : null, elapsed_time: elapsed, remaining_time: ended ? 0 : Math.max(0, estimated * 1000 - elapsed),
    estimated_time: estimated, number: started ? b.buildNumber : null, pipeline: b.pipeline, canceled: false, retry: false,
    node_name: started ? b.node : null, node_labels: started ? ['DebianBookworm'] : [], report_url: url,
    worker: { name: started ? b.node : 'Unknown', hostname: started ? b.node : null, fqdn: null, ips: [], program: null, version: null, extra: {} },
  };
}

function itemJson(item: Item, t: number, owner: DemoPerson | undefined, ahead: string | null, behind: string[]): Record<string, unknown> {
  const ps = item.builds[0].patchset;
  const jobs = item.builds.map((b) => jobJson(b, t));
  const remaining = Math.max(0, ...jobs.map((j) => j.remaining_time as number));
  return {
    id: `${item.change.number},${ps}`, url: `https://gerrit.wikimedia.org/r/${item.change.number}`, project: item.change.repo,
    owner: owner ? { name: owner.name, email: owner.email, username: owner.username } : null, enqueue_time: item.enqueuedAt,
    remaining_time: remaining, live: true, active: true, zuul_ref: `Z${item.builds[0].zuulUuid}`, item_ahead: ahead, items_behind: behind,
    failing_reasons: jobs.some((j) => j.result === 'FAILURE' && j.voting) ? ['at least one job failed'] : [], jobs,
  };
}

/** The status.json at time t, or null when every queue is empty. */
export function statusAt(items: Item[], t: number, people: Map<string, DemoPerson>, reconfigured: number): string | null {
  const active = items.filter((i) => i.enqueuedAt <= t && t < i.leftAt);
  if (active.length === 0) return null;
  const pipelines = PIPELINES.map(({ name, description }) => {
    const queues = new Map<string, Item[]>();
    for (const i of active.filter((x) => x.builds[0].pipeline === name)) {
      // the gate shares one queue across MediaWiki's repositories (dependent pipeline)
      const q = name === 'gate-and-submit' && i.change.repo.startsWith('mediawiki/') ? 'mediawiki' : i.change.repo;
      queues.set(q, [...(queues.get(q) ?? []), i]);
    }
    const change_queues = [...queues].map(([q, list]) => {
      const ids = list.map((i) => `${i.change.number},${i.builds[0].patchset}`);
      const heads = name === 'gate-and-submit'
        ? [list.map((i, k) => itemJson(i, t, people.get(i.change.owner), k > 0 ? ids[k - 1] : null, ids.slice(k + 1, k + 2)))]
        : list.map((i) => [itemJson(i, t, people.get(i.change.owner), null, [])]);
      return { name: q, window: name === 'gate-and-submit' ? 20 : 0, heads };
    });
    return { name, description, change_queues };
  });
  return JSON.stringify({
    zuul_version: '2.5.2-wmf12', last_reconfigured: reconfigured,
    trigger_event_queue: { length: 0 }, result_event_queue: { length: 0 }, pipelines,
  });
}

export async function emitZuul(world: DemoWorld, dir: string): Promise<DemoImport[]> {
  const folder = join(dir, 'zuul');
  mkdirSync(folder, { recursive: true });
  const step = 5 * MIN;
  const last = Math.floor(world.end.getTime() / step) * step;
  const from = Math.max(world.start.getTime(), last - 7 * DAY);
  const items = queueItems(world, from);
  const people = new Map(world.people.map((p) => [p.id, p]));
  const files: string[] = [];
  let k = 0;
  for (let t = from; t <= last; t += step) {
    while (k < items.length && items[k].leftAt <= t) k++; // gone from the queues for good (sorted by enqueue: a cheap lower bound)
    const status = statusAt(items.slice(k).filter((i) => i.enqueuedAt <= t), t, people, from - 3 * DAY);
    if (!status) continue;
    const file = join(folder, `status-${new Date(t).toISOString().slice(0, 16).replace(/[-:]/g, '')}Z.json`);
    writeFileSync(file, status);
    utimesSync(file, new Date(t), new Date(t));
    files.push(file);
  }
  return [{ source: 'zuul', paths: files, options: { name: ZUUL_HOST } }];
}
