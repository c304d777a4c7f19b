// Conduit response bodies → raw items, shared by `sync` (live calls) and `import` (recorded
// files). Pure. Every task passes through safeTask() here, so a restricted task's content
// never reaches a RawItem; transactions and lookups are only built for public tasks.
import { z } from 'zod';
import { normalizeTaskId } from '../../model/ids.ts';
import { validEntries } from '../shape.ts';
import type { RawItem, Reject } from '../types.ts';
import { isRedacted, isRestrictedTask, redactSearchResult, safeTask } from './redact.ts';

type Obj = Record<string, any>;

/** A task as maniphest.search lists it: an object with a numeric id (the rest is read where used). */
export const taskShape = z.looseObject({ id: z.union([z.number().int().nonnegative(), z.string().regex(/^T?\d+$/)]) });
/** Any JSON object (a transaction, a lookup result): null, numbers and strings are not. */
export const objectShape = z.looseObject({});

export const METHODS = ['maniphest.search', 'transaction.search', 'project.search', 'user.search', 'phid.lookup', 'phid.query', 'user.query'] as const;
export type Method = (typeof METHODS)[number];

/**
 * One raw item per task *state*: `T123@<dateModified>` for a public state, `T123@restricted`
 * for the restricted one (its payload says when it was seen: the fetch time, or a recorded
 * file's mtime). Distinct states never supersede each other in raw_heads, so whichever order
 * they arrive in, the tasks version rule (newest modified_at) picks the row, and an older
 * public state can never replace a newer restricted one.
 */
export function taskItem(task: Obj, url: string, observedAt?: Date): RawItem {
  const safe = safeTask(task, observedAt);
  const modified: unknown = task?.fields?.dateModified;
  const state = isRedacted(safe) ? 'restricted' : typeof modified === 'number' || typeof modified === 'string' ? String(modified) : 'undated';
  return { kind: 'task', key: `${normalizeTaskId(task.id)}@${state}`, payload: JSON.stringify(safe), url };
}

export function transactionItem(taskId: string, x: Obj, url: string): RawItem {
  return { kind: 'transaction', key: `${normalizeTaskId(taskId)}/${x.id ?? x.transactionID}`, payload: JSON.stringify(x), url };
}

/**
 * The subtasks of a release task, reduced to what the blocker links need (id and, for a
 * public task, dateCreated): the children's content arrives through their own task items.
 */
export function subtasksItem(parentId: string, result: Obj, url: string): RawItem {
  const listed: unknown[] = Array.isArray(result?.data) ? result.data : [];
  const tasks = listed.filter((t) => taskShape.safeParse(t).success);
  const data = ((redactSearchResult({ data: tasks }) as Obj).data as Obj[]).map((t: Obj) =>
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
  const list: unknown[] = Array.isArray(result) ? result : Array.isArray((result as Obj)?.data) ? (result as Obj).data : Object.values((result as Obj) ?? {});
  return list.filter((o) => objectShape.safeParse(o).success).map((o) => lookupItem(o as Obj, url)).filter((x): x is RawItem => x !== null);
}

/** Which method a recorded file answers: from its name (`<method>.<anything>.json`), else its shape. */
export function methodOf(fileName: string, result: unknown): Method | null {
  const named = METHODS.find((m) => fileName.startsWith(`${m}.`) || fileName.startsWith(`${m.replace('.', '_')}`));
  if (named) return named;
  const data: unknown = (result as Obj)?.data;
  const first = Array.isArray(data) ? data.find((x) => objectShape.safeParse(x).success) as Obj | undefined : undefined;
  if (first) {
    if (first.type === 'TASK') return 'maniphest.search';
    if (first.type === 'PROJ') return 'project.search';
    if (first.type === 'USER') return 'user.search';
    if ('objectPHID' in first) return 'transaction.search';
  }
  if (Array.isArray(result)) return 'user.query';
  if (result && typeof result === 'object' && Object.keys(result).length > 0 && Object.values(result).every((v) => typeof (v as Obj)?.phid === 'string')) return 'phid.query';
  return null;
}

export interface FileResponse {
  file: string;
  name: string; // base name
  result: Obj;
  /** When the response was recorded (the file's modification time). */
  recordedAt?: Date;
}

interface Split { items: RawItem[]; rejects: Reject[] }

/**
 * Recorded responses → raw items, file by file, tasks first: tasksOf() every file (the
 * maniphest.search pages are taken, the rest answer null), then otherItems() the rest, so
 * transactions find their task and only one file is held at a time.
 */
export class RecordedResponses {
  private readonly idOfPhid = new Map<string, string>();
  private readonly known = new Set<string>();
  private readonly restricted = new Set<string>();

  /** The tasks of a maniphest.search page; null when the file is anything else. */
  tasksOf(f: FileResponse): Split | null {
    if (methodOf(f.name, f.result) !== 'maniphest.search' || /parent-T\d+/.test(f.name)) return null;
    const out: Split = { items: [], rejects: [] };
    const bad = (where: string, reason: string) => out.rejects.push({ kind: 'task', location: `${f.file} ${where}`, reason: `maniphest.search item without a numeric id (${reason})` });
    for (const [, t] of validEntries(f.result.data, taskShape, 'data', bad) as [number, Obj][]) {
      const id = normalizeTaskId(t.id);
      if (typeof t.phid === 'string') this.idOfPhid.set(t.phid, id);
      this.known.add(id);
      if (isRestrictedTask(t)) this.restricted.add(id);
      out.items.push(taskItem(t, f.file, f.recordedAt));
    }
    return out;
  }

  /** Subtask lists, transactions and lookups (call after every tasksOf()). */
  otherItems(f: FileResponse): Split {
    const out: Split = { items: [], rejects: [] };
    const method = methodOf(f.name, f.result);
    const parent = /parent-(T\d+)/.exec(f.name)?.[1];
    if (method === 'maniphest.search' && parent) out.items.push(subtasksItem(parent, f.result, f.file));
    else if (method === 'transaction.search') this.transactionsOf(f, out);
    else if (method && method !== 'maniphest.search') out.items.push(...lookupItems(f.result, f.file));
    else if (!method) out.rejects.push({ location: f.file, reason: 'not a Conduit response shiplog reads (maniphest.search, transaction.search, project/user lookups)' });
    return out;
  }

  /**
   * Fails closed: transactions are kept only for tasks this import shows to be public, and
   * each transaction is filed under its own object (objectPHID), whatever the file is named:
   * a file named after a public task may carry another task's history.
   */
  private transactionsOf(f: FileResponse, out: Split): void {
    const named = /(?:^|[^A-Za-z])(T\d+)(?:[^0-9]|$)/.exec(f.name)?.[1];
    const bad = (where: string, reason: string) => out.rejects.push({ kind: 'transaction', location: `${f.file} ${where}`, reason: `not a transaction: ${reason}` });
    for (const [, x] of validEntries(f.result.data, objectShape, 'data', bad) as [number, Obj][]) {
      const object: unknown = x?.objectPHID;
      const ofObject = typeof object === 'string' ? this.idOfPhid.get(object) : undefined;
      if (typeof object === 'string' && named && ofObject !== named) {
        out.rejects.push({
          kind: 'transaction', key: named, location: f.file,
          reason: `transaction ${x?.id} belongs to ${ofObject ?? object}, not to ${named} the file is named after: not stored`,
        });
        continue;
      }
      const taskId = typeof object === 'string' ? ofObject : named;
      if (!taskId) {
        out.rejects.push({ kind: 'transaction', location: f.file, reason: `transaction ${x?.id} of ${x?.objectPHID}: no task with that PHID in the imported maniphest.search files` });
      } else if (this.restricted.has(taskId) || !this.known.has(taskId)) {
        const why = this.restricted.has(taskId) ? 'is restricted' : 'is not in the imported maniphest.search files, so its view policy is unknown';
        out.rejects.push({ kind: 'transaction', key: taskId, location: f.file, reason: `task ${taskId} ${why}: its transactions are not stored` });
        if (named && typeof object !== 'string') return; // one reject per old-shape file that names its task
      } else {
        out.items.push(transactionItem(taskId, x, f.file));
      }
    }
  }
}
