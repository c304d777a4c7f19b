// Conduit response bodies → raw items, shared by `sync` (live calls) and `import` (recorded
// files). Pure. Every task passes through safeTask() here, so a restricted task's content
// never reaches a RawItem; transactions and lookups are only built for public tasks.
import { normalizeTaskId } from '../../model/ids.ts';
import type { RawItem, Reject } from '../types.ts';
import { isRestrictedTask, redactSearchResult, safeTask } from './redact.ts';

type Obj = Record<string, any>;

export const METHODS = ['maniphest.search', 'transaction.search', 'project.search', 'user.search', 'phid.lookup', 'phid.query', 'user.query'] as const;
export type Method = (typeof METHODS)[number];

export function taskItem(task: Obj, url: string): RawItem {
  return { kind: 'task', key: normalizeTaskId(task.id), payload: JSON.stringify(safeTask(task)), url };
}

export function transactionItem(taskId: string, x: Obj, url: string): RawItem {
  return { kind: 'transaction', key: `${normalizeTaskId(taskId)}/${x.id ?? x.transactionID}`, payload: JSON.stringify(x), url };
}

/**
 * The subtasks of a release task, reduced to what the blocker links need (id and, for a
 * public task, dateCreated): the children's content arrives through their own task items.
 */
export function subtasksItem(parentId: string, result: Obj, url: string): RawItem {
  const data = ((redactSearchResult(result) as Obj).data ?? []).map((t: Obj) =>
    t.restricted ? t : { id: t.id, type: t.type, fields: { dateCreated: t.fields?.dateCreated ?? null } });
  return { kind: 'subtasks', key: normalizeTaskId(parentId), payload: JSON.stringify({ data }), url };
}

/** A project or user object of any lookup shape → its item, or null for other PHID types. */
export function lookupItem(o: Obj, url: string): RawItem | null {
  const phid: unknown = o?.phid;
  if (typeof phid !== 'string') return null;
  if (phid.startsWith('PHID-PROJ-')) return { kind: 'project', key: phid, payload: JSON.stringify(o), url };
  if (phid.startsWith('PHID-USER-')) return { kind: 'user', key: phid, payload: JSON.stringify(o), url };
  return null;
}

/** The items of every lookup response shape: search data[], phid map, user.query array. */
export function lookupItems(result: unknown, url: string): RawItem[] {
  const list: Obj[] = Array.isArray(result) ? result : Array.isArray((result as Obj)?.data) ? (result as Obj).data : Object.values((result as Obj) ?? {});
  return list.map((o) => lookupItem(o, url)).filter((x): x is RawItem => x !== null);
}

/** Which method a recorded file answers: from its name (`<method>.<anything>.json`), else its shape. */
export function methodOf(fileName: string, result: unknown): Method | null {
  const named = METHODS.find((m) => fileName.startsWith(`${m}.`) || fileName.startsWith(`${m.replace('.', '_')}`));
  if (named) return named;
  const data: Obj[] | undefined = (result as Obj)?.data;
  if (Array.isArray(data) && data.length > 0) {
    if (data[0]?.type === 'TASK') return 'maniphest.search';
    if (data[0]?.type === 'PROJ') return 'project.search';
    if (data[0]?.type === 'USER') return 'user.search';
    if ('objectPHID' in data[0]) return 'transaction.search';
  }
  if (Array.isArray(result)) return 'user.query';
  if (result && typeof result === 'object' && Object.values(result).every((v) => typeof (v as Obj)?.phid === 'string')) return 'phid.query';
  return null;
}

export interface FileResponse {
  file: string;
  name: string; // base name
  result: Obj;
}

/** Splits recorded responses into raw items; tasks first so transactions find their task. */
export function itemsOfResponses(files: FileResponse[]): { items: RawItem[]; rejects: Reject[] } {
  const items: RawItem[] = [];
  const rejects: Reject[] = [];
  const idOfPhid = new Map<string, string>();
  const restricted = new Set<string>();
  const known = new Set<string>();
  const typed = files.map((f) => ({ ...f, method: methodOf(f.name, f.result) }));
  for (const f of typed) {
    if (f.method !== 'maniphest.search' || /parent-T\d+/.test(f.name)) continue;
    for (const t of f.result.data ?? []) {
      if (!Number.isInteger(Number(t?.id))) {
        rejects.push({ kind: 'task', location: f.file, reason: 'maniphest.search item without a numeric id' });
        continue;
      }
      if (typeof t.phid === 'string') idOfPhid.set(t.phid, normalizeTaskId(t.id));
      known.add(normalizeTaskId(t.id));
      if (isRestrictedTask(t)) restricted.add(normalizeTaskId(t.id));
      items.push(taskItem(t, f.file));
    }
  }
  for (const f of typed) {
    const parent = /parent-(T\d+)/.exec(f.name)?.[1];
    if (f.method === 'maniphest.search' && parent) items.push(subtasksItem(parent, f.result, f.file));
    else if (f.method === 'transaction.search') transactionsOfFile(f, idOfPhid, { known, restricted }, items, rejects);
    else if (f.method && f.method !== 'maniphest.search') items.push(...lookupItems(f.result, f.file));
    else if (!f.method) rejects.push({ location: f.file, reason: 'not a Conduit response shiplog reads (maniphest.search, transaction.search, project/user lookups)' });
  }
  return { items, rejects };
}

/** Fails closed: transactions are kept only for tasks this import shows to be public. */
function transactionsOfFile(
  f: FileResponse, idOfPhid: Map<string, string>, tasks: { known: Set<string>; restricted: Set<string> }, items: RawItem[], rejects: Reject[],
): void {
  const named = /(?:^|[^A-Za-z])(T\d+)(?:[^0-9]|$)/.exec(f.name)?.[1];
  for (const x of f.result.data ?? []) {
    const taskId = named ?? idOfPhid.get(x?.objectPHID);
    if (!taskId) {
      rejects.push({ kind: 'transaction', location: f.file, reason: `transaction ${x?.id} of ${x?.objectPHID}: no task with that PHID in the imported maniphest.search files` });
    } else if (tasks.restricted.has(taskId) || !tasks.known.has(taskId)) {
      const why = tasks.restricted.has(taskId) ? 'is restricted' : 'is not in the imported maniphest.search files, so its view policy is unknown';
      rejects.push({ kind: 'transaction', key: taskId, location: f.file, reason: `task ${taskId} ${why}: its transactions are not stored` });
      return;
    } else {
      items.push(transactionItem(taskId, x, f.file));
    }
  }
}
