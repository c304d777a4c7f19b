// What `shiplog window` and `shiplog deploy` share: where the spool and the open-window
// file are, where events go (server.url, else the local server that owns the database,
// else the database itself), and recording events so none is lost: delivered now, or
// spooled and delivered by the next shiplog command (flushSpool runs before each).
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { describeError } from '../lib/errors.ts';
import type { WorkflowEvent } from '../sources/workflow/events.ts';
import { deliverEvents, spoolPending, type DeliveryReport, type DeliveryTarget } from '../workflow/deliver.ts';
import { statePathOf } from '../workflow/state.ts';
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

async function targetOf(env: CliEnv): Promise<DeliveryTarget> {
  const { server } = env.loaded.config;
  const fetchImpl = fetchWithTimeout(env.io.fetch);
  if (server.url) return serverTarget(remoteClient(server.url.replace(/\/$/, ''), server.token, fetchImpl));
  const local = await env.remote();
  if (local) return serverTarget(local);
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
