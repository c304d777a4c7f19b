// Raw layout-diff items are read whole by derive (a diff means something only on top of
// the version before it), so normalize writes no rows: it checks each item is a readable
// diff of the layout file and rejects the rest, naming the commit and the file.
import { output, type NormalizeContext, type Output, type RawRecord } from '../types.ts';
import type { LayoutChange } from './collect.ts';

export function readChange(payload: string): LayoutChange | string {
  try {
    const c = JSON.parse(payload) as LayoutChange;
    if (typeof c.sha !== 'string' || typeof c.at !== 'number' || typeof c.patch !== 'string') return 'missing sha, time or patch';
    return c;
  } catch (err) {
    return (err as Error).message;
  }
}

export function normalizeCiConfig(records: RawRecord[], ctx: NormalizeContext): Output<'repo_facts'> {
  const out = output('repo_facts');
  for (const rec of records) {
    if (rec.kind !== 'layout-diff') {
      out.rejects.push({ rawId: rec.rawId, kind: rec.kind, key: rec.key, reason: `unknown ci-config record kind "${rec.kind}"` });
      continue;
    }
    const c = readChange(rec.payload);
    if (typeof c === 'string') {
      out.rejects.push({ rawId: rec.rawId, kind: rec.kind, key: rec.key, location: rec.url ?? rec.key, reason: `${ctx.scope}: layout diff ${rec.key} is not readable: ${c}` });
    } else if (c.patch !== '' && !/^@@ /m.test(c.patch) && !/^Binary files/m.test(c.patch)) {
      out.rejects.push({ rawId: rec.rawId, kind: rec.kind, key: rec.key, location: `${ctx.scope}@${c.sha}:${c.file}`, reason: `${c.file} at commit ${c.sha} of ${ctx.scope}: no hunk in the diff` });
    }
  }
  return out;
}
