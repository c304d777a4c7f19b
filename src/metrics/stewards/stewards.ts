// Stewards of extensions and skins: team and individual maintainers from mediawiki.org's
// Developers/Maintainers, and the {{Extension}} maintainer. Definition: docs/metrics/stewards.md.
import { loadSql } from '../../lib/sql.ts';
import { defineMetric } from '../define.ts';
import { stewardParams } from '../steward_activity/steward_activity.ts';

export const stewardsReport = defineMetric({
  id: 'stewards',
  version: 1,
  kind: 'report',
  title: 'Stewards of extensions and skins',
  description: 'Per repository: steward team, individual maintainers, consulted and informed from Developers/Maintainers, and the {{Extension|maintainer=}} in force',
  params: stewardParams,
  async run(ctx, p) {
    const rows = await ctx.store.all(loadSql(import.meta.url, 'stewards.sql'), [p.repo ?? null]);
    return { columns: ['repo', 'component', 'steward_team', 'maintainers', 'wiki_maintainer', 'consulted', 'informed', 'page', 'since_at'], rows: p.limit ? rows.slice(0, p.limit) : rows };
  },
});
