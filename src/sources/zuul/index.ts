// The `zuul` source: Zuul v2 status.json snapshots (pipelines, queues, enqueue and job start
// times) → zuul_queue_items, for queue wait per pipeline over time. `shiplog import zuul
// <file…>` or `shiplog sync zuul` polling sources.zuul.url.
import type { Source } from '../types.ts';
import { collectZuul } from './collect.ts';
import { zuulConfigSchema, type ZuulConfig } from './config.ts';
import { normalizeZuul } from './normalize.ts';

export const zuulSource: Source<ZuulConfig> = {
  name: 'zuul',
  description: 'Zuul v2 status.json snapshots → queue items with enqueue and first job start (queue wait)',
  configSchema: zuulConfigSchema,
  scopes: ({ config, paths }) => (paths.length > 0 ? ['files'] : config ? [new URL(config.url).host] : []),
  collect: collectZuul,
  normalize: (records) => normalizeZuul(records),
};
