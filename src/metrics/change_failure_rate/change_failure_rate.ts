// Metric `change_failure_rate`: deployments an incident is linked to ÷ deployments, per
// month; the explicit variant and the time-proximity variant in separate, labelled rows.
// Definition and exclusions: docs/metrics/change_failure_rate.md.
import { loadSql } from '../../lib/sql.ts';
import { baseParams, defineMetric } from '../define.ts';

export const changeFailureRate = defineMetric({
  id: 'change_failure_rate',
  version: 1,
  kind: 'metric',
  title: 'Change failure rate per month (explicit incident links; time-proximity variant labelled apart)',
  description: 'Share of the month\'s deployments that an incident report links to: explicitly (rule incident-reference, deployment started before the outage) or, separately, by time proximity (low confidence)',
  unit: 'ratio',
  params: baseParams,
  async run(ctx, p) {
    const rows = await ctx.store.all(loadSql(import.meta.url, 'change_failure_rate.sql'), [p.since ?? null, p.until ?? null]);
    return {
      columns: ['month', 'variant', 'confidence', 'deployments', 'failed', 'rate'],
      rows,
      notes: [
        'explicit: the incident report names the deployment (SAL permalink, or a change it carried) and the deployment started at or before the outage began',
        'time-proximity: the deployment started within the incident\'s preceding hours (sources.incidents.preceding_hours, default 4) — low confidence, NOT evidence that it caused the incident',
        'cookbooks, locks, scap installs and cleans are not counted as deployments; nor are config-merge rows (the merge of a mediawiki-config commit: the sync that deployed it is counted)',
      ],
    };
  },
});
