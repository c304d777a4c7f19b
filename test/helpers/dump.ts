// Table contents for equality checks: every table ordered by its key columns. Derive's own
// bookkeeping (derive_state, table_versions, step_state: how many times a table changed on
// the way, which a killed and resumed run counts differently) is left out, and so are the
// times and watermarks of rollup rebuilds.
import { openStore } from '../../src/store/index.ts';
import { CATALOGUE } from '../../src/model/catalogue/index.ts';

const BOOKKEEPING = ['derive_state', 'table_versions', 'step_state'];

export async function dumpTables(dbPath: string, opts: { omit?: Record<string, string[]> } = {}): Promise<Record<string, unknown[]>> {
  const store = await openStore(dbPath, { readOnly: true });
  try {
    const out: Record<string, unknown[]> = {};
    for (const { name: table, key: keys } of CATALOGUE) {
      if (BOOKKEEPING.includes(table)) continue;
      const rows = await store.all<Record<string, unknown>>(`SELECT * FROM "${table}" ORDER BY ${keys.map((k) => `"${k}"`).join(', ')}`);
      const omit = [...(opts.omit?.[table] ?? []), ...(table === 'rollup_state' ? ['refreshed_at', 'duration_ms', 'watermark'] : [])];
      for (const col of omit) for (const r of rows) delete r[col];
      out[table] = rows;
    }
    return out;
  } finally {
    await store.close();
  }
}
