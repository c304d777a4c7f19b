// Applies src/store/schema/NNN_name.sql files in order, once each, recording them in
// schema_version. A migration runs inside one transaction: it applies whole or not at all.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ShiplogError } from '../../lib/errors.ts';
import type { Store } from '../types.ts';

const SCHEMA_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'schema');

export function listMigrations(dir = SCHEMA_DIR): { version: number; name: string; path: string }[] {
  return readdirSync(dir)
    .filter((f) => /^\d+_[\w-]+\.sql$/.test(f))
    .map((f) => ({ version: Number(f.split('_')[0]), name: f, path: join(dir, f) }))
    .sort((a, b) => a.version - b.version);
}

export async function migrate(store: Store, dir = SCHEMA_DIR): Promise<number> {
  await store.run(
    'CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)',
  );
  const done = new Set(
    (await store.all<{ version: number }>('SELECT version FROM schema_version')).map((r) => r.version),
  );
  let applied = 0;
  for (const m of listMigrations(dir)) {
    if (done.has(m.version)) continue;
    const text = readFileSync(m.path, 'utf8');
    await store.transaction(async (tx) => {
      try {
        await tx.run(text);
      } catch (err) {
        throw new ShiplogError('store_failure', `migration ${m.path} failed: ${(err as Error).message}`, { cause: err });
      }
      await tx.run('INSERT INTO schema_version VALUES ($1, $2, now()::TIMESTAMP)', [m.version, m.name]);
    });
    applied++;
  }
  return applied;
}
