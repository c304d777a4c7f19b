// standards.yaml → standards_targets rows: dated targets per repository fact (the shipped
// file, or sources.extensions.standards). Pure. A malformed file is a reject naming the
// file and the entry, never a crash; the entries before and after it still count.
import { parse } from 'yaml';
import { z } from 'zod';
import type { RowFor } from '../../model/catalogue/index.ts';
import type { Reject } from '../types.ts';

export const STANDARDS_VERSION = 1;

const day = z.union([z.string(), z.date()]).transform((v, c) => {
  const d = v instanceof Date ? v : new Date(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : v);
  if (Number.isNaN(d.getTime())) {
    c.addIssue({ code: 'custom', message: `not a date: ${String(v)}` });
    return z.NEVER;
  }
  return d;
});

const targetSchema = z.object({
  fact: z.string().regex(/^[a-z_]+\.[\w@/.+-]+$/, 'a fact id such as manifest.present or dep.eslint-config-wikimedia'),
  rule: z.enum(['>=', '=', 'present', 'absent', 'one_of']),
  target: z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number()]))]).optional(),
  since: day,
  note: z.string().optional(),
}).strict();

const fileSchema = z.object({
  version: z.literal(1),
  targets: z.array(z.unknown()).default([]),
  upstream: z.record(z.string(), z.array(z.object({ version: z.string(), released: day }).strict())).default({}),
}).strict();

export type StandardsRow = RowFor<'standards_targets'>;

/** The rows of a standards file; `rawId` and `file` name where they came from. */
export function standardsRows(text: string, file: string, rawId?: string): { rows: StandardsRow[]; rejects: Reject[] } {
  const rows: StandardsRow[] = [];
  const rejects: Reject[] = [];
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    return { rows, rejects: [{ rawId, kind: 'standards', key: 'standards.yaml', location: file, reason: `${file}: not valid YAML (${(err as Error).message.split('\n')[0]})` }] };
  }
  const top = fileSchema.safeParse(doc);
  if (!top.success) {
    const i = top.error.issues[0];
    return { rows, rejects: [{ rawId, kind: 'standards', key: 'standards.yaml', location: file, reason: `${file}: ${i.path.join('.') || '(top)'}: ${i.message}` }] };
  }
  top.data.targets.forEach((entry, n) => {
    const t = targetSchema.safeParse(entry);
    if (!t.success) {
      const i = t.error.issues[0];
      rejects.push({ rawId, kind: 'standards', key: `standards.yaml#${n}`, location: `${file}: targets[${n}]`, reason: `${file}: targets[${n}].${i.path.join('.')}: ${i.message}` });
      return;
    }
    const v = t.data;
    const target = v.target === undefined ? null : Array.isArray(v.target) ? v.target.map(String).join('|') : String(v.target);
    rows.push({
      target_key: `standards:main:${v.fact}:required:${v.since.toISOString()}`, source: 'standards', branch: 'main',
      fact: v.fact, truth: 'required', rule: v.rule, target, since_at: v.since, note: v.note ?? null,
      definition_version: STANDARDS_VERSION, raw_id: rawId ?? null,
    });
  });
  for (const [pkg, releases] of Object.entries(top.data.upstream)) {
    for (const r of releases) {
      rows.push({
        target_key: `standards:main:dep.${pkg}:latest:${r.released.toISOString()}`, source: 'standards', branch: 'main',
        fact: `dep.${pkg}`, truth: 'latest', rule: '=', target: r.version, since_at: r.released,
        note: 'upstream release (standards.yaml)', definition_version: STANDARDS_VERSION, raw_id: rawId ?? null,
      });
    }
  }
  return { rows, rejects };
}
