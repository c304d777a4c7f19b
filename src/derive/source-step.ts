// A source's derive() as a step of the graph: it runs when a table it declares it reads
// changed (whoever changed it), over every scope the source has, and its result — rows,
// deletes, statements, rejects — goes through the step's context, so its writes are
// counted and checked against the tables the catalogue lets the source write.
import { CATALOGUE, type TableName } from '../model/catalogue/index.ts';
import type { Step, StepInput } from '../model/step.ts';
import type { Source } from '../sources/types.ts';

/** The tables the catalogue lets a writer (a source, a step) write. */
export function tablesOfWriter(writer: string): TableName[] {
  return CATALOGUE.filter((t) => (t.writers as readonly string[]).includes(writer)).map((t) => t.name);
}

export function sourceStep(source: Source<unknown>, spec: { name: string; description: string; reads: StepInput[]; writes?: TableName[] }): Step {
  const derive = source.derive;
  if (!derive) throw new Error(`${source.name} has no derive`);
  return {
    name: spec.name,
    description: spec.description,
    reads: spec.reads,
    writes: spec.writes ?? tablesOfWriter(source.name),
    async run(ctx) {
      const scopes = (await ctx.all<{ scope: string }>('SELECT scope FROM sync_state WHERE source = $1 ORDER BY scope', [source.name])).map((r) => r.scope);
      const res = await derive((sql, params) => ctx.all(sql, params), { scopes });
      for (const d of res.deletes ?? []) await ctx.remove(d.table as TableName, d.where, d.params);
      for (const [table, rows] of Object.entries(res.rows)) {
        if (rows && rows.length > 0) await ctx.write(table as TableName, rows as Record<string, unknown>[]);
      }
      for (const st of res.statements ?? []) await ctx.run(st.sql, st.params, st.changes);
      for (const r of res.rejects) ctx.reject(r);
    },
  };
}
