// Phabricator: tasks, their events and project names. Restricted (security) tasks keep
// only their id and the flag; a newer public state is the only thing that lifts it.
import { col, defineTable, req } from './define.ts';

export const tasks = defineTable({
  name: 'tasks',
  doc: 'Phabricator task',
  mode: 'upsert',
  key: ['task_key'],
  writers: ['phabricator'],
  version: [{ column: 'modified_at', prefer: 'max' }],
  columns: {
    task_key: req('text', 'task:T123'),
    task_id: req('text', 'T123'),
    title: col('text'),
    status: col('text'),
    status_class: col('text', 'open, closed'),
    subtype: col('text'),
    priority_value: col('int'),
    priority_name: col('text'),
    created_at: col('timestamp'),
    modified_at: col('timestamp'),
    closed_at: col('timestamp'),
    author: col('text'),
    owner: col('text'),
    projects: col('text[]'),
    restricted: req('bool'),
    release_version: col('text'),
    release_date: col('text'),
    raw_id: col('text'),
    project_phids: col('text[]'),
  },
});

export const taskEvents = defineTable({
  name: 'task_events',
  doc: 'status/owner/priority/project change or comment on a task',
  mode: 'upsert',
  key: ['event_key'],
  writers: ['phabricator'],
  columns: {
    event_key: req('text', '<task_key>/<transaction id>'),
    task_key: req('text'),
    kind: col('text', 'status, owner, priority, subtype, projects, mergedinto, comment, create…'),
    occurred_at: col('timestamp'),
    author: col('text'),
    old_value: col('text'),
    new_value: col('text'),
    comment: col('text'),
    raw_id: col('text'),
  },
});

export const phabProjects = defineTable({
  name: 'phab_projects',
  doc: 'Phabricator project names',
  mode: 'upsert',
  key: ['project_phid'],
  writers: ['phabricator'],
  columns: {
    project_phid: req('text', 'PHID-PROJ-…'),
    name: col('text', 'display name, e.g. "MediaWiki-extensions-Math"'),
    slug: col('text', "hashtag without '#', when known"),
    raw_id: col('text'),
  },
});
