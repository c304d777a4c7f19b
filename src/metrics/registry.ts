// Every metric and report, one line each (see define.ts).
import type { MetricDefinition } from './define.ts';

export const METRICS: MetricDefinition<any>[] = [
];

export function findMetric(id: string): MetricDefinition<any> | undefined {
  return METRICS.find((m) => m.id === id);
}
