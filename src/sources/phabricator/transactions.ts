// One Conduit transaction → one task_events row, for the kinds shiplog tracks: status,
// owner, priority, subtype, projects, mergedinto, comment and create. Reads the
// transaction.search shape (phorge TransactionSearchConduitAPIMethod: {type, fields,
// comments[]}) and the older maniphest.gettasktransactions shape ({transactionType,
// oldValue, newValue, comments}, perceval sample). Pure.
import { keys } from '../../model/ids.ts';
import type { RowFor } from '../../model/catalogue/index.ts';
import { parseConduitEpoch } from './time.ts';

export interface Transaction {
  id?: number;
  phid?: string;
  type?: string | null;
  authorPHID?: string;
  dateCreated?: number | string;
  comments?: { version?: number; removed?: boolean; content?: { raw?: string } }[] | string | null;
  fields?: Record<string, any>;
  // maniphest.gettasktransactions
  transactionID?: string;
  transactionType?: string;
  oldValue?: unknown;
  newValue?: unknown;
}

export const TRACKED_KINDS = ['status', 'owner', 'priority', 'subtype', 'projects', 'mergedinto', 'comment', 'create'] as const;

/** Old maniphest.gettasktransactions types → transaction.search types. */
const OLD_TYPES: Record<string, string> = {
  status: 'status', reassign: 'owner', priority: 'priority', mergedinto: 'mergedinto',
  'core:comment': 'comment', 'core:create': 'create', 'core:subtype': 'subtype',
};

const person = (v: unknown) => (typeof v === 'string' && v ? keys.identity('phabricator', v) : null);
const str = (v: unknown) => (v === null || v === undefined || v === '' ? null : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** The current text of a transaction's comment (highest version not removed), or null. */
export function commentText(x: Transaction): string | null {
  if (typeof x.comments === 'string') return x.comments || null;
  const live = (x.comments ?? []).filter((c) => !c.removed && typeof c.content?.raw === 'string');
  if (live.length === 0) return null;
  live.sort((a, b) => (b.version ?? 0) - (a.version ?? 0));
  return live[0].content!.raw!;
}

function values(kind: string, x: Transaction): [string | null, string | null] {
  const f = x.fields ?? {};
  const oldV = 'old' in f ? f.old : x.oldValue;
  const newV = 'new' in f ? f.new : x.newValue;
  switch (kind) {
    case 'owner':
      return [person(oldV), person(newV)];
    case 'priority':
      return [str(typeof oldV === 'object' && oldV ? (oldV as any).value : oldV), str(typeof newV === 'object' && newV ? (newV as any).value : newV)];
    case 'projects': {
      const ops: { operation?: string; phid?: string }[] = Array.isArray(f.operations) ? f.operations : [];
      const added = ops.filter((o) => o.operation === 'add').map((o) => o.phid);
      const removed = ops.filter((o) => o.operation === 'remove').map((o) => o.phid);
      return [removed.length ? removed.join(',') : null, added.length ? added.join(',') : null];
    }
    case 'comment':
    case 'create':
      return [null, null];
    default:
      return [str(oldV), str(newV)];
  }
}

export function eventRow(taskKey: string, x: Transaction, rawId: string): RowFor<'task_events'> | null {
  const kind = x.type ?? (x.transactionType ? OLD_TYPES[x.transactionType] : undefined);
  if (!kind || !(TRACKED_KINDS as readonly string[]).includes(kind)) return null;
  const id = x.id ?? x.transactionID;
  if (id === undefined || id === null) throw new Error(`${kind} transaction without an id`);
  const [oldValue, newValue] = values(kind, x);
  return {
    event_key: `${taskKey}/${id}`, task_key: taskKey, kind,
    occurred_at: parseConduitEpoch(x.dateCreated, 'dateCreated'), author: person(x.authorPHID),
    old_value: oldValue, new_value: newValue, comment: commentText(x), raw_id: rawId,
  };
}
