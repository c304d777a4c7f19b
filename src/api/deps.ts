// What createApp needs, injected: no module-level pools, config or clocks.
import type { Config } from '../config/schema.ts';
import type { Logger } from '../lib/log.ts';
import type { Scheduler } from '../schedule/scheduler.ts';
import type { Store } from '../store/index.ts';
import type { SourceLocks } from '../sync/locks.ts';
import type { ResponseCache } from './cache.ts';
import type { RequestStats } from './telemetry.ts';

export interface AppDeps {
  store: Store;
  config: Readonly<Config>;
  log: Logger;
  clock: () => Date;
  fetch: typeof fetch;
  /** Bearer tokens accepted for writes: server.token and the local CLI token of this run. */
  tokens: string[];
  /** Folder of the built web UI (dist/web), when present. */
  webRoot?: string;
  /** Request counts and latency for GET /metrics; createApp makes one when absent. */
  stats?: RequestStats;
  /** Answers of the GET data routes, keyed by the store generation; createApp makes one when absent. */
  cache?: ResponseCache;
  /** One sync per source at a time, shared with the schedule; createApp makes one when absent. */
  locks?: SourceLocks;
  /** The sync schedule, when the server runs one (`serve --sync`). */
  scheduler?: Scheduler;
}
