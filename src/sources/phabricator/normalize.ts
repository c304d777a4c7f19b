// Raw Phabricator items → tasks, task_events, phab_projects, identities and links
// (task ↔ change from GerritBot comments, subtask → parent task, release task → train).
// Pure and record-by-record. Restricted tasks arrive already redacted (redact.ts) and map
// to a row holding only the id and restricted = true.
import type { RowFor } from '../../model/catalogue/index.ts';
import { DEFAULT_GERRIT_HOST, keys, normalizeTaskId } from '../../model/ids.ts';
import { output, type Output } from '../types.ts';
import type { NormalizeContext, NormalizeResult, RawRecord, Row, Reject } from '../types.ts';
import { GERRITBOT_PHID, parseGerritBotComment } from './gerritbot.ts';
import { isRedacted, safeTask } from './redact.ts';
import { parseConduitEpoch, parseReleaseDate } from './time.ts';
import { eventRow, type Transaction } from './transactions.ts';

/** WMF statuses (FORMATS.md §5); stock wontfix/spite kept closed. Unknown → by dateClosed. */
const STATUS_CLASS: Record<string, 'open' | 'closed'> = {
  open: 'open', stalled: 'open', progress: 'open',
  resolved: 'closed', declined: 'closed', invalid: 'closed', duplicate: 'closed', wontfix: 'closed', spite: 'closed',
};

type Obj = Record<string, any>;

const person = (phid: unknown) => (typeof phid === 'string' && phid ? keys.identity('phabricator', phid) : null);

/**
 * A restricted task: its id and the flag. modified_at is when shiplog saw it restricted
 * (never the task's own dates), so the tasks version rule (newest modified_at wins) keeps it
 * over any older public state, and only a public state modified after that sighting lifts it.
 */
function restrictedRow(id: number | string, observedAt: unknown, rawId: string): RowFor<'tasks'> {
  const seen = typeof observedAt === 'string' ? new Date(observedAt) : null;
  return {
    task_key: keys.task(id), task_id: normalizeTaskId(id), title: null, status: null, status_class: null, subtype: null,
    priority_value: null, priority_name: null, created_at: null, modified_at: seen && !Number.isNaN(seen.getTime()) ? seen : null, closed_at: null, author: null,
    owner: null, projects: null, project_phids: null, restricted: true, release_version: null, release_date: null, raw_id: rawId,
  };
}

function taskRows(rec: RawRecord, t: Obj, out: Output<'tasks' | 'task_events' | 'links' | 'phab_projects' | 'identities'>): void {
  if (!Number.isInteger(Number(t?.id))) throw new Error('task without a numeric id');
  // A record stored before the restriction rule existed (or by hand) is checked again here.
  const task = (isRedacted(t) ? t : safeTask(t)) as Obj; // a redacted record keeps its observed_at
  if (isRedacted(task)) {
    out.rows.tasks.push(restrictedRow(task.id, (task as { observed_at?: unknown }).observed_at, rec.rawId));
    return;
  }
  const f = task.fields as Obj;
  const status = typeof f.status === 'object' ? f.status?.value : f.status;
  const closedAt = parseConduitEpoch(f.dateClosed, 'fields.dateClosed');
  const projects: string[] = task.attachments?.projects?.projectPHIDs ?? [];
  const row: RowFor<'tasks'> = {
    task_key: keys.task(task.id), task_id: normalizeTaskId(task.id), title: f.name ?? null,
    status: status ?? null,
    status_class: STATUS_CLASS[status] ?? (closedAt ? 'closed' : 'open'),
    subtype: f.subtype ?? null,
    priority_value: typeof f.priority?.value === 'number' ? f.priority.value : null,
    priority_name: f.priority?.name ?? null,
    created_at: parseConduitEpoch(f.dateCreated, 'fields.dateCreated'),
    modified_at: parseConduitEpoch(f.dateModified, 'fields.dateModified'),
    closed_at: closedAt, author: person(f.authorPHID), owner: person(f.ownerPHID),
    projects, project_phids: projects, restricted: false,
    release_version: f['custom.release.version'] || null,
    release_date: parseReleaseDate(f['custom.release.date']),
    raw_id: rec.rawId,
  };
  out.rows.tasks.push(row);
  if (row.release_version) {
    out.rows.links.push({
      src_key: row.task_key, dst_key: keys.train(String(row.release_version)), rule: 'release-task',
      evidence: `custom.release.version: ${row.release_version}`, confidence: 'high',
      first_seen_at: row.created_at, raw_id: rec.rawId,
    });
  }
}

function transactionRows(rec: RawRecord, x: Transaction, out: Output<'tasks' | 'task_events' | 'links' | 'phab_projects' | 'identities'>): void {
  const taskId = rec.key.split('/')[0];
  if (!/^T\d+$/.test(taskId)) throw new Error(`transaction key "${rec.key}" does not start with a task id`);
  const taskKey = keys.task(taskId);
  const ev = eventRow(taskKey, x, rec.rawId);
  if (!ev) return; // a transaction type shiplog does not track (subscribers, title, …): see transactions.ts
  out.rows.task_events.push(ev);
  if (typeof ev.comment !== 'string') return;
  const bot = parseGerritBotComment(ev.comment);
  if (!bot) return;
  out.rows.links.push({
    src_key: taskKey, dst_key: keys.change(DEFAULT_GERRIT_HOST, bot.change), rule: 'gerritbot', evidence: bot.line,
    confidence: x.authorPHID === GERRITBOT_PHID ? 'high' : 'medium', first_seen_at: ev.occurred_at, raw_id: rec.rawId,
  });
}

function subtaskLinks(rec: RawRecord, result: Obj, out: Output<'tasks' | 'task_events' | 'links' | 'phab_projects' | 'identities'>): void {
  const parent = normalizeTaskId(rec.key);
  for (const child of result?.data ?? []) {
    if (!Number.isInteger(Number(child?.id))) continue;
    const filed = isRedacted(child) ? null : parseConduitEpoch(child.fields?.dateCreated, 'fields.dateCreated');
    out.rows.links.push({
      src_key: keys.task(child.id), dst_key: keys.task(parent), rule: 'subtask', evidence: `subtask of ${parent}`,
      confidence: 'high', first_seen_at: filed, raw_id: rec.rawId,
    });
  }
}

function projectRow(rec: RawRecord, p: Obj): RowFor<'phab_projects'> {
  // project.search: {phid, fields:{name, slug}}; phid.lookup / phid.query: {phid, name, fullName, uri}.
  const slug = p.fields?.slug ?? (typeof p.uri === 'string' ? /\/tag\/([^/]+)\/?$/.exec(p.uri)?.[1] ?? null : null);
  if (typeof p.phid !== 'string') throw new Error('project without a phid');
  return { project_phid: p.phid, name: p.fields?.name ?? p.fullName ?? p.name ?? null, slug, raw_id: rec.rawId };
}

function userRow(rec: RawRecord, u: Obj): RowFor<'identities'> {
  // user.search: {phid, fields:{username, realName}}; user.query / phid.query: {phid, userName, realName} / {name, fullName}.
  if (typeof u.phid !== 'string') throw new Error('user without a phid');
  const username = u.fields?.username ?? u.userName ?? u.name ?? null;
  return {
    identity_key: keys.identity('phabricator', u.phid), system: 'phabricator', account: u.phid,
    name: u.fields?.realName ?? u.realName ?? u.fullName ?? username, email: null, username, person_key: null, raw_id: rec.rawId,
  };
}

export function normalizePhabricator(records: RawRecord[], _ctx: NormalizeContext): Output<'tasks' | 'task_events' | 'links' | 'phab_projects' | 'identities'> {
  const out = output('tasks', 'task_events', 'links', 'phab_projects', 'identities');
  for (const rec of records) {
    try {
      const obj = JSON.parse(rec.payload) as Obj;
      if (rec.kind === 'task') taskRows(rec, obj, out);
      else if (rec.kind === 'transaction') transactionRows(rec, obj as Transaction, out);
      else if (rec.kind === 'subtasks') subtaskLinks(rec, obj, out);
      else if (rec.kind === 'project') out.rows.phab_projects.push(projectRow(rec, obj));
      else if (rec.kind === 'user') out.rows.identities.push(userRow(rec, obj));
      else throw new Error(`unknown phabricator record kind "${rec.kind}"`);
    } catch (err) {
      out.rejects.push({ rawId: rec.rawId, kind: rec.kind, key: rec.key, location: rec.url ?? rec.key, reason: (err as Error).message });
    }
  }
  return out;
}
