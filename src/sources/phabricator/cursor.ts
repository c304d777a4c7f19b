// The sync cursor of one scope: the newest dateModified seen (t, epoch seconds), the tasks
// seen within the overlap window before it (id → dateModified), and the resolved project
// PHID. A re-run re-reads the overlap window (late-visible writes) but fetches history
// only for tasks whose dateModified it has not processed yet. Pure.

export interface Watermark {
  t: number;
  recent: Record<string, number>;
  project?: string;
}

export function parseCursor(cursor: string | null): Watermark | null {
  if (!cursor) return null;
  try {
    const w = JSON.parse(cursor) as Watermark;
    if (typeof w?.t === 'number' && w.recent && typeof w.recent === 'object') return w;
  } catch (err) {
    // An unreadable cursor (older format, hand edit) means "start over": a full read is safe.
    void err;
  }
  return null;
}

/** True when this version of the task (id, dateModified) was fully processed by an earlier run. */
export function alreadySeen(mark: Watermark | null, id: number, modified: number): boolean {
  if (!mark) return false;
  return mark.recent[String(id)] === modified;
}

/** The watermark after processing one task; keeps only tasks inside the overlap window. */
export function advance(w: Watermark | null, id: number, modified: number, overlapS: number, project?: string): Watermark {
  const t = Math.max(w?.t ?? 0, modified);
  const recent: Record<string, number> = {};
  for (const [k, v] of Object.entries({ ...(w?.recent ?? {}), [String(id)]: modified })) if (v >= t - overlapS) recent[k] = v;
  return { t, recent, ...(project ?? w?.project ? { project: project ?? w?.project } : {}) };
}
