// Workflow events as raw items: handed over in memory by the CLI or the API
// (options.events, scope "events"), or read from JSON-lines files (a spool file, an
// export; one event per line, location file:line). Each event's JSON text is stored
// unchanged; an unreadable line is a reject. I/O only.
import { readFileSync } from 'node:fs';
import { ShiplogError } from '../../lib/errors.ts';
import type { Batch, CollectContext, RawItem, Reject } from '../types.ts';
import type { WorkflowConfig } from './config.ts';

export const EVENTS_SCOPE = 'events';

function itemOf(text: string, url: string): RawItem | Reject {
  let e: { type?: unknown; window_id?: unknown; deploy_id?: unknown };
  try {
    e = JSON.parse(text);
  } catch (err) {
    return { location: url, reason: `not JSON: ${(err as Error).message}` };
  }
  if (!e || typeof e !== 'object' || Array.isArray(e)) return { location: url, reason: 'not a workflow event: not a JSON object' };
  const key = e.type === 'window-open' || e.type === 'window-done' ? e.window_id : e.deploy_id;
  if (typeof e.type !== 'string' || typeof key !== 'string') {
    return { location: url, reason: 'not a workflow event: needs "type" and "window_id" or "deploy_id"' };
  }
  return { kind: e.type, key, payload: text, url };
}

export async function* collectWorkflow(ctx: CollectContext<WorkflowConfig>): AsyncGenerator<Batch> {
  const items: RawItem[] = [];
  const rejects: Reject[] = [];
  const add = (r: RawItem | Reject) => ('payload' in r ? items.push(r) : rejects.push(r));
  if (ctx.scope === EVENTS_SCOPE) {
    const events = (ctx.options.events as unknown[] | undefined) ?? [];
    events.forEach((e, i) => add(itemOf(typeof e === 'string' ? e : JSON.stringify(e), `event[${i}]`)));
  } else {
    let text: string;
    try {
      text = readFileSync(ctx.scope, 'utf8');
    } catch (err) {
      throw new ShiplogError('bad_request', `workflow: cannot read ${ctx.scope}: ${(err as Error).message}`, { cause: err });
    }
    text.split('\n').forEach((line, i) => {
      if (line.trim() !== '') add(itemOf(line, `${ctx.scope}:${i + 1}`));
    });
  }
  yield { items, rejects, cursor: null, progress: { done: items.length, total: items.length } };
}
