// Cross-entity link rules that need more than one source (a Change-Id in a commit and
// a change from Gerrit, a Jenkins build URL and a Zuul report…). Each rule is one .sql
// file in this folder returning (src_key, dst_key, evidence, confidence, first_seen_at);
// one line here per rule. Links a single record proves are made in normalize instead.

import type { TableName } from '../model/catalogue/index.ts';

export interface LinkRule {
  rule: string;
  file: string; // relative to src/link/
  description: string;
  /** The tables its SQL reads (views resolved to their tables): the rule re-runs when one changes. */
  reads: TableName[];
}

export const LINK_RULES: LinkRule[] = [
  { rule: 'jenkins-zuul-url', file: 'jenkins-zuul-url.sql', description: 'Jenkins build → the Zuul build row the Gerrit report made for the same job URL (high)', reads: ['ci_builds'] },
  { rule: 'deploy-in-window', file: 'deploy-in-window.sql', description: 'deployment → the backport/SWAT/train window it started in (time-based; medium/low)', reads: ['deployments', 'windows', 'links'] },
  { rule: 'window-plan', file: 'window-plan.sql', description: 'window opened by a deployer → the calendar window it carried out (time-based; medium)', reads: ['windows'] },
  { rule: 'same-deploy', file: 'same-deploy.sql', description: 'deployment recorded by shiplog deploy → the SAL record of the same run (medium)', reads: ['deployments'] },
  { rule: 'incident-reference', file: 'incident-reference.sql', description: 'incident → deployment its report names (SAL permalink or a change it carried; high)', reads: ['incidents', 'deployments', 'deployment_items', 'log_entries'] },
  { rule: 'time-proximity', file: 'incident-time-proximity.sql', description: 'incident → deployments started in the hours before the outage (low: proximity, not cause)', reads: ['incidents', 'deployments'] },
  { rule: 'change-id', file: 'change-id.sql', description: 'commit → Gerrit change of the same project and branch by its Change-Id footer (high)', reads: ['changes', 'commits', 'repos'] },
  { rule: 'depends-on', file: 'depends-on.sql', description: 'change → the changes its Depends-On footer names by Change-Id (high)', reads: ['changes'] },
  { rule: 'config-deploy-change', file: 'config-deploy-change.sql', description: 'config-merge deployment → the Gerrit change it merged, by Change-Id, same project and branch (high)', reads: ['changes', 'deployments', 'deployment_items', 'repos'] },
];
