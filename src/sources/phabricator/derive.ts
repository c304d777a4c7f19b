// Rows that need more than one record: project names into tasks.projects (from
// phab_projects), trains.blocker_task from release tasks when the trains source left it
// NULL, and the purge of anything still stored about a task that is now restricted (a
// task made private after an earlier sync saw it public): its raw records, events and
// GerritBot and release-task links. The SQL lives next to this file.
import { loadSql } from '../../lib/sql.ts';
import type { DeriveResult, ReadFn } from '../types.ts';

export async function derivePhabricator(read: ReadFn): Promise<DeriveResult> {
  const restricted = (await read<{ task_id: string }>('SELECT task_id FROM tasks WHERE restricted')).map((r) => r.task_id);
  const deletes: DeriveResult['deletes'] = [];
  if (restricted.length > 0) {
    const ids = [restricted];
    const keys = [restricted.map((id) => `task:${id}`)];
    deletes.push(
      { table: 'task_events', where: 'task_key IN (SELECT unnest($1))', params: keys },
      { table: 'links', where: "rule IN ('gerritbot', 'release-task') AND src_key IN (SELECT unnest($1))", params: keys },
      { table: 'raw_records', where: loadSql(import.meta.url, 'purge-restricted-raw.sql'), params: ids },
    );
  }
  // The tasks and trains whose value moved, as whole rows to write (both engines).
  const tasks = await read<Record<string, unknown>>(loadSql(import.meta.url, 'project-names.sql'));
  const trains = await read<Record<string, unknown>>(loadSql(import.meta.url, 'train-blocker.sql'));
  return { rows: { tasks, trains } as DeriveResult['rows'], rejects: [], deletes };
}
