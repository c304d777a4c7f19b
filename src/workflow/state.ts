// The deployer's open window, kept next to the spool (`<spool>.window.json`) so `window
// status`, `deploy` and `window done` work the same online and offline: the window, and a
// short record of each deploy made in it (for the summary `window done` prints).
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ShiplogError } from '../lib/errors.ts';
import type { DeployEndEvent, WindowOpenEvent } from '../sources/workflow/events.ts';

export interface DeployNote {
  deploy_id: string;
  kind: string;
  started_at: string;
  finished_at: string | null;
  outcome: string;
  exit_code: number | null;
  changes: number[];
  tasks: string[];
  forced: boolean;
}

export interface OpenWindow {
  window: WindowOpenEvent;
  deploys: DeployNote[];
}

export function statePathOf(spoolPath: string): string {
  return `${spoolPath.replace(/\.jsonl$/, '')}.window.json`;
}

export function readState(path: string): OpenWindow | null {
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as OpenWindow;
  } catch (err) {
    throw new ShiplogError('config_invalid', `${path}: the open-window file is unreadable (${(err as Error).message}); remove it to start over`, { cause: err });
  }
}

export function writeState(path: string, state: OpenWindow): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(`${path}.tmp`, JSON.stringify(state, null, 2), { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
}

export function clearState(path: string): void {
  rmSync(path, { force: true });
}

export function noteOf(e: DeployEndEvent): DeployNote {
  return {
    deploy_id: e.deploy_id, kind: e.kind, started_at: e.started_at, finished_at: e.finished_at, outcome: e.outcome,
    exit_code: e.exit_code, changes: e.changes, tasks: e.tasks, forced: e.forced,
  };
}

export interface WindowSummary {
  window_key: string;
  name: string;
  opened_at: string;
  closed_at: string | null;
  syncs: number;
  changes: number[];
  tasks: string[];
  failed: number;
  aborted: number;
  /** Deploys started but never recorded as ended (a killed `shiplog deploy`). */
  unfinished: number;
  forced: number;
  time_open_s: number | null; // opened → closed
  time_deploying_s: number; // sum of the deploys' durations
  first_start_to_last_finish_s: number | null;
}

/** The local notes, plus the recorded deploys they lack (by id): local notes keep their changes and tasks. */
export function mergeDeploys(local: DeployNote[], recorded: DeployNote[] | null): DeployNote[] {
  if (!recorded) return local;
  const known = new Set(local.map((d) => d.deploy_id));
  return [...local, ...recorded.filter((d) => !known.has(d.deploy_id))].sort((a, b) => a.started_at.localeCompare(b.started_at));
}

/** The summary of a window from its deploy notes. Pure. */
export function summarize(windowKey: string, s: OpenWindow, closedAt: Date | null): WindowSummary {
  const secs = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 1000;
  const ds = s.deploys;
  const finished = ds.filter((d) => d.finished_at);
  const starts = ds.map((d) => d.started_at).sort();
  const ends = finished.map((d) => d.finished_at as string).sort();
  return {
    window_key: windowKey, name: s.window.name, opened_at: s.window.opened_at, closed_at: closedAt?.toISOString() ?? null,
    syncs: ds.length,
    changes: [...new Set(ds.flatMap((d) => d.changes))],
    tasks: [...new Set(ds.flatMap((d) => d.tasks))],
    failed: ds.filter((d) => d.outcome === 'failed').length,
    aborted: ds.filter((d) => d.outcome === 'aborted').length,
    unfinished: ds.filter((d) => !d.finished_at).length,
    forced: ds.filter((d) => d.forced).length,
    time_open_s: closedAt ? secs(s.window.opened_at, closedAt.toISOString()) : null,
    time_deploying_s: finished.reduce((t, d) => t + secs(d.started_at, d.finished_at as string), 0),
    first_start_to_last_finish_s: starts.length && ends.length ? secs(starts[0], ends[ends.length - 1]) : null,
  };
}
