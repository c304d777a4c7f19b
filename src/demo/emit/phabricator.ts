// Writes the world's tasks as recorded Conduit responses (FORMATS.md §5): maniphest.search
// pages (100 tasks, cursor.after chained, oldest modified first), transaction.search pages
// of every public task's history (create, triage, owner, projects, GerritBot upload and
// merge comments, closes and a reopen), the subtasks of each train's release task (the
// blockers, picked with a seeded RNG), and user.search / project.search lookups.
// Security tasks go out as Phabricator sends them to a privileged token — view policy a
// project, content included — so the import's redaction is what keeps them out.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoImport } from '../emitters.ts';
import { rng, seedOf } from '../rng.ts';
import type { DemoChange, DemoTask, DemoWorld } from '../types.ts';

const GERRITBOT = 'PHID-USER-idceizaw6elwiwm5xshb';
const JENKINS_BOT = 'jenkins-bot';
const SECURITY_PROJECT = 'PHID-PROJ-securityteam00000000';
const epoch = (d: Date) => Math.floor(d.getTime() / 1000);
const pad = (s: string) => s.replace(/[^a-z0-9]/gi, '').toLowerCase().padEnd(20, 'x').slice(0, 20);

export const taskPhid = (id: number) => `PHID-TASK-${pad(`t${id}`)}`;
export const projectPhid = (name: string) => `PHID-PROJ-${(seedOf(name).toString(36) + seedOf(`${name}!`).toString(36)).padEnd(20, '0').slice(0, 20)}`;

type Obj = Record<string, unknown>;

const phids = new WeakMap<DemoWorld, Map<string, string>>();
/** A person's PHID (null for none), from a map built once per world. */
function phidOf(world: DemoWorld, id: string | null): string | null {
  let m = phids.get(world);
  if (!m) phids.set(world, (m = new Map(world.people.map((p) => [p.id, p.phabPhid]))));
  return (id && m.get(id)) ?? null;
}
const envelope = (result: unknown) => JSON.stringify({ result, error_code: null, error_info: null }, null, 1);

interface TaskHistory {
  task: DemoTask;
  modified: Date;
  xacts: Obj[];
}

function gerritBotComment(ch: DemoChange, action: 'uploaded' | 'merged', ownerName: string): string {
  const head = action === 'uploaded'
    ? `Change ${ch.number} had a related patch set uploaded (by ${ownerName}; author: ${ownerName}):`
    : `Change ${ch.number} **merged** by ${JENKINS_BOT}:`;
  return `${head}\n[${ch.repo}@${ch.branch}] ${ch.subject}\n\n[[https://gerrit.wikimedia.org/r/${ch.number}]]\n`;
}

function historyOf(task: DemoTask, world: DemoWorld, changesOf: Map<number, DemoChange[]>, names: Map<string, string>, seq: { n: number }): TaskHistory {
  const phid = taskPhid(task.id);
  const person = (id: string | null) => phidOf(world, id);
  const xacts: Obj[] = [];
  const add = (type: string, at: Date, author: string | null, fields: Obj = {}, comment?: string) => xacts.push({
    id: ++seq.n, phid: `PHID-XACT-TASK-${pad(`x${seq.n}`).slice(0, 15)}`, type, authorPHID: author, objectPHID: phid,
    dateCreated: epoch(at), dateModified: epoch(at), groupID: `g${seq.n}`,
    comments: comment ? [{ id: seq.n, phid: `PHID-XCMT-${pad(`c${seq.n}`)}`, version: 1, authorPHID: author, dateCreated: epoch(at), dateModified: epoch(at), removed: false, content: { raw: comment } }] : [],
    fields,
  });
  // a step a few hours after filing has not happened yet for a task filed just before the end
  const at = (ms: number) => new Date(Math.min(task.createdAt.getTime() + ms, world.end.getTime() - 1000));
  add('create', task.createdAt, person(task.author));
  add('projects', task.createdAt, person(task.author), { operations: task.projects.map((p) => ({ operation: 'add', phid: names.get(p) })) });
  add('priority', at(3_600_000), person(task.author), { old: { value: 90, name: 'Needs Triage' }, new: task.priority });
  if (task.owner) add('owner', at(7_200_000), person(task.owner), { old: null, new: person(task.owner) });
  for (const ch of changesOf.get(task.id) ?? []) {
    const owner = world.people.find((p) => p.id === ch.owner);
    add('comment', ch.createdAt, GERRITBOT, {}, gerritBotComment(ch, 'uploaded', owner?.name ?? ch.owner));
    if (ch.status === 'merged' && ch.mergedAt) add('comment', ch.mergedAt, GERRITBOT, {}, gerritBotComment(ch, 'merged', owner?.name ?? ch.owner));
  }
  if (task.closedAt) {
    const closer = person(task.owner ?? task.author);
    if (task.firstClosedAt && task.reopenedAt) {
      add('status', task.firstClosedAt, closer, { old: 'open', new: 'resolved' });
      add('status', task.reopenedAt, person(task.author), { old: 'resolved', new: 'open' });
    }
    add('status', task.closedAt, closer, { old: 'open', new: task.status });
  } else if (task.status === 'stalled') {
    add('status', at(86_400_000), person(task.owner ?? task.author), { old: 'open', new: 'stalled' });
  }
  const modified = new Date(Math.max(...xacts.map((x) => (x.dateCreated as number) * 1000)));
  return { task, modified, xacts: xacts.reverse() }; // transaction.search answers newest first
}

function taskObject(h: TaskHistory, world: DemoWorld, names: Map<string, string>): Obj {
  const t = h.task;
  const person = (id: string | null) => phidOf(world, id);
  const train = t.releaseVersion ? world.trains.find((x) => x.version === t.releaseVersion) : undefined;
  return {
    id: t.id, type: 'TASK', phid: taskPhid(t.id),
    fields: {
      name: t.title, description: { raw: `${t.title}.\n\nSteps to reproduce: see the linked changes.` },
      authorPHID: person(t.author), ownerPHID: person(t.owner),
      status: { value: t.status, name: t.status[0].toUpperCase() + t.status.slice(1), color: null },
      priority: { value: t.priority.value, name: t.priority.name, color: 'orange', subpriority: 0 },
      points: null, subtype: t.subtype, closerPHID: t.closedAt ? person(t.owner ?? t.author) : null,
      dateClosed: t.closedAt ? epoch(t.closedAt) : null, spacePHID: null,
      dateCreated: epoch(t.createdAt), dateModified: epoch(h.modified),
      policy: t.restricted ? { view: SECURITY_PROJECT, interact: SECURITY_PROJECT, edit: SECURITY_PROJECT } : { view: 'public', interact: 'users', edit: 'users' },
      'custom.release.version': t.releaseVersion, 'custom.release.date': train ? epoch(train.branchedAt) : null,
      'custom.security_topic': t.restricted ? 'security-bug' : 'default',
    },
    attachments: {
      projects: { projectPHIDs: t.projects.map((p) => names.get(p)) },
      subscribers: { subscriberPHIDs: [], subscriberCount: 0, viewerIsSubscribed: false },
    },
  };
}

/** Blockers of each train: up to three bug/error tasks filed in the week after branching. */
export function blockersOf(world: DemoWorld): Map<number, DemoTask[]> {
  const out = new Map<number, DemoTask[]>();
  for (const train of world.trains) {
    const r = rng(seedOf(train.version));
    const from = train.branchedAt.getTime() - 86_400_000;
    const candidates = world.tasks.filter((t) => (t.subtype === 'bug' || t.subtype === 'error' || t.subtype === 'security')
      && t.createdAt.getTime() >= from && t.createdAt.getTime() < from + 6 * 86_400_000);
    out.set(train.blockerTask, candidates.filter(() => r.chance(0.3)).slice(0, 3));
  }
  return out;
}

function write(dir: string, name: string, result: unknown): void {
  writeFileSync(join(dir, name), envelope(result));
}

export async function emitPhabricator(world: DemoWorld, dir: string): Promise<DemoImport[]> {
  const out = join(dir, 'phabricator');
  mkdirSync(out, { recursive: true });
  const projects = [...new Set(world.tasks.flatMap((t) => t.projects))].sort();
  const names = new Map(projects.map((p) => [p, projectPhid(p)]));
  const changesOf = new Map<number, DemoChange[]>();
  for (const ch of world.changes) for (const t of ch.tasks) changesOf.set(t, [...(changesOf.get(t) ?? []), ch]);
  const seq = { n: 1_000_000 };
  const histories = world.tasks.map((t) => historyOf(t, world, changesOf, names, seq))
    .sort((a, b) => a.modified.getTime() - b.modified.getTime() || a.task.id - b.task.id);
  for (let i = 0, page = 1; i < histories.length; i += 100, page++) {
    const data = histories.slice(i, i + 100).map((h) => taskObject(h, world, names));
    const after = i + 100 < histories.length ? String(page * 100) : null;
    write(out, `maniphest.search.${String(page).padStart(4, '0')}.json`, { data, maps: {}, query: { queryKey: null }, cursor: { limit: 100, after, before: page > 1 ? String((page - 1) * 100) : null, order: 'outdated' } });
  }
  const xacts = histories.filter((h) => !h.task.restricted).flatMap((h) => h.xacts);
  for (let i = 0, page = 1; i < xacts.length; i += 2000, page++) {
    write(out, `transaction.search.tasks.${String(page).padStart(4, '0')}.json`, { data: xacts.slice(i, i + 2000), cursor: { limit: 2000, after: i + 2000 < xacts.length ? String(i + 2000) : null, before: null } });
  }
  const byId = new Map(histories.map((h) => [h.task.id, h]));
  for (const [release, blockers] of blockersOf(world)) {
    const data = blockers.map((t) => taskObject(byId.get(t.id)!, world, names));
    write(out, `maniphest.search.parent-T${release}.json`, { data, maps: {}, query: { queryKey: null }, cursor: { limit: 100, after: null, before: null, order: null } });
  }
  const users = [...world.people.map((p, i) => ({ id: i + 1, type: 'USER', phid: p.phabPhid, fields: { username: p.username, realName: p.name, roles: ['verified', 'approved', 'activated'] } })),
    { id: 9999, type: 'USER', phid: GERRITBOT, fields: { username: 'gerritbot', realName: 'GerritBot', roles: ['bot', 'verified', 'approved', 'activated'] } }];
  write(out, 'user.search.json', { data: users, maps: {}, query: { queryKey: null }, cursor: { limit: 100, after: null, before: null, order: null } });
  const projs = projects.map((p, i) => ({ id: i + 1, type: 'PROJ', phid: names.get(p), fields: { name: p, slug: p.toLowerCase().replace(/\s+/g, '_') } }));
  write(out, 'project.search.json', { data: projs, maps: {}, query: { queryKey: null }, cursor: { limit: 100, after: null, before: null, order: null } });
  return [{ source: 'phabricator', paths: [out], options: { name: 'phabricator.wikimedia.org' } }];
}
