// Where workflow events go: a shiplog server over HTTP (server.url + server.token, or the
// local `shiplog serve` that owns the database) through POST /api/windows,
// /api/windows/{key}/done and /api/deployments; or, with no server, the local database
// through the pipeline. Each request has a timeout so a deploy never hangs on a dead server.
import { ShiplogError } from '../lib/errors.ts';
import { keys } from '../model/ids.ts';
import type { WorkflowEvent } from '../sources/workflow/events.ts';
import type { DeliveryTarget } from './deliver.ts';

export const REQUEST_TIMEOUT_MS = 5000;

/** The route and body of one event. */
export function routeOf(e: WorkflowEvent): string {
  if (e.type === 'window-open') return '/api/windows';
  if (e.type === 'window-done') return `/api/windows/${encodeURIComponent(keys.window(e.window_id))}/done`;
  return '/api/deployments';
}

/** fetch with a timeout on every call. */
export function fetchWithTimeout(fetchImpl: typeof fetch, ms = REQUEST_TIMEOUT_MS): typeof fetch {
  return ((input: RequestInfo | URL, init?: RequestInit) =>
    fetchImpl(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(ms) })) as typeof fetch;
}

/** A running shiplog server the CLI talks to (src/cli/remote.ts finds and builds one). */
export interface Remote {
  url: string;
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
}

export function serverTarget(remote: Remote): DeliveryTarget {
  return {
    name: remote.url,
    async send(events) {
      for (let i = 0; i < events.length; i++) {
        try {
          await remote.post(routeOf(events[i]), events[i]);
        } catch (err) {
          return { delivered: i, error: err };
        }
      }
      return { delivered: events.length };
    },
  };
}

/** The local database: all events in one pipeline run (all or nothing). */
export function databaseTarget(name: string, ingest: (events: WorkflowEvent[]) => Promise<{ errors: string[] }>): DeliveryTarget {
  return {
    name,
    async send(events) {
      try {
        const summary = await ingest(events);
        if (summary.errors.length > 0) return { delivered: 0, error: new ShiplogError('store_failure', summary.errors.join('; ')) };
        return { delivered: events.length };
      } catch (err) {
        return { delivered: 0, error: err };
      }
    },
  };
}
