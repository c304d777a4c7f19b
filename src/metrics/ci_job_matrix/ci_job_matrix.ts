// Report `ci_job_matrix`: builds and agent hours per job variant (family, vendor/composer,
// database, PHP version) read from job names. Docs: docs/metrics/ci_job_matrix.md.
import { z } from 'zod';
import { loadSql } from '../../store/sql.ts';
import { baseParams, defineMetric } from '../define.ts';

export const ciJobMatrix = defineMetric({
  id: 'ci_job_matrix',
  version: 1,
  kind: 'report',
  title: 'CI job matrix: builds and agent hours per PHP / database / vendor-composer variant',
  description: 'CI build runs grouped by the variant their job name encodes: family, deps (vendor|composer), db (mysql|mariadb|sqlite|postgres), php (php81 → 8.1)',
  params: baseParams.extend({ repo: z.string().min(1).optional() }),
  async run(ctx, p) {
    const rows = await ctx.store.all(loadSql(import.meta.url, 'ci_job_matrix.sql'), [p.since ?? null, p.until ?? null, p.repo ?? null, p.limit ?? 1000]);
    return { rows, notes: ['variants are read from job names; a job whose name has no variant token has NULL there'] };
  },
});
