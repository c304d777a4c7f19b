// What `shiplog window` and `shiplog deploy` share: where the spool and the open-window
// file are, where events go (server.url, else the local server that owns the database,
// else the database itself), and recording events so none is lost: delivered now, or
// spooled and delivered by the next shiplog command (flushSpool runs before each).
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { describeError } from '../lib/errors.ts';
import type { WorkflowEvent } from '../sources/workflow/events.ts';
import { keys } from '../model/ids.ts';
import { deliverEvents, spoolPending, type DeliveryReport, type DeliveryTarget } from '../workflow/deliver.ts';
import { appendSpool, withSpoolLock, writePending } from '../workflow/spool.ts';
import { statePathOf, type DeployNote } from '../workflow/state.ts';
import { databaseTarget, fetchWithTimeout, serverTarget } from '../workflow/targets.ts';
import type { CliEnv } from './env.ts';
import { remoteClient } from './remote.ts';

export function spoolPathOf(env: CliEnv): string {
  const { config, dbPath } = env.loaded;
  return resolve(env.io.cwd, config.server.spool ?? `${dbPath}.spool.jsonl`);
}

export function statePathFor(env: CliEnv): string {
  return statePathOf(spoolPathOf(env));
}

/** The deployer's name: --deployer, else SHIPLOG_DEPLOYER, else the login name. */
export function deployerOf(env: CliEnv, flag?: string): string {
  return flag ?? env.io.env.SHIPLOG_DEPLOYER ?? env.io.env.USER ?? env.io.env.LOGNAME ?? 'unknown';
}

export function hostOf(): string {
  return hostname();
}

/** The server events go to (server.url, else the local server), or null for the local database. */
async function serverOf(env: CliEnv) {
  const { server } = env.loaded.config;
  if (server.url) return remoteClient(server.url.replace(/\/$/, ''), server.token, fetchWithTimeout(env.io.fetch));
  return env.remote();
}

async function targetOf(env: CliEnv): Promise<DeliveryTarget> {
  const remote = await serverOf(env);
  if (remote) return serverTarget(remote);
  return databaseTarget(env.loaded.dbPath, async (events) => {
    const { ingestWorkflowEvents } = await import('../workflow/ingest.ts'); // the pipeline: loaded only when used
    return env.withStore((deps) => ingestWorkflowEvents({ ...deps, onProgress: undefined }, events)); // no bar amid the deploy's output
  });
}

function explain(env: CliEnv, r: DeliveryReport, spool: string): void {
  if (r.setAside > 0) env.io.stderr(`shiplog: ${r.setAside} workflow event(s) refused or unreadable, kept in ${spool}.rejected\n`);
  if (r.spooled > 0) {
    env.io.stderr(`shiplog: ${r.error ?? 'not delivered'}; ${r.spooled} event(s) kept in ${spool}, delivered by the next shiplog command\n`);
  }
}

/** Delivers (spool first) or spools the events; never throws for a delivery problem. */
export async function recordEvents(env: CliEnv, events: WorkflowEvent[]): Promise<DeliveryReport> {
  const spool = spoolPathOf(env);
  let target: DeliveryTarget;
  try {
    target = await targetOf(env);
  } catch (err) {
    target = { name: 'target', send: async () => ({ delivered: 0, error: err }) };
  }
  const report = await deliverEvents(target, spool, events);
  explain(env, report, spool);
  return report;
}

/**
 * Puts events in the spool at once (a local file write, no network), so a deploy can start
 * its command without waiting for a server, and a kill after this keeps them; the next
 * delivery (recordEvents) sends them.
 */
export async function queueEvents(env: CliEnv, events: WorkflowEvent[], why?: string): Promise<DeliveryReport> {
  const spool = spoolPathOf(env);
  const appended = await withSpoolLock(spool, async () => appendSpool(spool, events));
  if (appended === null) writePending(spool, events); // another process is delivering: a side file
  const report: DeliveryReport = { delivered: 0, spooled: events.length, setAside: 0, error: why ?? null };
  if (why) explain(env, report, spool);
  return report;
}

interface DeploymentRow { deploy_key: string; kind: string; started_at: string | Date; finished_at: string | Date | null; outcome: string; forced: boolean }

/**
 * The workflow deploys the server (or the database) has for a window, as deploy notes:
 * `window done` adds those its local file lacks — a deploy whose `shiplog deploy` was
 * killed is there as unfinished. Null when they cannot be read now (offline).
 */
export async function recordedDeploys(env: CliEnv, windowId: string): Promise<DeployNote[] | null> {
  const windowKey = keys.window(windowId);
  let rows: DeploymentRow[];
  try {
    const remote = await serverOf(env);
    if (remote) {
      const q = `/api/tables/deployments?window_key=${encodeURIComponent(windowKey)}&limit=10000`;
      rows = (await remote.get<{ rows: DeploymentRow[] }>(q)).rows;
    } else {
      rows = await env.withStore(({ store }) => store.all<DeploymentRow>(
        'SELECT deploy_key, kind, started_at, finished_at, outcome, forced FROM deployments WHERE window_key = $1', [windowKey]), { create: false });
    }
  } catch (err) {
    env.log.debug({ err }, 'the recorded deploys of the window could not be read');
    return null;
  }
  const iso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());
  return rows.filter((r) => r.deploy_key.startsWith('deploy:workflow:')).map((r) => ({
    deploy_id: r.deploy_key.slice('deploy:workflow:'.length), kind: r.kind, started_at: iso(r.started_at) as string,
    finished_at: iso(r.finished_at), outcome: r.outcome, exit_code: null, changes: [], tasks: [], forced: Boolean(r.forced),
  }));
}

/** Delivers what an earlier command had to spool (quietly when it works). */
export async function flushSpool(env: CliEnv): Promise<void> {
  let spool: string;
  try {
    spool = spoolPathOf(env);
  } catch (err) {
    env.log.debug({ err }, 'no config, no spool to flush'); // the command itself reports a bad config
    return;
  }
  if (!spoolPending(spool)) return;
  try {
    const r = await recordEvents(env, []);
    if (r.delivered > 0) env.io.stderr(`shiplog: delivered ${r.delivered} spooled workflow event(s)\n`);
  } catch (err) {
    env.io.stderr(`shiplog: spooled workflow events not delivered: ${describeError(err)}\n`);
  }
}
