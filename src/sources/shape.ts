// Input shapes, checked with zod inside a source's parse and normalize code: a value of the
// wrong type (a number where a name belongs, null in a list, a string for a list) becomes a
// reject that names where it sits and what was wrong, and the good items around it are kept.
// Schemas describe only the fields a source reads (loose objects: unknown fields pass).
import type { z } from 'zod';

/** `pipelines[1].name: expected string, received number`: the first issue, with its path. */
export function shapeIssue(error: z.ZodError, prefix = ''): string {
  const issue = error.issues[0];
  const path = (issue?.path ?? []).reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${String(p)}` : String(p)), prefix);
  return `${path || '(value)'}: ${issue?.message ?? 'invalid'}`;
}

/**
 * The elements of `list` that match `item`. Each one that does not, and `list` itself when
 * it is not an array (absent counts as empty), is reported once through `bad` with its path.
 */
export function validItems<T>(list: unknown, item: z.ZodType<T>, path: string, bad: (where: string, reason: string) => void): T[] {
  return validEntries(list, item, path, bad).map(([, v]) => v);
}

/** As validItems, with each good element's index in the original list (for naming places below it). */
export function validEntries<T>(list: unknown, item: z.ZodType<T>, path: string, bad: (where: string, reason: string) => void): [number, T][] {
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) {
    bad(path, `${path}: expected a list, received ${typeof list}`);
    return [];
  }
  const out: [number, T][] = [];
  list.forEach((el, i) => {
    const r = item.safeParse(el);
    if (r.success) out.push([i, r.data]);
    else bad(`${path}[${i}]`, shapeIssue(r.error, `${path}[${i}]`));
  });
  return out;
}
