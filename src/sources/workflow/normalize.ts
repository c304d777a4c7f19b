// Workflow events → `windows` (source 'workflow', opened_at/closed_at) and `deployments`
// (+ deployment_items), with the links the deployer stated: deploy → window
// (`workflow-window`), deploy → change / task (`workflow-deploy`), all high confidence,
// evidence = the wrapped command. Pure: no clock, no I/O.
import type { RowFor } from '../../model/catalogue/index.ts';
import { DEFAULT_GERRIT_HOST, keys } from '../../model/ids.ts';
import { output, type Output } from '../types.ts';
import type { NormalizeContext, NormalizeResult, RawRecord } from '../types.ts';
import { parseEvent, type DeployEndEvent, type DeployStartEvent, type WindowDoneEvent, type WindowOpenEvent } from './events.ts';

/** The kind of a window from the name the deployer gave it. */
export function windowKindOf(name: string): string {
  if (/\bswat\b/i.test(name)) return 'swat';
  if (/\btrain\b/i.test(name)) return 'train';
  if (/backport/i.test(name)) return 'backport';
  return 'other';
}

function windowRow(e: WindowOpenEvent | WindowDoneEvent, rawId: string): RowFor<'windows'> {
  return {
    window_key: keys.window(e.window_id), name: e.name, kind: windowKindOf(e.name), planned_start: null, planned_end: null,
    opened_at: new Date(e.opened_at), closed_at: e.type === 'window-done' ? new Date(e.closed_at) : null,
    deployers: [e.deployer], max_patches: null, requested_changes: [], source: 'workflow', raw_id: rawId,
  };
}

function deployRows(e: DeployStartEvent | DeployEndEvent, rawId: string, out: Output<'windows' | 'deployments' | 'deployment_items' | 'links'>): void {
  const deployKey = keys.deploy('workflow', e.deploy_id);
  const started = new Date(e.started_at);
  const end = e.type === 'deploy-end' ? e : null;
  const finished = end ? new Date(end.finished_at) : null;
  const evidence = e.command.join(' ');
  out.rows.deployments.push({
    deploy_key: deployKey, kind: e.kind, started_at: started, finished_at: finished,
    duration_s: finished ? (finished.getTime() - started.getTime()) / 1000 : null, deployer: e.deployer, host: e.host,
    message: e.message ?? evidence, outcome: end ? end.outcome : 'unfinished', staged: end ? end.staged : false,
    forced: e.forced, window_key: e.window_id ? keys.window(e.window_id) : null, repo: null, raw_id: rawId,
  });
  const link = (dst: string, rule: string) =>
    out.rows.links.push({ src_key: deployKey, dst_key: dst, rule, evidence, confidence: 'high', first_seen_at: started, raw_id: rawId });
  if (e.window_id) link(keys.window(e.window_id), 'workflow-window');
  let n = 0;
  for (const c of e.changes) {
    out.rows.deployment_items.push({
      item_key: `${deployKey}/${++n}`, deploy_key: deployKey, change_number: c, change_key: keys.change(DEFAULT_GERRIT_HOST, c),
      task_id: null, path: null, version: null, wiki_group: null, raw_id: rawId,
    });
    link(keys.change(DEFAULT_GERRIT_HOST, c), 'workflow-deploy');
  }
  for (const t of e.tasks) {
    out.rows.deployment_items.push({
      item_key: `${deployKey}/${++n}`, deploy_key: deployKey, change_number: null, change_key: null,
      task_id: t, path: null, version: null, wiki_group: null, raw_id: rawId,
    });
    link(keys.task(t), 'workflow-deploy');
  }
}

export function normalizeWorkflow(records: RawRecord[], _ctx: NormalizeContext): Output<'windows' | 'deployments' | 'deployment_items' | 'links'> {
  const out = output('windows', 'deployments', 'deployment_items', 'links');
  for (const rec of records) {
    const e = parseEvent(rec.payload);
    if (typeof e === 'string' || e.type !== rec.kind) {
      const reason = typeof e === 'string' ? e : `event type "${e.type}" stored as kind "${rec.kind}"`;
      out.rejects.push({ rawId: rec.rawId, kind: rec.kind, key: rec.key, location: rec.url ?? rec.key, reason });
      continue;
    }
    if (e.type === 'window-open' || e.type === 'window-done') out.rows.windows.push(windowRow(e, rec.rawId));
    else deployRows(e, rec.rawId, out);
  }
  return out;
}
