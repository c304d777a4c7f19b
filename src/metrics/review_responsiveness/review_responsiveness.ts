// Review responsiveness of an extension or skin: human time to first review on Gerrit,
// bots and the owner excluded. Definition: docs/metrics/review_responsiveness.md.
import { loadSql } from '../../lib/sql.ts';
import { defineMetric } from '../define.ts';
import { stewardParams } from '../steward_activity/steward_activity.ts';

/** Reviewers that are bots: matched against a voter's name, username and account id. */
export const REVIEW_BOTS = 'jenkins-bot|libraryupgrader|l10n-bot|translatewiki|gerritbot|sonarqube|pipelinebot|wikibugs|\\bbot\\b';

export const reviewResponsiveness = defineMetric({
  id: 'review_responsiveness',
  version: 1,
  kind: 'metric',
  title: 'Review responsiveness',
  description: 'Per repository: changes created in the window, how many got a human review, median and p80 hours to the first one, share within 7 days',
  unit: 'hours',
  params: stewardParams,
  async run(ctx, p) {
    const rows = await ctx.store.all(loadSql(import.meta.url, 'review_responsiveness.sql'), [p.repo ?? null, p.since ?? null, p.until ?? null, REVIEW_BOTS]);
    return {
      columns: ['repo', 'changes', 'reviewed', 'median_hours_to_first_review', 'p80_hours', 'share_within_7d'],
      rows: p.limit ? rows.slice(0, p.limit) : rows,
      notes: [`a review is a Code-Review vote or a non-automatic message by someone other than the owner; bots (${REVIEW_BOTS}) excluded`],
    };
  },
});
