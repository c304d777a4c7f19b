// Table contents for equality checks: every table ordered by its key columns (derive_state,
// derive's own bookkeeping, is left out, and so are the times of rollup rebuilds).
import { openStore } from '../../src/store/index.ts';
import { CATALOGUE } from '../../src/model/catalogue/index.ts';

export async function dumpTables(dbPath: string, opts: { omit?: Record<string, string[]> } = {}): Promise<Record<string, unknown[]>> {
  const store = await openStore(dbPath, { readOnly: true });
  try {
    const out: Record<string, unknown[]> = {};
    for (const { name: table, key: keys } of CATALOGUE) {
      if (table === 'derive_state') continue;
      const rows = await store.all<Record<string, unknown>>(`SELECT * FROM "${table}" ORDER BY ${keys.map((k) => `"${k}"`).join(', ')}`);
      const omit = [...(opts.omit?.[table] ?? []), ...(table === 'rollup_state' ? ['refreshed_at', 'duration_ms'] : [])];
      for (const col of omit) for (const r of rows) delete r[col];
      out[table] = rows;
    }
    return out;
  } finally {
    await store.close();
  }
}
