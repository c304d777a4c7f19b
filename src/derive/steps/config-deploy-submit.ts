// Derive step `config-deploy-submit`: a config deployment (kind config-merge, one per
// first-parent commit of operations/mediawiki-config) happened when Gerrit submitted its
// change, by who approved it, not at the commit's committer time by its author (a
// fast-forward submit keeps the upload's committer time). Whole-table SQL over commits,
// changes, patchsets and votes, so importing git then Gerrit or Gerrit then git gives the
// same rows. Each part selects the rows that moved, replaced by the engine (store.replaceRows:
// on DuckDB as fast as the UPDATE … FROM it replaces; through JavaScript it was 15× slower).
// Registered in src/derive/registry.ts.
import { loadSql } from '../../lib/sql.ts';
import type { TableName } from '../../model/catalogue/index.ts';
import type { StepContext } from '../../model/step.ts';

/** The part of the derive layer's StepContext this step uses. */
export type SqlStepContext = Pick<StepContext, 'all' | 'replace'>;

export const configDeploySubmitStep = {
  name: 'config-deploy-submit',
  description: 'config-merge deployment → its Gerrit change (by Change-Id), dated by the submit and attributed to the last Code-Review+2 (time_basis gerrit-submit), else the commit (git-commit)',
  reads: ['deployments', 'deployment_items', 'commits', 'changes', 'patchsets', 'votes', 'repos'] as TableName[],
  writes: ['deployments', 'deployment_items'] as TableName[],
  async run(ctx: SqlStepContext): Promise<void> {
    await ctx.replace('deployment_items', loadSql(import.meta.url, 'config-deploy-change.sql'));
    await ctx.replace('deployments', loadSql(import.meta.url, 'config-deploy-time.sql'));
  },
};
