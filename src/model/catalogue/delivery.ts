// Delivery: deployments and what they carried, backport/SWAT/train windows, trains and
// their promotions and rollbacks, the Server Admin Log, and incidents.
import { col, defineTable, derived, req } from './define.ts';

export const deployments = defineTable({
  name: 'deployments',
  doc: 'sync, backport, train step, config merge or scap3 deploy',
  mode: 'upsert',
  key: ['deploy_key'],
  writers: ['sal', 'workflow', 'git'],
  columns: {
    deploy_key: req('text', 'deploy:<source>:<id>'),
    kind: req('text', 'sync-file, sync-world, backport, train-promote, config-merge, scap3-deploy, …'),
    started_at: col('timestamp'),
    finished_at: col('timestamp'),
    duration_s: col('double'),
    deployer: col('text'),
    host: col('text'),
    message: col('text'),
    outcome: col('text', 'ok, failed, aborted, unfinished'),
    staged: col('bool'),
    forced: col('bool'),
    window_key: derived('text', 'deploy-windows', 'the window it fell in (explicit, else by time)'),
    repo: col('text'),
    raw_id: col('text'),
    time_basis: derived('text', 'config-deploy-submit',
      "config-merge only: gerrit-submit (time = the change's submit, deployer = its last Code-Review+2, else its submitter) or git-commit (Gerrit does not know the change: committer time and author)"),
  },
});

export const deploymentItems = defineTable({
  name: 'deployment_items',
  doc: 'the change, task, file or version a deployment carried',
  mode: 'upsert',
  key: ['item_key'],
  writers: ['sal', 'workflow', 'git'],
  columns: {
    item_key: req('text', '<deploy_key>/<n>'),
    deploy_key: req('text'),
    change_number: col('bigint'),
    change_key: col('text'),
    task_id: col('text'),
    path: col('text'),
    version: col('text'),
    wiki_group: col('text'),
    raw_id: col('text'),
    change_id: col('text', 'the Change-Id a config merge carried, known before (or without) its number'),
  },
});

export const windows = defineTable({
  name: 'windows',
  doc: 'backport/SWAT/train window: planned (calendar) and actual (opened/closed)',
  mode: 'upsert',
  key: ['window_key'],
  writers: ['calendar', 'workflow'],
  columns: {
    window_key: req('text', 'window:<id>'),
    name: col('text'),
    kind: col('text', 'backport, swat, train, other'),
    planned_start: col('timestamp'),
    planned_end: col('timestamp'),
    opened_at: col('timestamp'),
    closed_at: col('timestamp'),
    deployers: col('text[]'),
    max_patches: col('int'),
    requested_changes: col('bigint[]'),
    source: col('text', 'calendar, workflow, sal'),
    raw_id: col('text'),
  },
});

export const trains = defineTable({
  name: 'trains',
  doc: 'MediaWiki version rolled out by the weekly train',
  mode: 'upsert',
  key: ['train_key'],
  writers: ['git'],
  columns: {
    train_key: req('text', 'train:<version>'),
    version: req('text'),
    first_rollforward_at: col('timestamp'),
    last_rollforward_at: col('timestamp'),
    total_time_s: col('double'),
    rollbacks: col('int'),
    rollbacks_time_s: col('double'),
    group0_at: col('timestamp'),
    group1_at: col('timestamp'),
    group2_at: col('timestamp'),
    group0_delay_days: col('int'),
    group1_delay_days: col('int'),
    group2_delay_days: col('int'),
    total_delay_days: col('int'),
    reached_group2: col('bool'),
    blocker_task: derived('text', 'train-blockers', 'the release task that tracked its blockers'),
    raw_id: col('text'),
  },
});

export const trainEvents = defineTable({
  name: 'train_events',
  doc: 'roll-forward or rollback of a wiki group, from the history of wikiversions.json',
  mode: 'upsert',
  key: ['event_key'],
  writers: ['git'],
  columns: {
    event_key: req('text', '<train_key>/<commit sha>/<group>'),
    train_key: req('text'),
    version: req('text'),
    wiki_group: req('text'),
    kind: req('text', 'rollforward, rollback'),
    occurred_at: req('timestamp'),
    commit_key: col('text'),
    from_version: col('text'),
    wikis_moved: col('int'),
    raw_id: col('text'),
    to_version: col('text'),
  },
});

export const logEntries = defineTable({
  name: 'log_entries',
  doc: 'Server Admin Log entry; one entry can be read from several documents (HTML page, Atom feed, archive)',
  mode: 'upsert',
  key: ['entry_key'],
  writers: ['sal'],
  // A time read to the minute is never later than the same entry's time read to the second:
  // the latest is the most precise, whichever document was imported last.
  version: [{ column: 'logged_at', prefer: 'max' }],
  columns: {
    entry_key: req('text', 'sal:<id>'),
    logged_at: req('timestamp'),
    nick: col('text'),
    user_name: col('text'),
    host: col('text'),
    project: col('text'),
    channel: col('text'),
    message: col('text'),
    kind: col('text', "the scap form recognised, or 'other'"),
    raw_id: col('text'),
  },
});

export const incidents = defineTable({
  name: 'incidents',
  doc: 'incident report',
  mode: 'upsert',
  key: ['incident_key'],
  writers: ['incidents'],
  columns: {
    incident_key: req('text', 'incident:<id>'),
    title: col('text'),
    started_at: col('timestamp'),
    detected_at: col('timestamp'),
    ended_at: col('timestamp'),
    summary: col('text'),
    detection: col('text'),
    url: col('text'),
    tasks: col('text[]'),
    changes: col('bigint[]'),
    raw_id: col('text'),
    status: col('text', 'draft, review, final (2022+ reports)'),
    started_by: col('text', 'metadata, marker (OUTAGE BEGINS), keyword, first-entry'),
    ended_by: col('text', 'metadata, marker (OUTAGE ENDS), keyword, last-entry'),
    sal_ids: col('text[]', 'SAL permalink ids cited in the report'),
    preceding_hours: col('int', 'window of the time-proximity links'),
  },
});

export const incidentTimeline = defineTable({
  name: 'incident_timeline',
  doc: "a dated line of an incident report's Timeline section, as written (the evidence behind its start and end)",
  mode: 'append',
  key: ['line_key'],
  writers: ['incidents'],
  columns: {
    line_key: req('text', '<incident_key>/<n>'),
    incident_key: req('text'),
    seq: req('int', 'order in the report, from 1'),
    occurred_at: req('timestamp', 'the time of the line (UTC), dated from the title or a date line'),
    text: col('text', 'the line without bullet and time'),
    line: col('text', 'the line as written'),
    sal_id: col('text', 'the SAL entry the line links to (2015–2018 reports)'),
    marks: col('text', "what the line marks for the incident's times: start, end, detection"),
    raw_id: col('text'),
  },
});
