// Zuul v2 status.json → zuul_queue_items: one row per item (change or ref) per enqueue, with
// its first job start and so its queue wait. A later snapshot of the same item replaces the
// row (last_seen_at moves on, more jobs have started). Pure: the snapshot time is the raw
// record's fetchedAt. Format: FORMATS.md §6 (pipelines → change_queues → heads → items → jobs).
import { DEFAULT_GERRIT_HOST, keys } from '../../model/ids.ts';
import { output, type Output } from '../types.ts';
import type { NormalizeResult, RawRecord, Reject } from '../types.ts';

interface ZuulJob {
  start_time?: number | null; // seconds (float)
  end_time?: number | null;
  result?: string | null;
}

interface ZuulItem {
  id?: string | null; // "<change>,<patchset>" or null for refs
  zuul_ref?: string;
  project?: string;
  enqueue_time?: number | null; // milliseconds
  live?: boolean;
  jobs?: ZuulJob[];
}

interface ZuulStatus {
  pipelines?: { name: string; change_queues?: { name?: string; heads?: ZuulItem[][] }[] }[];
}

function itemRow(rec: RawRecord, host: string, pipeline: string, queue: string | null, item: ZuulItem) {
  const m = /^(\d+),(\d+)$/.exec(item.id ?? '');
  const changeKey = m ? keys.change(DEFAULT_GERRIT_HOST, m[1]) : null;
  const jobs = item.jobs ?? [];
  const starts = jobs.map((j) => j.start_time).filter((t): t is number => typeof t === 'number');
  const enqueued = new Date(item.enqueue_time!);
  const firstStart = starts.length ? new Date(Math.min(...starts) * 1000) : null;
  return {
    item_key: keys.zuulQueueItem(host, pipeline, item.id ?? item.zuul_ref ?? 'unknown', item.enqueue_time!),
    host, pipeline, queue, item_id: item.id ?? item.zuul_ref ?? null, project: item.project ?? null,
    change_key: changeKey, patchset: m ? Number(m[2]) : null, enqueued_at: enqueued, first_start_at: firstStart,
    wait_s: firstStart ? Math.max(0, (firstStart.getTime() - enqueued.getTime()) / 1000) : null,
    jobs_total: jobs.length, jobs_started: starts.length,
    jobs_done: jobs.filter((j) => j.result !== null && j.result !== undefined).length,
    live: item.live ?? null, first_seen_at: rec.fetchedAt, last_seen_at: rec.fetchedAt, raw_id: rec.rawId,
  };
}

export function normalizeZuul(records: RawRecord[]): Output<'zuul_queue_items'> {
  const out = output('zuul_queue_items');
  for (const rec of records) {
    const host = rec.key.split('|')[0];
    let status: ZuulStatus;
    try {
      status = JSON.parse(rec.payload) as ZuulStatus;
    } catch (err) {
      out.rejects.push({ rawId: rec.rawId, kind: rec.kind, key: rec.key, location: rec.url ?? rec.key, reason: `status.json is not JSON: ${(err as Error).message}` });
      continue;
    }
    if (!Array.isArray(status.pipelines)) {
      out.rejects.push({ rawId: rec.rawId, kind: rec.kind, key: rec.key, location: rec.url ?? rec.key, reason: 'status.json has no "pipelines" array (not Zuul v2 status)' });
      continue;
    }
    for (const p of status.pipelines) {
      for (const q of p.change_queues ?? []) {
        for (const head of q.heads ?? []) {
          for (const item of head) {
            if (typeof item.enqueue_time !== 'number') {
              out.rejects.push({ rawId: rec.rawId, kind: rec.kind, key: rec.key, location: `${rec.url ?? rec.key} ${p.name}/${item.id ?? '?'}`, reason: 'queue item has no enqueue_time' });
              continue;
            }
            out.rows.zuul_queue_items.push(itemRow(rec, host, p.name, q.name ?? null, item));
          }
        }
      }
    }
  }
  return out;
}
