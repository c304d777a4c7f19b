// Row counts of several tables in one query, as status shows them: the plain way, which each
// engine may do better (ClickHouse keeps counts by the tables' parts: clickhouse/counts.ts).
import type { Params } from './types.ts';

/** Count of rows of each named table (catalogue names, quoted), in one round trip. */
export async function countEach(all: <T>(sql: string, params?: Params) => Promise<T[]>, names: string[]): Promise<Record<string, number>> {
  if (names.length === 0) return {};
  const [row] = await all<Record<string, unknown>>(`SELECT ${names.map((t) => `(SELECT count(*) FROM "${t}") AS "${t}"`).join(', ')}`);
  return Object.fromEntries(names.map((t) => [t, Number(row[t])]));
}
