// Rows that need more than one record: project names into tasks.projects (from
// phab_projects), trains.blocker_task from release tasks when the trains source left it
// NULL, and the purge of anything still stored about a task that is now restricted (a
// task made private after an earlier sync saw it public): its raw records, events and
// GerritBot and release-task links. First, each task's row is set to its newest known state
// (task-states.sql): whichever order recordings arrive in, an older public state never
// replaces a newer restricted one. The SQL lives next to this file.
import { loadSql } from '../../store/sql.ts';
import type { DeriveResult, RawRecord, ReadFn } from '../types.ts';
import { normalizePhabricator } from './normalize.ts';

interface StateRow { raw_id: string; key: string; url: string | null; payload: string; fetched_at: Date; restricted: boolean }

/** Rows for the tasks whose stored row is not their newest state, and which of them end restricted. */
async function newestStates(read: ReadFn): Promise<{ rows: DeriveResult['rows']; restricted: Set<string>; public: Set<string> }> {
  const states = await read<StateRow>(loadSql(import.meta.url, 'task-states.sql'));
  const records: RawRecord[] = states.map((s) => ({
    rawId: s.raw_id, source: 'phabricator', scope: 'derive', kind: 'task', key: s.key, url: s.url,
    payload: s.payload, contentHash: '', fetchedAt: s.fetched_at,
  }));
  const { rows } = normalizePhabricator(records, { source: 'phabricator', scope: 'derive' });
  const ended = (restricted: boolean) => new Set(states.filter((s) => s.restricted === restricted).map((s) => s.key));
  return { rows: { tasks: rows.tasks, links: rows.links }, restricted: ended(true), public: ended(false) };
}

export async function derivePhabricator(read: ReadFn): Promise<DeriveResult> {
  const newest = await newestStates(read);
  const stored = (await read<{ task_id: string }>('SELECT task_id FROM tasks WHERE restricted')).map((r) => r.task_id);
  const restricted = [...new Set([...stored.filter((id) => !newest.public.has(id)), ...newest.restricted])];
  const deletes: DeriveResult['deletes'] = [];
  if (restricted.length > 0) {
    const ids = [restricted];
    const keys = [restricted.map((id) => `task:${id}`)];
    deletes.push(
      { table: 'task_events', where: 'task_key IN (SELECT unnest($1::VARCHAR[]))', params: keys },
      { table: 'links', where: "rule IN ('gerritbot', 'release-task') AND src_key IN (SELECT unnest($1::VARCHAR[]))", params: keys },
      { table: 'raw_records', where: loadSql(import.meta.url, 'purge-restricted-raw.sql').trim(), params: ids },
    );
  }
  return {
    rows: newest.rows,
    rejects: [],
    deletes,
    statements: [
      { sql: loadSql(import.meta.url, 'project-names.sql') },
      { sql: loadSql(import.meta.url, 'train-blocker.sql') },
    ],
  };
}
