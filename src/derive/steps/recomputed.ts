// Writing the rows a step recomputed through ctx.write (both engines), instead of an
// UPDATE … FROM (DuckDB's). One catch: an upsert keeps a derived column's stored value when
// the new row has none, so a row whose step-set column becomes NULL is removed first and
// written anew.
import type { TableName } from '../../model/catalogue/index.ts';
import type { StepContext } from '../../model/step.ts';

type Row = Record<string, unknown>;

/** Keys per DELETE: one IN list of parameters. */
const CHUNK = 500;

/** Removes the rows of `table` whose `key` is one of `keys`. */
export async function removeKeys(ctx: Pick<StepContext, 'remove'>, table: TableName, key: string, keys: string[]): Promise<void> {
  for (let i = 0; i < keys.length; i += CHUNK) {
    const part = keys.slice(i, i + CHUNK);
    await ctx.remove(table, `${key} IN (${part.map((_, j) => `$${j + 1}`).join(', ')})`, part);
  }
}

/** Writes `rows` (whole rows of `table`, keyed by `key`); those where a column of `cleared` is NULL replace their stored row. */
export async function writeRecomputed(ctx: Pick<StepContext, 'remove' | 'write'>, table: TableName, key: string, rows: Row[], cleared: string[]): Promise<void> {
  if (rows.length === 0) return;
  const replace = rows.filter((r) => cleared.some((c) => r[c] == null)).map((r) => String(r[key]));
  await removeKeys(ctx, table, key, replace);
  await ctx.write(table, rows);
}
