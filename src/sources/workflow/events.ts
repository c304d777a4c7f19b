// The deployer workflow's events (`shiplog window start|done`, `shiplog deploy`), as the
// CLI records them and the server receives them: one JSON object each, ids made by the
// CLI so an event spooled offline and delivered later lands on the same rows.
// window-done and deploy-end repeat the fields of their start event, so each event maps
// to complete rows on its own (normalize stays record-by-record).
import { z } from 'zod';

const iso = z.iso.datetime({ offset: true });
const id = z.string().regex(/^[A-Za-z0-9][\w.:-]{2,120}$/, 'letters, digits, . _ : - (3–120)');

const windowFields = {
  window_id: id,
  name: z.string().min(1).max(200),
  opened_at: iso,
  deployer: z.string().min(1),
  host: z.string().nullable().default(null),
};

export const windowOpenEvent = z.object({ type: z.literal('window-open'), ...windowFields }).strict();
export const windowDoneEvent = z.object({ type: z.literal('window-done'), ...windowFields, closed_at: iso }).strict();

const deployFields = {
  deploy_id: id,
  window_id: id.nullable(),
  forced: z.boolean().default(false),
  kind: z.string().min(1),
  command: z.array(z.string()).min(1),
  message: z.string().nullable().default(null),
  changes: z.array(z.number().int().positive()).default([]),
  tasks: z.array(z.string().regex(/^T\d+$/)).default([]),
  started_at: iso,
  deployer: z.string().min(1),
  host: z.string().nullable().default(null),
};

export const deployStartEvent = z.object({ type: z.literal('deploy-start'), ...deployFields }).strict();
export const deployEndEvent = z
  .object({
    type: z.literal('deploy-end'),
    ...deployFields,
    finished_at: iso,
    exit_code: z.number().int(),
    outcome: z.enum(['ok', 'failed', 'aborted']),
    staged: z.boolean().default(false),
  })
  .strict();

export const workflowEvent = z.discriminatedUnion('type', [windowOpenEvent, windowDoneEvent, deployStartEvent, deployEndEvent]);

export type WorkflowEvent = z.infer<typeof workflowEvent>;
export type WindowOpenEvent = z.infer<typeof windowOpenEvent>;
export type WindowDoneEvent = z.infer<typeof windowDoneEvent>;
export type DeployStartEvent = z.infer<typeof deployStartEvent>;
export type DeployEndEvent = z.infer<typeof deployEndEvent>;

/** The raw key of an event: the window or deploy it is about. */
export function eventKey(e: WorkflowEvent): string {
  return e.type === 'window-open' || e.type === 'window-done' ? e.window_id : e.deploy_id;
}

/** Parses and validates one event's JSON text; a string says what is wrong. */
export function parseEvent(text: string): WorkflowEvent | string {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return `not JSON: ${(err as Error).message}`;
  }
  const parsed = workflowEvent.safeParse(raw);
  if (parsed.success) return parsed.data;
  const i = parsed.error.issues[0];
  return `invalid workflow event: ${i.path.join('.') || '(root)'}: ${i.message}`;
}
