// Report `ci_job_matrix`: builds and agent hours per job variant (family, vendor/composer,
// database, PHP version) read from job names. Docs: docs/metrics/ci_job_matrix.md.
import { z } from 'zod';
import { CI_TABLES } from '../../rollups/define.ts';
import { reportRollup } from '../../rollups/report.ts';
import { loadSql } from '../../lib/sql.ts';

import { baseParams, defineMetric } from '../define.ts';

export const ciJobMatrixRollup = reportRollup('ci_job_matrix', CI_TABLES, () => ({
  sql: loadSql(import.meta.url, 'ci_job_matrix.sql'), params: [null, null, null, null],
}));

export const ciJobMatrix = defineMetric({
  id: 'ci_job_matrix',
  version: 1,
  kind: 'report',
  title: 'CI job matrix: builds and agent hours per PHP / database / vendor-composer variant',
  description: 'CI build runs grouped by the variant their job name encodes: family, deps (vendor|composer), db (mysql|mariadb|sqlite|postgres), php (php81 → 8.1)',
  params: baseParams.extend({ repo: z.string().min(1).optional() }),
  async run(ctx, p) {
    const stored = !p.since && !p.until && !p.repo ? await ciJobMatrixRollup.read(ctx.store, p.limit ?? 1000) : null;
    const rows = stored ?? await ctx.store.all(loadSql(import.meta.url, 'ci_job_matrix.sql'), [p.since ?? null, p.until ?? null, p.repo ?? null, p.limit ?? 1000]);
    return {
      rows,
      notes: [
        'variants are read from job names; a job whose name has no variant token has NULL there',
        stored ? 'read from rollup_report_ci_job_matrix, rebuilt after each import or sync of CI data' : 'computed from ci_runs',
      ],
    };
  },
});
