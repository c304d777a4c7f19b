// Collects tasks from Conduit (`shiplog sync phabricator`) or from recorded Conduit
// responses (`shiplog import phabricator <dir|files>`). Sync: maniphest.search oldest-
// modified first from the cursor's watermark minus the overlap, paging with `after` until
// it is null; for each task version not seen before, its transaction.search history, its
// subtasks when it is a release task, and the users/projects it names. One batch per page,
// saved with the cursor. Restricted tasks are redacted in responses.ts before any yield.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ShiplogError } from '../../lib/errors.ts';
import type { Batch, CollectContext, RawItem, Reject } from '../types.ts';
import { ConduitClient, conduitHttp } from './conduit.ts';
import type { PhabricatorConfig } from './config.ts';
import { advance, alreadySeen, parseCursor, type Watermark } from './cursor.ts';
import { Lookups } from './lookups.ts';
import { isRestrictedTask } from './redact.ts';
import { validEntries } from '../shape.ts';
import { objectShape, RecordedResponses, subtasksItem, taskItem, taskShape, transactionItem, type FileResponse } from './responses.ts';

export const ALL_SCOPE = 'all';
export const IMPORT_SCOPE = 'import';

type Obj = Record<string, any>;
interface SearchResult { data: Obj[]; cursor?: { after?: string | null } }

function checkSearch(result: SearchResult, endpoint: string): void {
  if (!result || !Array.isArray(result.data)) throw new ShiplogError('source_protocol', `${endpoint}: result has no data[] list`);
}

/** Every page of a paged *.search call, following cursor.after until it is null. */
async function* pages(client: ConduitClient, method: string, params: Obj): AsyncGenerator<{ result: SearchResult; endpoint: string }> {
  let after: string | null = null;
  do {
    const reply: { result: SearchResult; endpoint: string } = await client.call<SearchResult>(method, { ...params, after });
    checkSearch(reply.result, reply.endpoint);
    yield reply;
    after = reply.result.cursor?.after ?? null;
  } while (after);
}

async function historyOf(client: ConduitClient, task: Obj, people: Set<string>, rejects: Reject[]): Promise<RawItem[]> {
  const id = `T${task.id}`;
  const out: RawItem[] = [];
  for await (const { result, endpoint } of pages(client, 'transaction.search', { objectIdentifier: id, limit: 100 })) {
    for (const [i, x] of result.data.entries()) {
      if (!objectShape.safeParse(x).success) {
        rejects.push({ kind: 'transaction', key: id, location: `${endpoint}#${id} data[${i}]`, reason: `not a transaction: ${x === null ? 'null' : typeof x}` });
        continue;
      }
      if (typeof x?.objectPHID === 'string' && typeof task.phid === 'string' && x.objectPHID !== task.phid) {
        rejects.push({ kind: 'transaction', key: id, location: `${endpoint}#${id}`, reason: `transaction ${x.id} belongs to ${x.objectPHID}, not to ${id}: not stored` });
        continue;
      }
      out.push(transactionItem(id, x, `${endpoint}#${id}`));
      if (typeof x.authorPHID === 'string') people.add(x.authorPHID);
      if (x.type === 'owner') for (const v of [x.fields?.old, x.fields?.new]) if (typeof v === 'string') people.add(v);
    }
  }
  if (task.fields?.subtype === 'release' || task.fields?.['custom.release.version']) {
    const data: Obj[] = [];
    let url = '';
    for await (const { result, endpoint } of pages(client, 'maniphest.search', { constraints: { parentIDs: [task.id] }, limit: 100 })) {
      data.push(...result.data);
      url = endpoint;
    }
    out.push(subtasksItem(id, { data }, `${url}#parentIDs=${task.id}`));
  }
  return out;
}

function namesOf(task: Obj): string[] {
  const f = task.fields ?? {};
  return [f.authorPHID, f.ownerPHID, f.closerPHID, ...(task.attachments?.projects?.projectPHIDs ?? [])].filter((p) => typeof p === 'string');
}

async function* collectConduit(ctx: CollectContext<PhabricatorConfig>): AsyncGenerator<Batch> {
  const cfg = ctx.config;
  if (!cfg) throw new ShiplogError('config_invalid', 'sync phabricator: no "sources.phabricator" section (url, token) in the config');
  const client = new ConduitClient({ url: cfg.url, token: cfg.token, http: conduitHttp(ctx, cfg) });
  const lookups = new Lookups(client);
  const mark: Watermark | null = parseCursor(ctx.cursor);
  let items: RawItem[] = [];
  let project = mark?.project;
  if (ctx.scope !== ALL_SCOPE && !project) {
    const p = await lookups.project(ctx.scope);
    project = p.phid;
    items.push(...p.items);
  }
  const since = mark ? mark.t - cfg.overlap_s : cfg.since ? Math.floor(cfg.since.getTime() / 1000) : undefined;
  let wm: Watermark | null = mark ?? (project ? { t: 0, recent: {}, project } : null);
  let done = 0;
  const search = { constraints: { modifiedStart: since, projects: project ? [project] : undefined }, attachments: { projects: true, subscribers: true }, order: 'outdated', limit: cfg.page_size };
  for await (const { result, endpoint } of pages(client, 'maniphest.search', search)) {
    const names = new Set<string>();
    const rejects: Reject[] = [];
    const bad = (where: string, reason: string) => rejects.push({ kind: 'task', location: `${endpoint} ${where}`, reason: `maniphest.search item without a numeric id (${reason})` });
    for (const [, task] of validEntries(result.data, taskShape, 'data', bad) as [number, Obj][]) {
      const id = Number(task.id);
      const modified = Number(task.fields?.dateModified ?? 0);
      items.push(taskItem(task, endpoint, ctx.clock()));
      if (!isRestrictedTask(task) && !alreadySeen(mark, id, modified)) {
        for (const n of namesOf(task)) names.add(n);
        items.push(...(await historyOf(client, task, names, rejects)));
      }
      wm = advance(wm, id, modified, cfg.overlap_s, project);
    }
    items.push(...(await lookups.items(names)));
    done += result.data.length;
    yield { items, rejects, cursor: wm ? JSON.stringify(wm) : ctx.cursor, progress: { done } };
    items = [];
  }
}

/** A named file as given; in a folder, its *.json files (recursively, in name order). */
function listFiles(path: string, inFolder = false): string[] {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch (err) {
    throw new ShiplogError('bad_request', `import phabricator: cannot read ${path}: ${(err as Error).message}`, { cause: err });
  }
  if (!isDir) return !inFolder || path.endsWith('.json') ? [path] : [];
  return readdirSync(path).sort().flatMap((f) => listFiles(join(path, f), true));
}

function readResponse(file: string, rejects: Reject[]): FileResponse | null {
  let env: Obj;
  try {
    env = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    rejects.push({ location: file, reason: `not a JSON Conduit response: ${(err as Error).message}` });
    return null;
  }
  if (env?.error_code) rejects.push({ location: file, reason: `recorded Conduit error ${env.error_code}: ${env.error_info ?? ''}` });
  else if (env?.result == null) rejects.push({ location: file, reason: 'no "result" in the Conduit envelope' });
  else return { file, name: basename(file), result: env.result, recordedAt: statSync(file).mtime };
  return null;
}

/** Recorded responses: task pages first (pass 1), then the files that need the tasks (pass 2, read again). */
async function* collectFiles(ctx: CollectContext<PhabricatorConfig>): AsyncGenerator<Batch> {
  const files = ctx.paths.flatMap((p) => listFiles(p));
  const recorded = new RecordedResponses();
  const later: string[] = [];
  let items: RawItem[] = [];
  let rejects: Reject[] = [];
  let done = 0;
  const take = (split: { items: RawItem[]; rejects: Reject[] }) => {
    items.push(...split.items);
    rejects.push(...split.rejects);
  };
  const batch = (): Batch => {
    const b = { items, rejects, progress: { done: (done += items.length) } };
    items = [];
    rejects = [];
    return b;
  };
  for (const file of files) {
    const f = readResponse(file, rejects);
    const tasks = f && recorded.tasksOf(f);
    if (tasks) take(tasks);
    else if (f) later.push(file);
    if (items.length >= 5000) yield batch();
  }
  for (const file of later) {
    const f = readResponse(file, rejects);
    if (f) take(recorded.otherItems(f));
    if (items.length >= 5000) yield batch();
  }
  yield batch();
}

export function collectPhabricator(ctx: CollectContext<PhabricatorConfig>): AsyncGenerator<Batch> {
  return ctx.paths.length > 0 ? collectFiles(ctx) : collectConduit(ctx);
}
