// The event time of each table: the column that says when the thing a row records
// happened (a commit's commit time, a change's creation, a deploy's start), which time
// windows (since / until) apply to and which data coverage is measured on. Tables not
// named here use their first timestamp column, or have none.
import { CATALOGUE } from './index.ts';
import type { Column } from './define.ts';

export const EVENT_TIME: Record<string, string | null> = {
  raw_records: 'fetched_at', rejects: 'rejected_at', sync_state: 'last_run_at',
  people: null, identities: null, repos: null,
  commits: 'committed_at', changes: 'created_at', patchsets: 'created_at', votes: 'voted_at',
  change_messages: 'posted_at', tasks: 'created_at', task_events: 'occurred_at',
  ci_builds: 'started_at', test_results: 'run_at', deployments: 'started_at', deployment_items: null,
  windows: 'planned_start', trains: 'first_rollforward_at', train_events: 'occurred_at',
  incidents: 'started_at', repo_facts: 'since_at', links: 'first_seen_at', log_entries: 'logged_at',
};

/** The event time column of a catalogue table, or null when it has none. */
export function eventTimeOf(table: string): string | null {
  if (table in EVENT_TIME) return EVENT_TIME[table];
  const def = CATALOGUE.find((t) => t.name === table);
  if (!def) return null;
  const first = Object.entries(def.columns as Record<string, Column>).find(([, c]) => c.type === 'timestamp');
  return first?.[0] ?? null;
}
