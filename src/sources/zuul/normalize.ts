// Zuul v2 status.json → zuul_queue_items: one row per item (change or ref) per enqueue, with
// its first job start and so its queue wait, and the change owner as Zuul names it (name,
// email, username: evidence for people). A later snapshot of the same item replaces the
// row (last_seen_at moves on, more jobs have started). Pure: the snapshot time is the raw
// record's fetchedAt. Format: FORMATS.md §6 (pipelines → change_queues → heads → items → jobs).
import { DEFAULT_GERRIT_HOST, keys } from '../../model/ids.ts';
import { z } from 'zod';
import { validEntries, validItems } from '../shape.ts';
import { output, type Output } from '../types.ts';
import type { RawRecord } from '../types.ts';

// Only the fields read below; a value of another type makes its item (pipeline, queue, item)
// a reject naming its place, and the rest of the snapshot is kept.
const jobShape = z.looseObject({
  start_time: z.number().nullish(), // seconds (float)
  end_time: z.number().nullish(),
  result: z.string().nullish(),
});
const itemShape = z.looseObject({
  id: z.string().nullish(), // "<change>,<patchset>" or null for refs
  zuul_ref: z.string().optional(),
  project: z.string().optional(),
  enqueue_time: z.number().nullish(), // milliseconds
  live: z.boolean().optional(),
  jobs: z.array(jobShape).optional(),
  owner: z.looseObject({ name: z.string().nullish(), email: z.string().nullish(), username: z.string().nullish() }).nullish(),
});
const queueShape = z.looseObject({ name: z.string().nullish(), heads: z.array(z.unknown()).nullish() });
const pipelineShape = z.looseObject({ name: z.string(), change_queues: z.unknown() });

type ZuulItem = z.infer<typeof itemShape>;

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
    owner_name: item.owner?.name ?? null, owner_email: item.owner?.email ?? null, owner_username: item.owner?.username ?? null,
  };
}

export function normalizeZuul(records: RawRecord[]): Output<'zuul_queue_items'> {
  const out = output('zuul_queue_items');
  for (const rec of records) {
    const host = rec.key.split('|')[0];
    let status: unknown;
    try {
      status = JSON.parse(rec.payload);
    } catch (err) {
      out.rejects.push({ rawId: rec.rawId, kind: rec.kind, key: rec.key, location: rec.url ?? rec.key, reason: `status.json is not JSON: ${(err as Error).message}` });
      continue;
    }
    const pipelines = (status as { pipelines?: unknown } | null)?.pipelines;
    if (!Array.isArray(pipelines)) {
      out.rejects.push({ rawId: rec.rawId, kind: rec.kind, key: rec.key, location: rec.url ?? rec.key, reason: 'status.json has no "pipelines" array (not Zuul v2 status)' });
      continue;
    }
    const bad = (where: string, reason: string) =>
      out.rejects.push({ rawId: rec.rawId, kind: rec.kind, key: rec.key, location: `${rec.url ?? rec.key} ${where}`, reason: `not Zuul v2 status: ${reason}` });
    for (const p of validItems(pipelines, pipelineShape, 'pipelines', bad)) {
      for (const [qi, q] of validEntries(p.change_queues, queueShape, `${p.name}.change_queues`, bad)) {
        for (const [hi, head] of validEntries(q.heads, z.array(z.unknown()), `${p.name}.change_queues[${qi}].heads`, bad)) {
          for (const item of validItems(head, itemShape, `${p.name}.change_queues[${qi}].heads[${hi}]`, bad)) {
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
