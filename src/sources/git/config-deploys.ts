// Config deployments of operations/mediawiki-config: each commit on the first-parent line
// of the branch was merged and thereby deployed, so it is a `deployments` row of kind
// `config-merge` (author = point of contact) with its change (by Change-Id) and tasks
// (Bug: footers) as deployment_items, and deploy → task links, at the commit's time. The
// change number, the Gerrit submit time and the deployer are set by the derive step
// src/derive/steps/config-deploy-submit from the tables, and deploy → change links by the
// SQL rule src/link/config-deploy-change.sql, so they come out the same whichever import
// (git or Gerrit) comes first.
import type { RowFor, RowsFor } from '../../model/catalogue/index.ts';
import { keys } from '../../model/ids.ts';
import type { DeriveResult, ReadFn } from '../types.ts';

interface LineCommit {
  sha: string;
  author_name: string | null;
  author_email: string | null;
  committed_at: Date;
  subject: string | null;
  message: string | null;
  change_id: string | null;
  bug_tasks: string[] | null;
  raw_id: string;
}

/** Rows for the given first-parent commits; pure. */
export function configDeployRows(repo: string, commits: LineCommit[]): RowsFor<'deployments' | 'deployment_items' | 'links'> {
  const deployments: RowFor<'deployments'>[] = [];
  const items: RowFor<'deployment_items'>[] = [];
  const links: RowFor<'links'>[] = [];
  for (const c of commits) {
    const deployKey = keys.deploy('git', c.sha);
    deployments.push({
      deploy_key: deployKey, kind: 'config-merge', started_at: c.committed_at, finished_at: c.committed_at, duration_s: 0,
      deployer: c.author_email ? keys.identity('git', c.author_email.toLowerCase()) : null, host: null, message: c.subject,
      outcome: 'ok', staged: false, forced: false, window_key: null, repo, raw_id: c.raw_id,
    });
    let n = 0;
    const item = (fields: Partial<RowFor<'deployment_items'>>) => items.push({
      item_key: `${deployKey}/${++n}`, deploy_key: deployKey, change_number: null, change_key: null, change_id: null,
      task_id: null, path: null, version: null, wiki_group: null, raw_id: c.raw_id, ...fields,
    });
    if (c.change_id) item({ change_id: c.change_id });
    const lines = (c.message ?? '').split('\n');
    for (const task of c.bug_tasks ?? []) {
      item({ task_id: task });
      const evidence = lines.find((l) => /^\s*bug:/i.test(l) && new RegExp(`\\b${task}\\b`).test(l))?.trim() ?? `Bug: ${task}`;
      links.push({
        src_key: deployKey, dst_key: keys.task(task), rule: 'config-deploy', evidence, confidence: 'high',
        first_seen_at: c.committed_at, raw_id: c.raw_id,
      });
    }
  }
  return { deployments, deployment_items: items, links };
}

/** An empty list parameter has no type in DuckDB; [''] matches no key just the same. */
export function nonEmpty(list: string[]): string[] {
  return list.length > 0 ? list : [''];
}

/** Deployments of one repository from its first-parent line (computed by derive.ts). */
export async function deriveConfigDeploys(read: ReadFn, repo: string, line: string[]): Promise<DeriveResult> {
  // Incremental: commits never change, so only commits new on the line get rows, and
  // deployments whose commit left the line (a rewritten history) are deleted.
  const existing = new Set((await read<{ deploy_key: string }>(
    `SELECT deploy_key FROM deployments WHERE repo = $1 AND kind = 'config-merge'`, [repo])).map((r) => r.deploy_key));
  const onLine = new Set(line.map((sha) => keys.deploy('git', sha)));
  const fresh = line.filter((sha) => !existing.has(keys.deploy('git', sha)));
  const stale = [...existing].filter((k) => !onLine.has(k));
  const out: DeriveResult = { rows: {}, rejects: [], deletes: [], statements: [] };
  if (stale.length > 0) {
    out.deletes = [
      { table: 'links', where: `rule = 'config-deploy' AND src_key IN (SELECT unnest($1))`, params: [stale] },
      { table: 'deployment_items', where: 'deploy_key IN (SELECT unnest($1))', params: [stale] },
      { table: 'deployments', where: 'deploy_key IN (SELECT unnest($1))', params: [stale] },
    ];
  }
  if (fresh.length === 0) return out;
  const commits = await read<LineCommit>(
    `SELECT sha, author_name, author_email, committed_at, subject, message, change_id, bug_tasks, raw_id
       FROM commits WHERE repo = $1 AND sha IN (SELECT unnest($2))`, [repo, fresh]);
  out.rows = configDeployRows(repo, commits);
  return out;
}
