// Restricted tasks never leak: a task whose view policy is not public is reduced to its id
// and a "restricted" marker BEFORE collect yields it, so raw_records, tasks, task_events,
// links and everything built on them never hold its title, description, comments,
// projects, people or dates. Pure. The rule (docs/sources/phabricator.md):
//   restricted ⇔ fields.policy.view is missing or not "public"/"users", or subtype "security".
// Missing policy fails closed: a shape we do not understand is treated as restricted.

export const OPEN_VIEW_POLICIES = new Set(['public', 'users']);
export const RESTRICTED_SUBTYPES = new Set(['security']);

export interface RedactedTask {
  id: number;
  type: 'TASK';
  restricted: true;
  /** When shiplog saw it restricted (not the task's own dates): orders it against public states. */
  observed_at?: string;
}

type Obj = Record<string, unknown>;

function fieldsOf(task: unknown): Obj | null {
  const f = (task as Obj | null)?.fields;
  return f && typeof f === 'object' ? (f as Obj) : null;
}

export function isRestrictedTask(task: unknown): boolean {
  const f = fieldsOf(task);
  if (!f) return true;
  const view = (f.policy as Obj | undefined)?.view;
  if (typeof view !== 'string' || !OPEN_VIEW_POLICIES.has(view)) return true;
  return typeof f.subtype === 'string' && RESTRICTED_SUBTYPES.has(f.subtype);
}

export function isRedacted(task: unknown): task is RedactedTask {
  return (task as Obj | null)?.restricted === true;
}

/**
 * The id, the marker and when we saw it, nothing else (not even the PHID, which other
 * objects cite, nor the task's own dates).
 */
export function redactTask(task: unknown, observedAt?: Date): RedactedTask {
  const out: RedactedTask = { id: Number((task as Obj | null)?.id), type: 'TASK', restricted: true };
  if (observedAt && !Number.isNaN(observedAt.getTime())) out.observed_at = observedAt.toISOString();
  return out;
}

/** A task as it may be written: unchanged when public, redacted when restricted. */
export function safeTask(task: unknown, observedAt?: Date): unknown {
  return isRestrictedTask(task) ? redactTask(task, observedAt) : task;
}

/** A maniphest.search result with every restricted task in `data` redacted. */
export function redactSearchResult(result: unknown): unknown {
  const r = result as Obj;
  if (!r || !Array.isArray(r.data)) return result;
  return { ...r, data: r.data.map((t) => safeTask(t)) };
}
