// Report `dora`: the four DORA keys (and rework rate) on the train model, per class of
// deployment (train promotions; backports and config syncs) and, for the train, per wiki
// group; the four keys graded against a selectable, versioned benchmark set. Every row
// names its event definition, every grade its benchmark id@version.
// Definition: docs/metrics/dora.md.
import { z } from 'zod';
import { loadSql } from '../../lib/sql.ts';
import { baseParams, defineMetric } from '../define.ts';
import { BENCHMARK_IDS, gradeOf, loadBenchmark, type GradedMeasure } from './benchmarks.ts';
import { doraFigures, type ChangeTimeRow, type Figure, type IncidentRow, type SyncRow, type TrainChangeRow, type TrainEventRow, type WindowRow } from './compute.ts';
import type { TrainTimes } from './membership.ts';

export const COLUMNS = ['class', 'wiki_group', 'measure', 'value', 'p90', 'n', 'unit', 'grade', 'grade_band', 'benchmark', 'event_definition'];

/** Which DORA key a figure is graded as, and how its value is read for the table. */
const GRADED: Partial<Record<Figure['measure'], { key: GradedMeasure; scale: number }>> = {
  promotions_per_week: { key: 'deployment_frequency', scale: 1 / 7 },
  deployments_per_week: { key: 'deployment_frequency', scale: 1 / 7 },
  lead_time_h: { key: 'lead_time', scale: 1 },
  change_failure_rate_per_train: { key: 'change_failure_rate', scale: 1 },
  change_failure_rate_per_promotion: { key: 'change_failure_rate', scale: 1 },
  change_failure_rate: { key: 'change_failure_rate', scale: 1 },
  time_in_failure_h: { key: 'recovery_time', scale: 1 },
  time_to_restore_h: { key: 'recovery_time', scale: 1 },
};

export const dora = defineMetric({
  id: 'dora',
  version: 1,
  kind: 'report',
  title: 'DORA on the train model (per class of deployment and wiki group, graded against a benchmark set)',
  description: 'Deployment frequency, lead time for changes (review, wait for the branch cut, roll-out; backports merge → sync), change failure rate per train and per promotion, time in failure, rework rate; train promotions and backport/config syncs apart',
  params: baseParams.extend({ benchmark: z.enum(BENCHMARK_IDS).default('dora-2024') }),
  async run(ctx, p) {
    const q = <T>(file: string) => ctx.store.all<T>(loadSql(import.meta.url, file));
    const [trains, events, changes, syncs, windows, bugs, incidents, changeTimes] = await Promise.all([
      q<TrainTimes>('dora-trains.sql'), q<TrainEventRow>('dora-train-events.sql'), q<TrainChangeRow>('dora-train-changes.sql'),
      q<SyncRow>('dora-syncs.sql'), q<WindowRow>('dora-windows.sql'), q<{ task_id: string }>('dora-bugs.sql'), q<IncidentRow>('dora-incidents.sql'),
      q<ChangeTimeRow>('dora-change-times.sql'),
    ]);
    const { figures, since, until } = doraFigures({
      trains, events, changes, syncs, windows, bugs: bugs.map((b) => b.task_id), incidents, changeTimes,
      since: p.since ? new Date(p.since) : undefined, until: p.until ? new Date(p.until) : undefined,
    });
    const bench = loadBenchmark(p.benchmark);
    const rows = figures.map((f) => {
      const g = GRADED[f.measure];
      const grade = g && f.value !== null ? gradeOf(bench, g.key, f.value * g.scale) : null;
      return { ...f, grade: grade?.level ?? null, grade_band: grade?.text ?? null, benchmark: grade?.benchmark ?? null };
    });
    return {
      columns: COLUMNS,
      rows: p.limit ? rows.slice(0, p.limit) : rows,
      benchmark: `${bench.id}@${bench.version}`,
      period: { since: since ?? null, until: until ?? null },
      notes: [
        `period ${since?.toISOString() ?? '—'} to ${until?.toISOString() ?? '—'} (the asked one, else first to last event)`,
        `graded against ${bench.id}@${bench.version}: ${bench.source.report}, ${bench.source.url}`,
        'value is the median for durations (p90 beside it), a rate or ratio otherwise; n is how many events it was computed over',
        'the branch cut is not recorded: it is read as the first change on the wmf/<version> branch or the first roll-forward, whichever is earlier',
      ],
    };
  },
});
