// The /metrics lines of freshness and the sync schedule: per source its age against the
// objective, the objective itself, its state (one-hot), and under `serve --sync` the next
// run, failures in a row and runs by outcome. Alerting rules compare age with objective.
import type { SourceFreshness } from '../schedule/freshness.ts';
import type { SourceScheduleState } from '../schedule/scheduler.ts';
import { label } from './telemetry.ts';

const STATES = ['ok', 'warn', 'error', 'never'] as const;

export function renderFreshnessMetrics(sources: SourceFreshness[], schedule: SourceScheduleState[] = []): string[] {
  const out: string[] = [];
  const metric = (name: string, type: string, help: string) => out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
  metric('shiplog_source_freshness_age_seconds', 'gauge', 'Seconds since the last successful sync of the source\'s stalest configured scope (absent while one never synced).');
  for (const f of sources) if (f.age_s !== null) out.push(`shiplog_source_freshness_age_seconds{source=${label(f.source)}} ${f.age_s}`);
  metric('shiplog_source_freshness_objective_seconds', 'gauge', 'Freshness objective of a source: the age at which it is warn or error (schedule.<source>.warn_after, error_after).');
  for (const f of sources) {
    out.push(`shiplog_source_freshness_objective_seconds{source=${label(f.source)},level="warn"} ${f.warn_after_s}`);
    out.push(`shiplog_source_freshness_objective_seconds{source=${label(f.source)},level="error"} ${f.error_after_s}`);
  }
  metric('shiplog_source_freshness_state', 'gauge', 'Freshness state of a source: 1 for its state (ok, warn, error, never), 0 for the others.');
  for (const f of sources) for (const s of STATES) out.push(`shiplog_source_freshness_state{source=${label(f.source)},state="${s}"} ${f.state === s ? 1 : 0}`);
  if (schedule.length === 0) return out;
  metric('shiplog_schedule_next_sync_timestamp_seconds', 'gauge', 'Unix time of the next scheduled sync of a source (serve --sync).');
  for (const s of schedule) if (s.next_sync_at) out.push(`shiplog_schedule_next_sync_timestamp_seconds{source=${label(s.source)}} ${s.next_sync_at.getTime() / 1000}`);
  metric('shiplog_schedule_consecutive_failures', 'gauge', 'Scheduled syncs of a source that failed in a row (the retry waits double with each).');
  for (const s of schedule) out.push(`shiplog_schedule_consecutive_failures{source=${label(s.source)}} ${s.consecutive_failures}`);
  metric('shiplog_schedule_syncs_total', 'counter', 'Scheduled syncs run since the server started, by outcome.');
  for (const s of schedule) {
    out.push(`shiplog_schedule_syncs_total{source=${label(s.source)},outcome="ok"} ${s.syncs_ok}`);
    out.push(`shiplog_schedule_syncs_total{source=${label(s.source)},outcome="failed"} ${s.syncs_failed}`);
  }
  metric('shiplog_schedule_running', 'gauge', 'Whether a scheduled sync of the source runs now (1) or not (0).');
  for (const s of schedule) out.push(`shiplog_schedule_running{source=${label(s.source)}} ${s.running_since ? 1 : 0}`);
  return out;
}
